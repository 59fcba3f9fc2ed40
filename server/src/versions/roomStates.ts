/**
 * A framework's current shared state (the framework room and the discussion room, never a private
 * room) as two Yjs updates, without waiting for the write queue: a loaded room's document is
 * encoded where it is (the room caches the encoding until its next change), an unloaded room's
 * stored snapshot and log are merged without parsing them into a document.
 */
import { roomNameToString } from "@parley/shared/protocol";
import type { VersionRoomStates } from "@parley/shared/versions/authorshipBetween";
import * as Y from "yjs";
import type { RoomManager } from "../core/roomManager.js";
import { mergeInTree } from "../core/writeQueue.js";
import type { DocumentStorage } from "../storage/documentStorage.js";

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
  const live = manager.liveRoom(name);
  if (live) return live.encodeFullState();
  const stored = await storage.loadRoom(name);
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  return parts.length === 0 ? EMPTY_STATE : mergeInTree(parts);
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
