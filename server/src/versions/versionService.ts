/**
 * Named versions of a framework: saving the current state, reading a version, comparing two states
 * by provision with server-recorded authorship, and restoring a version as a forward edit. The
 * HTTP router (`http/versionsRouter.ts`) checks roles and input; this does the work.
 */
import type { Principal } from "@parley/shared/access/roles";
import { frameworkJson } from "@parley/shared/export/fromYDoc";
import type { Actor } from "@parley/shared/model/actor";
import { newId } from "@parley/shared/model/ids";
import {
  type AuthorIndex,
  authorshipBetween,
  type VersionRoomStates,
} from "@parley/shared/versions/authorshipBetween";
import { compareSnapshots } from "@parley/shared/versions/compare";
import type { Comparison } from "@parley/shared/versions/comparison";
import { type ComparisonHtmlOptions, comparisonToHtml } from "@parley/shared/versions/html";
import { restoreUpdate } from "@parley/shared/versions/restore";
import { type FrameworkSnapshot, frameworkSnapshotOf } from "@parley/shared/versions/snapshot";
import type { JSONContent } from "@tiptap/core";
import type { RoomManager } from "../core/roomManager.js";
import { renderPdf } from "../export/pdf.js";
import type { DocumentStorage, VersionKind, VersionRecord } from "../storage/documentStorage.js";
import { packedBytes, packVersion, unpackVersion } from "../storage/versionCodec.js";
import { currentStates, discussionRoomName, docOf, frameworkRoomName } from "./roomStates.js";

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

export class VersionService {
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

  /** The comparison of two sides by provision, with who made each change. */
  async compare(frameworkId: string, from: ComparedSide, to: ComparedSide): Promise<Comparison> {
    const authors = await this.authorIndex(frameworkId);
    const snapshot = (states: VersionRoomStates) => {
      const framework = docOf(states.framework);
      const discussion = docOf(states.discussion);
      try {
        return frameworkSnapshotOf(framework, discussion);
      } finally {
        framework.destroy();
        discussion.destroy();
      }
    };
    const authorship = authorshipBetween(from.states, to.states, authors);
    return compareSnapshots(snapshot(from.states), snapshot(to.states), authorship);
  }

  /**
   * Restores a version: saves the current state as a "before restore" version, then writes the
   * difference to the version's content into each live room as a server update on behalf of
   * `principal` (stored, then broadcast; concurrent edits merge). Null if the framework is gone.
   */
  async restore(
    frameworkId: string,
    version: ComparedSide & { record: VersionRecord },
    principal: Principal,
    by: Actor,
  ): Promise<{ saved: VersionRecord; changed: boolean } | null> {
    const saved = await this.create({
      frameworkId,
      name: `Before restoring "${version.record.name}"`.slice(0, 200),
      note: "",
      kind: "beforeRestore",
      by,
    });
    if (!saved) return null;
    let changed = false;
    const rooms = [
      { name: frameworkRoomName(frameworkId), state: version.states.framework, text: true },
      { name: discussionRoomName(frameworkId), state: version.states.discussion, text: false },
    ];
    for (const room of rooms) {
      const applied = await this.manager.withRoom(room.name, frameworkId, async (live) => {
        const plan = restoreUpdate(live.encodeFullState(), room.state, { text: room.text });
        return plan.update ? live.applyServerUpdate(plan.update, principal) : false;
      });
      changed ||= applied;
    }
    return { saved, changed };
  }

  /** A version's text as ProseMirror JSON and its snapshot (read from throwaway documents). */
  contentOf(states: VersionRoomStates): { document: JSONContent; snapshot: FrameworkSnapshot } {
    const framework = docOf(states.framework);
    const discussion = docOf(states.discussion);
    try {
      const snapshot = frameworkSnapshotOf(framework, discussion);
      // Converting may drop what the schema cannot hold: after the snapshot, on the throwaway doc.
      return { document: frameworkJson(framework), snapshot };
    } finally {
      framework.destroy();
      discussion.destroy();
    }
  }

  comparisonHtml(comparison: Comparison, options: ComparisonHtmlOptions): string {
    return comparisonToHtml(comparison, options);
  }

  /** The comparison's HTML printed to PDF (throws `PdfUnavailableError` without Chromium). */
  comparisonPdf(html: string, title: string, chromiumPath?: string | null): Promise<Buffer> {
    return renderPdf(html, {
      headerText: `Changes: ${title}`,
      ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
    });
  }

  private async authorIndex(frameworkId: string): Promise<AuthorIndex> {
    const bindings = async (room: string) =>
      new Map(
        (await this.storage.loadClientBindings(room)).map(({ client, principal }) => [
          client,
          principal,
        ]),
      );
    const [framework, discussion, members] = await Promise.all([
      bindings(frameworkRoomName(frameworkId)),
      bindings(discussionRoomName(frameworkId)),
      this.storage.loadMembers(frameworkId),
    ]);
    return { framework, discussion, members };
  }
}
