/**
 * Loads a framework's rooms from storage into fresh, private Y.Docs for export: the stored
 * snapshot plus the update log, exactly what the sync server would load. Nothing is written back;
 * live rooms are not touched (the server persists every update before it acknowledges it, so the
 * stored state is what clients have seen confirmed).
 */
import { roomNameToString } from "@parley/shared/protocol";
import * as Y from "yjs";
import type { DocumentStorage, FrameworkRecord } from "../storage/documentStorage.js";

export interface LoadedFramework {
  record: FrameworkRecord;
  framework: Y.Doc;
  /** The discussion room (stances and comment threads). */
  discussion: Y.Doc;
}

/** A function that loads a framework for export; null when it does not exist. */
export type LoadFramework = (id: string) => Promise<LoadedFramework | null>;

/** A room's stored state (snapshot plus logged updates) in a fresh Y.Doc of its own. */
export async function loadRoomDoc(storage: DocumentStorage, room: string): Promise<Y.Doc> {
  const stored = await storage.loadRoom(room);
  const doc = new Y.Doc({ gc: true });
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

export function storageLoader(storage: DocumentStorage): LoadFramework {
  return async (id) => {
    const record = await storage.getFramework(id);
    if (!record) return null;
    const [framework, discussion] = await Promise.all([
      loadRoomDoc(storage, roomNameToString({ kind: "framework", frameworkId: id })),
      loadRoomDoc(storage, roomNameToString({ kind: "discussion", frameworkId: id })),
    ]);
    return { record, framework, discussion };
  };
}
