/**
 * Who deleted what. A Yjs deletion carries no client id: the delete set of an update only names
 * the ids of the items it deletes. The server therefore records, per stored update, the principal
 * that sent it and the ranges of ids the update deleted FIRST (ranges the document had already
 * deleted are left out, so a client re-sending what it received, as every sync step 2 does, is
 * never named). A range is `[client, clock, len]`: the ids `client:clock … client:clock+len-1`.
 *
 * Between two versions, an item that stood (not deleted) in the earlier state and is deleted in
 * the later one was deleted by the principal whose record first covers its id. Concurrent deletes
 * of the same item: whoever's update the server applied first is named. Deletions written by
 * trusted tools (no principal) are not recorded and name nobody.
 *
 * Pure: reads throwaway documents and plain records, never a live document.
 */
import * as Y from "yjs";

/** A Yjs delete set (the type is not exported by name). */
export type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export type DeletedRange = readonly [client: number, clock: number, len: number];

/** One stored update's first deletions, and who sent it. */
export interface DeletionRecord {
  principal: string;
  ranges: readonly DeletedRange[];
}

/** At most this many ranges are recorded per update (a larger delete set is clipped, not refused). */
export const MAX_RANGES_PER_RECORD = 10_000;

interface OwnedRange {
  clock: number;
  end: number;
  principal: string;
}

/** Looks up the first recorded deleter of an id. Built once per comparison. */
export class DeleterIndex {
  private readonly byClient = new Map<number, OwnedRange[]>();

  /** `records` in the order the server stored them (earlier first: the first deleter wins). */
  constructor(records: readonly DeletionRecord[]) {
    for (const { principal, ranges } of records) {
      for (const [client, clock, len] of ranges) {
        if (len <= 0) continue;
        let list = this.byClient.get(client);
        if (!list) {
          list = [];
          this.byClient.set(client, list);
        }
        list.push({ clock, end: clock + len, principal });
      }
    }
  }

  get size(): number {
    return this.byClient.size;
  }

  /** The principal key of the first record covering `client:clock`, if any. */
  deleterOf(client: number, clock: number): string | undefined {
    const list = this.byClient.get(client);
    if (!list) return undefined;
    for (const range of list) if (range.clock <= clock && clock < range.end) return range.principal;
    return undefined;
  }

  /** Every principal that first deleted some id of `client:clock … clock+len-1`. */
  deletersOfSpan(client: number, clock: number, len: number, out: Set<string>): void {
    const list = this.byClient.get(client);
    if (!list) return;
    const end = clock + len;
    for (const range of list) if (range.clock < end && clock < range.end) out.add(range.principal);
  }
}

/** What `deletedWithin` reads of a Yjs type. */
interface ItemTree {
  _item: Y.Item | null;
  _map: Map<string, Y.Item>;
  _start: Y.Item | null;
}

/**
 * The principals who deleted, by `later`, items standing in `type` of the earlier state (the type's
 * own item, its attributes, its content, recursively). `later` is the later state's delete set.
 */
export function deletersWithin(
  type: ItemTree,
  later: DeleteSet,
  index: DeleterIndex,
  out: Set<string> = new Set(),
): Set<string> {
  const visit = (item: Y.Item) => {
    if (!item.deleted && Y.isDeleted(later, item.id)) {
      index.deletersOfSpan(item.id.client, item.id.clock, item.length, out);
    }
  };
  if (type._item) visit(type._item);
  for (const item of type._map.values()) visit(item);
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    visit(item);
    if (item.content instanceof Y.ContentType) deletersWithin(item.content.type, later, index, out);
  }
  return out;
}

/** The principals who deleted the entry `key` of a map that stood in the earlier state. */
export function deleterOfEntry(
  map: Y.Map<unknown>,
  key: string,
  later: DeleteSet,
  index: DeleterIndex,
): Set<string> {
  const out = new Set<string>();
  const item = map._map.get(key);
  if (item && !item.deleted && Y.isDeleted(later, item.id)) {
    index.deletersOfSpan(item.id.client, item.id.clock, item.length, out);
  }
  return out;
}

/**
 * The ranges of `deletes` (an update's delete set) that delete items `doc` holds and has not
 * deleted yet: what the update deletes first, read before it is applied. At most `max` ranges.
 */
export function firstDeletions(
  doc: Y.Doc,
  deletes: DeleteSet,
  max: number = MAX_RANGES_PER_RECORD,
): DeletedRange[] {
  const out: Array<[number, number, number]> = [];
  for (const [client, ranges] of deletes.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, known);
      let at = clock;
      while (at < end) {
        const struct = structs[Y.findIndexSS(structs, at)];
        if (!struct) break;
        const stop = Math.min(end, struct.id.clock + struct.length);
        if (struct instanceof Y.Item && !struct.deleted) {
          const last = out[out.length - 1];
          if (last && last[0] === client && last[1] + last[2] === at) last[2] += stop - at;
          else if (out.length < max) out.push([client, at, stop - at]);
          else return out;
        }
        at = stop;
      }
    }
  }
  return out;
}

/** The delete set of a document. */
export function deleteSetOf(doc: Y.Doc): DeleteSet {
  return Y.createDeleteSetFromStructStore(doc.store);
}
