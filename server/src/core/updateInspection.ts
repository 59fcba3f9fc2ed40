/**
 * Pure questions about a Yjs update relative to a document, asked before deciding whether a
 * restricted connection's update may be applied.
 */
import * as Y from "yjs";
import { decodeUpdateOnce } from "./yjsBytes.js";

interface DeleteRange {
  clock: number;
  len: number;
}

function covered(ranges: readonly DeleteRange[] | undefined, from: number, to: number): boolean {
  if (!ranges) return false;
  let position = from;
  for (const range of ranges) {
    if (range.clock > position) return false;
    if (range.clock + range.len > position) position = range.clock + range.len;
    if (position >= to) return true;
  }
  return position >= to;
}

/**
 * Whether applying `update` to `doc` would change it: it holds a struct the doc does not have, or
 * deletes something the doc has not deleted. The step 2 a client sends on every connect usually
 * changes nothing; a refused role's no-op messages are ignored rather than reported as refused.
 */
export function updateChangesDoc(doc: Y.Doc, update: Uint8Array): boolean {
  const decoded = decodeUpdateOnce(update);
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const known = Y.getState(doc.store, struct.id.client);
    if (struct.id.clock + struct.length > known) return true;
  }
  if (decoded.ds.clients.size === 0) return false;
  const docDeletes = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of decoded.ds.clients) {
    const existing = docDeletes.clients.get(client);
    for (const range of ranges) {
      if (range.len > 0 && !covered(existing, range.clock, range.clock + range.len)) return true;
    }
  }
  return false;
}

/** Whether `doc` holds structs or deletions it cannot integrate yet (they wait for missing state). */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
