/**
 * How this device's copy of a room (y-indexeddb) stores updates. y-indexeddb writes each update
 * of the document in its own IndexedDB transaction: with 20 people typing that is 60 transactions
 * a second, 7 % of the page's busy time in a profile. Updates that came from the server (already
 * stored there) are therefore gathered and written as one merged update every `intervalMs`;
 * this person's own updates are written at once, as before, after whatever was gathered, so
 * their edits are on the device as soon as they are made, whether or not the server has them.
 */
import * as Y from "yjs";

/** What is used of y-indexeddb's `IndexeddbPersistence`: its per-update writer, and whether it ended. */
export interface LocalCopy {
  _storeUpdate: (update: Uint8Array, origin: unknown) => void;
  /** Set by `destroy()` (and `clearData()`): nothing may be written after. */
  _destroyed: boolean;
}

/** How long updates from the server wait to be written together (ms). */
export const SERVER_UPDATES_INTERVAL_MS = 250;

/**
 * Takes over `local`'s writes of `doc`'s updates: `fromServer` is the origin of updates that came
 * from the server (the provider). Returns a function that writes what waits and stops.
 */
export function batchServerUpdates(
  doc: Y.Doc,
  local: LocalCopy,
  fromServer: unknown,
  intervalMs = SERVER_UPDATES_INTERVAL_MS,
): () => void {
  doc.off("update", local._storeUpdate);
  let waiting: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const merged = waiting.length === 1 ? waiting[0]! : Y.mergeUpdates(waiting);
    waiting = [];
    if (!local._destroyed) local._storeUpdate(merged, fromServer);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === local || local._destroyed) return;
    if (origin === fromServer) {
      waiting.push(update);
      timer ??= setTimeout(flush, intervalMs);
      return;
    }
    flush();
    local._storeUpdate(update, origin);
  };
  doc.on("update", onUpdate);
  return () => {
    flush();
    doc.off("update", onUpdate);
  };
}
