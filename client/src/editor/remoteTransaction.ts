/**
 * Whether a ProseMirror transaction brought other people's edits: y-tiptap's sync plugin marks
 * the transactions it makes from remote Yjs updates (`isChangeOrigin`). A transaction appended to
 * such a transaction counts as remote too.
 */
import type { Transaction } from "@tiptap/pm/state";

/** y-tiptap's sync plugin key (`ySyncPluginKey`, "y-sync"), as ProseMirror names it in metadata. */
const Y_SYNC_META = "y-sync$";

function fromRemote(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(Y_SYNC_META);
  return typeof meta === "object" && meta !== null && "isChangeOrigin" in meta
    ? meta.isChangeOrigin === true
    : false;
}

export function isRemoteTransaction(tr: Transaction): boolean {
  if (fromRemote(tr)) return true;
  const root: unknown = tr.getMeta("appendedTransaction");
  return root instanceof Object && fromRemote(root as Transaction);
}
