/**
 * Whether a ProseMirror transaction came from other people: y-tiptap's sync plugin marks the
 * transactions it makes from remote Yjs updates (`isChangeOrigin`), and its caret plugin the ones
 * it makes when others' presence changed (`awarenessUpdated`). A transaction appended to a remote
 * one counts as remote too.
 */
import type { Transaction } from "@tiptap/pm/state";

/** y-tiptap's sync plugin key (`ySyncPluginKey`, "y-sync"), as ProseMirror names it in metadata. */
const Y_SYNC_META = "y-sync$";
/** y-tiptap's caret plugin key (`yCursorPluginKey`, "yjs-cursor"), likewise. */
const Y_CURSOR_META = "yjs-cursor$";

function metaFlag(tr: Transaction, key: string, flag: string): boolean {
  const meta: unknown = tr.getMeta(key);
  return typeof meta === "object" && meta !== null && flag in meta
    ? (meta as Record<string, unknown>)[flag] === true
    : false;
}

function fromRemote(tr: Transaction): boolean {
  return metaFlag(tr, Y_SYNC_META, "isChangeOrigin");
}

/** Other people's edits (or a transaction appended to them). */
export function isRemoteTransaction(tr: Transaction): boolean {
  if (fromRemote(tr)) return true;
  const root: unknown = tr.getMeta("appendedTransaction");
  return root instanceof Object && fromRemote(root as Transaction);
}

/** Other people's edits or presence (their carets moved). */
export function isFromOthers(tr: Transaction): boolean {
  return isRemoteTransaction(tr) || metaFlag(tr, Y_CURSOR_META, "awarenessUpdated");
}
