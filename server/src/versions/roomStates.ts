/**
 * A framework's current shared state (the framework room and the discussion room, never a private
 * room) as two Yjs updates, without waiting for the write queue: what storage holds (every update
 * anyone has seen acknowledged is durable there), the snapshot and log merged on a worker thread
 * (`mergeWorker.ts`), never by encoding a live document on the main thread. A loaded room whose
 * encoding is cached (no change since) answers that instead.
 */
import { roomNameToString } from "@parley/shared/protocol";
import type { VersionRoomStates } from "@parley/shared/versions/authorshipBetween";
import * as Y from "yjs";
import type { RoomManager } from "../core/roomManager.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { mergeOffThread } from "./mergeWorker.js";

export function frameworkRoomName(frameworkId: string): string {
  return roomNameToString({ kind: "framework", frameworkId });
}

export function discussionRoomName(frameworkId: string): string {
  return roomNameToString({ kind: "discussion", frameworkId });
}

const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());

async function roomState(
  manager: RoomManager,
  storage: DocumentStorage,
  name: string,
): Promise<Uint8Array> {
  const cached = manager.liveRoom(name)?.cachedFullState();
  if (cached) return cached;
  const stored = await storage.loadRoom(name);
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  return parts.length === 0 ? EMPTY_STATE : mergeOffThread(parts);
}

export async function currentStates(
  manager: RoomManager,
  storage: DocumentStorage,
  frameworkId: string,
): Promise<VersionRoomStates> {
  const [framework, discussion] = await Promise.all([
    roomState(manager, storage, frameworkRoomName(frameworkId)),
    roomState(manager, storage, discussionRoomName(frameworkId)),
  ]);
  return { framework, discussion };
}

/** A throwaway document holding `state`. */
export function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, state);
  return doc;
}
