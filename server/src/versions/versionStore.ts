/**
 * Named versions as stored: saving the current state (read from storage off the main thread,
 * compressed on the thread pool; the write queue only inserts the row), listing, reading and
 * deleting. Light on purpose: saving a version never loads Tiptap; the comparison, the content as
 * ProseMirror JSON and restoring live in `versionService.ts`, loaded on first use.
 */
import type { Actor } from "@parley/shared/model/actor";
import { newId } from "@parley/shared/model/ids";
import type { VersionRoomStates } from "@parley/shared/versions/authorshipBetween";
import type { RoomManager } from "../core/roomManager.js";
import type { DocumentStorage, VersionKind, VersionRecord } from "../storage/documentStorage.js";
import { packedBytes, packVersion, unpackVersion } from "../storage/versionCodec.js";
import { currentStates } from "./roomStates.js";

export interface NewVersion {
  frameworkId: string;
  name: string;
  note: string;
  kind: VersionKind;
  by: Actor;
}

/** One side of a comparison: a stored version, or the current state (`record` null). */
export interface ComparedSide {
  record: VersionRecord | null;
  states: VersionRoomStates;
}

export class VersionStore {
  constructor(
    private readonly storage: DocumentStorage,
    private readonly manager: RoomManager,
  ) {}

  /**
   * Saves the framework's current state as a version; null if the framework does not exist. The
   * state is read from the live rooms (or storage) and compressed before the write queue is
   * entered: the queue only inserts the row.
   */
  async create(input: NewVersion, states?: VersionRoomStates): Promise<VersionRecord | null> {
    const current = states ?? (await currentStates(this.manager, this.storage, input.frameworkId));
    const content = await packVersion(current);
    const record: VersionRecord = {
      id: newId("v"),
      frameworkId: input.frameworkId,
      name: input.name,
      note: input.note,
      kind: input.kind,
      by: input.by,
      at: new Date().toISOString(),
      size: current.framework.byteLength + current.discussion.byteLength,
      storedBytes: packedBytes(content),
    };
    const stored = await this.manager.queue.run(() => this.storage.createVersion(record, content));
    return stored ? record : null;
  }

  list(frameworkId: string): Promise<VersionRecord[]> {
    return this.storage.listVersions(frameworkId);
  }

  /** A version's record and room states, or null. */
  async read(frameworkId: string, versionId: string): Promise<ComparedSide | null> {
    const stored = await this.storage.getVersion(frameworkId, versionId);
    if (!stored) return null;
    const { content, ...record } = stored;
    return { record, states: await unpackVersion(content) };
  }

  /** `versionId` or, for "now", the current state; null for an unknown version. */
  async side(frameworkId: string, versionId: string): Promise<ComparedSide | null> {
    if (versionId === "now") {
      return { record: null, states: await currentStates(this.manager, this.storage, frameworkId) };
    }
    return this.read(frameworkId, versionId);
  }

  async delete(frameworkId: string, versionId: string): Promise<boolean> {
    return this.manager.queue.run(() => this.storage.deleteVersion(frameworkId, versionId));
  }
}
