/**
 * The cheap pre-check of a drafter's framework-room update (`writeGate.ts`): could it touch what
 * only a party (or a mediator) may change (`frameworkPolicy.ts`)? Plain typing — text inserted or
 * deleted — cannot, and stays on the fast path; an update that sets a bracket or option attribute
 * (`supportedBy`, `opposedBy`, `bracketId`, `optionId`), writes the `parties`,
 * `bracketResolutions` or `positionMarks` map, or deletes an element of the text (a bracket, or a paragraph or term
 * that may hold one) is tried on a shadow copy first.
 *
 * Decoded items do not always carry their parent: an item whose neighbour is known carries only
 * that neighbour's id, so the neighbour is looked up in the document (or the update itself).
 * Anything that cannot be placed counts as touching.
 */
import { MAP_NAMES } from "@parley/shared/model/maps";
import { ATTR } from "@parley/shared/schema/nodeNames";
import * as Y from "yjs";
import { decodeUpdateOnce } from "../yjsBytes.js";

const SCOPED_KEYS: ReadonlySet<string> = new Set([
  ATTR.supportedBy,
  ATTR.opposedBy,
  ATTR.bracketId,
  ATTR.optionId,
]);
const SCOPED_ROOTS: ReadonlySet<string> = new Set([
  MAP_NAMES.parties,
  MAP_NAMES.bracketResolutions,
  MAP_NAMES.positionMarks,
]);

type Placement = { root: string | null; key: string | null } | "unknown";

function storedItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs) return null;
  const last = structs[structs.length - 1];
  if (!last || last.id.clock + last.length <= id.clock) return null;
  const struct = structs[Y.findIndexSS(structs, id.clock)];
  return struct instanceof Y.Item ? struct : null;
}

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  if (type._item !== null) return null;
  for (const [name, root] of doc.share) if (root === type) return name;
  return null;
}

function placeStored(doc: Y.Doc, item: Y.Item): Placement {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return "unknown";
  return { root: rootName(doc, parent), key: item.parentSub };
}

/** Where a decoded item goes: its root map (if top-level) and its key (if a map entry or attribute). */
function placeDecoded(
  doc: Y.Doc,
  item: Y.Item,
  inUpdate: ReadonlyMap<string, Y.Item>,
  depth = 0,
): Placement {
  if (typeof item.parent === "string") return { root: item.parent, key: item.parentSub };
  if (item.parent !== null) return { root: null, key: item.parentSub };
  if (depth > 64) return "unknown";
  const neighbour = item.origin ?? item.rightOrigin;
  if (!neighbour) return "unknown";
  const stored = storedItem(doc, neighbour);
  if (stored) return placeStored(doc, stored);
  for (const candidate of inUpdate.values()) {
    if (
      candidate.id.client === neighbour.client &&
      candidate.id.clock <= neighbour.clock &&
      neighbour.clock < candidate.id.clock + candidate.length
    ) {
      return placeDecoded(doc, candidate, inUpdate, depth + 1);
    }
  }
  return "unknown";
}

function scoped(placement: Placement): boolean {
  if (placement === "unknown") return true;
  if (placement.root !== null && SCOPED_ROOTS.has(placement.root)) return true;
  return placement.key !== null && SCOPED_KEYS.has(placement.key);
}

/** Whether `update` could change anything `checkFrameworkChanges` looks at. */
export function touchesPartyScopedState(doc: Y.Doc, update: Uint8Array): boolean {
  const decoded = decodeUpdateOnce(update);
  const items = new Map<string, Y.Item>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item) items.set(`${struct.id.client}:${struct.id.clock}`, struct);
  }
  for (const item of items.values()) {
    if (scoped(placeDecoded(doc, item, items))) return true;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (const range of ranges) {
      const last = structs[structs.length - 1];
      if (!last || range.clock >= last.id.clock + last.length) continue;
      let index = Y.findIndexSS(structs, Math.max(range.clock, structs[0]?.id.clock ?? 0));
      for (; index < structs.length; index++) {
        const struct = structs[index];
        if (!struct || struct.id.clock >= range.clock + range.len) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        if (struct.content instanceof Y.ContentType) return true;
        if (scoped(placeStored(doc, struct))) return true;
      }
    }
  }
  return false;
}
