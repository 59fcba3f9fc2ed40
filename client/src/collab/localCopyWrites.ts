/**
 * How this device's copy of a room (y-indexeddb) stores updates. y-indexeddb writes each update
 * of the document in its own IndexedDB transaction: with 20 people typing that is 60 transactions
 * a second, 7 % of the page's busy time in a profile. Updates that came from the server (already
 * stored there) are therefore gathered and written as one merged update every `intervalMs`.
 * This person's own updates are written right after the next frame is painted, after whatever
 * was gathered: on the device within a frame of being made, whether or not the server has them,
 * but not in the keystroke's own task, where the IndexedDB transaction (and merging what was
 * gathered) held back the paint of the keystroke.
 */
import * as Y from "yjs";
import { oncePerFrame } from "./oncePerFrame.js";

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
  /** This person's own updates (with their origins), written after the next paint. */
  let own: Array<{ update: Uint8Array; origin: unknown }> = [];
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const merged = waiting.length === 1 ? waiting[0]! : Y.mergeUpdates(waiting);
    waiting = [];
    if (!local._destroyed) local._storeUpdate(merged, fromServer);
  };
  const writeOwn = oncePerFrame(
    () => {
      flush();
      const writes = own;
      own = [];
      for (const { update, origin } of writes)
        if (!local._destroyed) local._storeUpdate(update, origin);
    },
    { afterPaint: true },
  );
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === local || local._destroyed) return;
    if (origin === fromServer) {
      waiting.push(update);
      timer ??= setTimeout(flush, intervalMs);
      return;
    }
    own.push({ update, origin });
    writeOwn.schedule();
  };
  doc.on("update", onUpdate);
  // a page closed or reloaded right after a keystroke still starts that keystroke's write
  const onPageHide = () => writeOwn.flush();
  globalThis.addEventListener?.("pagehide", onPageHide);
  return () => {
    globalThis.removeEventListener?.("pagehide", onPageHide);
    writeOwn.flush();
    flush();
    doc.off("update", onUpdate);
  };
}
