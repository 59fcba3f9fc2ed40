/**
 * What applying an update would cost, read from the decoded update and the document before
 * anything is applied: how deep it nests shared types, and how much work Yjs's integration would
 * do. Both are attacks on the event loop that byte and message limits do not see:
 *
 * - Nesting: Yjs deletes, garbage-collects and encodes a nested type recursively. A ~100 KB update
 *   of 8,000 nested `Y.Map`s followed by a delete of the outermost overflows the stack (issue #14,
 *   finding 2). A type's depth is its number of enclosing nested types (a root type is 0; a
 *   paragraph in the Tiptap fragment is 1). The depth of every type an update creates is computed
 *   by following parents through the update itself, the document's pending structs and the
 *   document, so a chain cannot be split across updates either.
 * - Integration work: an item inserted where other items were inserted concurrently is placed by
 *   Yjs's conflict loop, which walks every item between its origin and its right origin. Items
 *   at one position under different client ids make that quadratic: two updates of 20,000 such
 *   items froze the server for a minute (finding 3). `work` is an upper bound, in `WORK` units,
 *   of what applying costs: each item integrated, each document item deleted, and each step that
 *   loop may take — the document items between an item's origin and right origin, plus, within
 *   the update, one step per pair of items that start at the same place and may walk over each
 *   other (see `pairSteps`). Every walk stops as soon as the budget is spent, so the estimate
 *   itself is bounded. An honest update costs about its items: a typed or pasted item's origin
 *   and right origin are neighbours in the sender's copy, with nothing between them unless
 *   someone typed at the very same spot concurrently.
 *
 * Pure: reads the document, never changes it.
 */
import * as Y from "yjs";
import { type DecodedUpdate, decodeUpdateOnce } from "./yjsBytes.js";

export interface WorkLimits {
  /** Deepest nesting of shared types allowed (see `LIMITS.maxNestingDepth`). */
  maxDepth: number;
  /** Most work one update may cost, in `WORK` units (see `LIMITS.maxUpdateWork`). */
  maxWork: number;
}

export type WorkVerdict =
  | { ok: true; work: number }
  | { ok: false; kind: "depth" | "work"; reason: string };

/** Where an item of the update lives: a root type, a type of the document, a type the update creates, or not known yet (it waits for missing state). */
type Parent =
  | { kind: "root"; name: string }
  | { kind: "doc"; type: SharedType }
  | { kind: "new"; item: Y.Item }
  | { kind: "unknown" };

/** A decoded update's delete set (Yjs does not export the class's type). */
type DeleteSet = DecodedUpdate["ds"];

/** A shared type as Yjs types its documents' types. */
type SharedType = NonNullable<ReturnType<Y.Doc["share"]["get"]>>;

const UNKNOWN: Parent = { kind: "unknown" };

/** Decides whether `update` may be applied to `doc` within `limits`. Never throws. */
export function assessUpdate(doc: Y.Doc, update: Uint8Array, limits: WorkLimits): WorkVerdict {
  let structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>;
  let deletes: DeleteSet;
  try {
    const decoded = decodeUpdateOnce(update);
    structs = decoded.structs;
    deletes = decoded.ds;
    // Structs waiting in the document integrate together with this update if it brings a client
    // they wait for: they are then inspected with it (Yjs keeps them in the v2 format). Only
    // then: merging them into every update would cost the whole pending state each time.
    const pending = doc.store.pendingStructs;
    if (pending && structs.some((struct) => pending.missing.has(struct.id.client))) {
      const merged = Y.mergeUpdates([Y.convertUpdateFormatV2ToV1(pending.update), update]);
      structs = Y.decodeUpdate(merged).structs;
    }
  } catch {
    return { ok: false, kind: "work", reason: "the update could not be decoded" };
  }
  return new Assessment(doc, structs, limits).run(deletes);
}

/**
 * Work units, calibrated on Yjs 13.6 (server/src/core/updateWork.test.ts checks the ratios hold
 * roughly): one step of the conflict loop is the unit (60-75 ns measured); integrating an item
 * costs 2-9 µs whatever its kind (text, element, map entry, format), deleting one about 2.5 µs.
 */
export const WORK = { step: 1, item: 64, deletion: 32 } as const;

/** How the update's items that start their conflict walk at one place are spread. */
interface PositionGroup {
  total: number;
  /** Per client: how many, and the last one (the group's newest item of that client). */
  clients: Map<number, { count: number; last: Y.Item }>;
}

class Assessment {
  /** The update's items per client, in clock order (for lookups by id). */
  private readonly byClient = new Map<number, Y.Item[]>();
  private readonly parents = new Map<Y.Item, Parent>();
  /** Depth of the type each of the update's type items creates. */
  private readonly depths = new Map<Y.Item, number>();
  private readonly docDepths = new Map<SharedType, number>();
  private readonly items: Y.Item[] = [];

  constructor(
    private readonly doc: Y.Doc,
    structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
    private readonly limits: WorkLimits,
  ) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      this.items.push(struct);
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  run(deletes: DeleteSet): WorkVerdict {
    for (const item of this.items) {
      if (!(item.content instanceof Y.ContentType)) continue;
      const depth = this.depthOf(item);
      if (depth > this.limits.maxDepth) {
        return {
          ok: false,
          kind: "depth",
          reason: `shared types nested deeper than ${this.limits.maxDepth}`,
        };
      }
    }
    let work = this.deletionWork(deletes);
    const groups = new Map<string, PositionGroup>();
    for (const item of this.items) {
      if (work > this.limits.maxWork) break;
      work += WORK.item + this.pairSteps(groups, item) * WORK.step;
      if (work > this.limits.maxWork) break;
      work += this.docWalk(item, this.limits.maxWork - work + 1) * WORK.step;
    }
    if (work > this.limits.maxWork) {
      return {
        ok: false,
        kind: "work",
        reason: `integrating the update would cost over ${this.limits.maxWork} work units`,
      };
    }
    return { ok: true, work };
  }

  /**
   * Steps `item` may take over the update's earlier items that share its starting place: one per
   * such item of another client (concurrent: the walk may pass it). Items of its own client were
   * all known to it when it was made, so an honest one never passes them: typing at one spot
   * again and again (each item's right origin is the client's previous item there) costs
   * nothing. A crafted update can still make them walk over each other (same origin, other right
   * origins): then they count too.
   */
  private pairSteps(groups: Map<string, PositionGroup>, item: Y.Item): number {
    const key = this.positionKey(item);
    let group = groups.get(key);
    if (!group) {
      group = { total: 0, clients: new Map() };
      groups.set(key, group);
    }
    const client = item.id.client;
    const mine = group.clients.get(client);
    let steps = group.total - (mine?.count ?? 0);
    if (mine) {
      const right = item.rightOrigin;
      const last = mine.last.id;
      const rightOfLast =
        right !== null && right.client === last.client && right.clock === last.clock;
      if (!rightOfLast) steps += mine.count;
      mine.count += 1;
      mine.last = item;
    } else {
      group.clients.set(client, { count: 1, last: item });
    }
    group.total += 1;
    return steps;
  }

  /**
   * Work of the update's deletions: each item of the document a deleted range covers that is not
   * deleted yet (counted up to the budget).
   */
  private deletionWork(deletes: DeleteSet): number {
    let work = 0;
    for (const [client, ranges] of deletes.clients) {
      const structs = this.doc.store.clients.get(client);
      const last = structs?.[structs.length - 1];
      if (!structs || !last) continue;
      const end = last.id.clock + last.length;
      for (const { clock, len } of ranges) {
        if (clock >= end) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const struct = structs[i];
          if (!struct || struct.id.clock >= clock + len) break;
          if (struct instanceof Y.Item && !struct.deleted) work += WORK.deletion;
          if (work > this.limits.maxWork) return work;
        }
      }
    }
    return work;
  }

  /** The update's item holding `id`, or null. */
  private updateItem(id: Y.ID): Y.Item | null {
    const list = this.byClient.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const item = list[middle] as Y.Item;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return null;
  }

  /** The document's struct holding `id`, or null (not integrated: missing or pending). */
  private docStruct(id: Y.ID): Y.Item | Y.GC | null {
    const structs = this.doc.store.clients.get(id.client);
    const last = structs?.[structs.length - 1];
    if (!structs || !last || id.clock >= last.id.clock + last.length) return null;
    const struct = structs[Y.findIndexSS(structs, id.clock)];
    return struct instanceof Y.Item || struct instanceof Y.GC ? struct : null;
  }

  /** The parent an item points to directly, or the update item whose parent it shares. */
  private directParent(item: Y.Item): Parent | { kind: "via"; item: Y.Item } {
    const { parent } = item;
    if (typeof parent === "string") return { kind: "root", name: parent };
    if (parent instanceof Y.ID) {
      const inUpdate = this.updateItem(parent);
      if (inUpdate) return { kind: "new", item: inUpdate };
      const inDoc = this.docStruct(parent);
      if (inDoc instanceof Y.Item && inDoc.content instanceof Y.ContentType) {
        return { kind: "doc", type: inDoc.content.type };
      }
      return UNKNOWN;
    }
    // Parent not encoded: the item lives where its origin (or right origin) lives.
    const ref = item.origin ?? item.rightOrigin;
    if (!ref) return UNKNOWN;
    const inUpdate = this.updateItem(ref);
    if (inUpdate) return { kind: "via", item: inUpdate };
    const inDoc = this.docStruct(ref);
    if (inDoc instanceof Y.Item && inDoc.parent instanceof Y.AbstractType) {
      return { kind: "doc", type: inDoc.parent };
    }
    return UNKNOWN;
  }

  /** The item's parent, following origins through the update (iteratively: chains are long). */
  private parentOf(item: Y.Item): Parent {
    const chain: Y.Item[] = [];
    const visiting = new Set<Y.Item>();
    let current = item;
    let found: Parent = UNKNOWN;
    for (;;) {
      const known = this.parents.get(current);
      if (known) {
        found = known;
        break;
      }
      if (visiting.has(current)) break;
      visiting.add(current);
      chain.push(current);
      const direct = this.directParent(current);
      if (direct.kind !== "via") {
        found = direct;
        break;
      }
      current = direct.item;
    }
    for (const link of chain) this.parents.set(link, found);
    return found;
  }

  /** Depth of the type a type item of the update creates (iteratively). */
  private depthOf(item: Y.Item): number {
    const chain: Y.Item[] = [];
    const visiting = new Set<Y.Item>();
    let current = item;
    let base = 0;
    for (;;) {
      const known = this.depths.get(current);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (visiting.has(current)) break;
      visiting.add(current);
      chain.push(current);
      const parent = this.parentOf(current);
      if (parent.kind === "new") {
        current = parent.item;
        continue;
      }
      base = parent.kind === "doc" ? this.docTypeDepth(parent.type) : 0;
      // The last link is the outermost new type: its depth is its parent's plus one.
      break;
    }
    // `chain` runs from `item` outwards; the outermost link sits directly in `base`'s type (or,
    // when the walk met a known depth, in that known type).
    let depth = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      depth += 1;
      this.depths.set(chain[i] as Y.Item, depth);
    }
    return depth;
  }

  /** Depth of a type already in the document (walks up at most `maxDepth + 1` levels). */
  private docTypeDepth(type: SharedType): number {
    const known = this.docDepths.get(type);
    if (known !== undefined) return known;
    let depth = 0;
    let current: SharedType | null = type;
    while (current?._item && depth <= this.limits.maxDepth) {
      depth += 1;
      const parent: unknown = current._item.parent;
      current = parent instanceof Y.AbstractType ? parent : null;
    }
    this.docDepths.set(type, depth);
    return depth;
  }

  /** Groups the update's items that start their conflict walk at the same place. */
  private positionKey(item: Y.Item): string {
    if (item.origin) return `o${item.origin.client}:${item.origin.clock}`;
    const parent = this.parentOf(item);
    const sub = item.parentSub ?? "";
    switch (parent.kind) {
      case "root":
        return `r${parent.name}|${sub}`;
      case "new":
        return `n${parent.item.id.client}:${parent.item.id.clock}|${sub}`;
      case "doc": {
        const owner = parent.type._item;
        return owner
          ? `d${owner.id.client}:${owner.id.clock}|${sub}`
          : `d${this.rootName(parent.type)}|${sub}`;
      }
      case "unknown": {
        // Waits for missing state: grouped by what it does name.
        const ref = item.rightOrigin ?? (item.parent instanceof Y.ID ? item.parent : null);
        return ref ? `u${ref.client}:${ref.clock}|${sub}` : `u|${sub}`;
      }
    }
  }

  private rootName(type: SharedType): string {
    for (const [name, root] of this.doc.share) if (root === type) return name;
    return "";
  }

  /**
   * Steps the conflict loop can take over the document's items when integrating `item`: the items
   * between its origin and its right origin (or, at the start of a list or map entry, from the
   * start). Stops counting past `budget`.
   */
  private docWalk(item: Y.Item, budget: number): number {
    let start: Y.Item | null;
    if (item.origin) {
      const origin = this.docStruct(item.origin);
      if (!(origin instanceof Y.Item)) return 0;
      // Inside a longer struct, the rest of that struct comes first (Yjs splits it off).
      start = item.origin.clock < origin.id.clock + origin.length - 1 ? origin : origin.right;
    } else {
      const parent = this.parentOf(item);
      let type: SharedType | null = null;
      if (parent.kind === "doc") type = parent.type;
      else if (parent.kind === "root") type = this.doc.share.get(parent.name) ?? null;
      if (!type) return 0;
      if (item.parentSub !== null) {
        // A map entry: Yjs walks the key's whole history from its oldest item.
        let steps = 0;
        let entry = type._map.get(item.parentSub) ?? null;
        while (entry && steps <= budget) {
          steps += 1;
          entry = entry.left;
        }
        return steps;
      }
      start = type._start;
    }
    const right = item.rightOrigin;
    let steps = 0;
    for (let o = start; o && steps <= budget; o = o.right) {
      if (right && o.id.client === right.client && o.id.clock <= right.clock) {
        if (right.clock < o.id.clock + o.length) break;
      }
      steps += 1;
    }
    return steps;
  }
}
