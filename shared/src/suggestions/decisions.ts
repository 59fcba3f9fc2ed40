/**
 * Accepting, rejecting and withdrawing suggestions as ProseMirror transforms, with the same
 * outcome as `projections.ts` (which the views show): one step per part, applied from the end of
 * the document backwards so that every earlier position stays valid, positions mapped through the
 * steps already made. Only the parts of the chosen suggestions are touched: other text, and
 * whatever others type meanwhile, keep their CRDT identity.
 *
 * Large decisions go in bounded batches (`decideInBatches`): accepting 2,000 suggestions is a
 * series of transactions of `batchSize` suggestions each, never one huge one. Every transaction
 * built here carries `SUGGESTION_DECISION_META`, so the Suggesting-mode plugin lets it through as
 * an ordinary edit instead of turning it into suggestions.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { canJoin, Mapping } from "@tiptap/pm/transform";
import { BLOCK_SUGGESTION_ATTR } from "../schema/nodeNames.js";
import { listSuggestions, type SuggestionRecord } from "./list.js";
import { type SuggestionPart, suggestionParts } from "./parts.js";
import { blockOutcome, joinsWhenRemoved, type SuggestionDecision } from "./projections.js";

/** Transaction meta set on every decision transaction (value: the decision). */
export const SUGGESTION_DECISION_META = "parleySuggestionDecision";

/** Which suggestions a decision applies to. A range takes every suggestion with a part in it. */
export type SuggestionFilter =
  | { ids: readonly string[] }
  | { party: string | null }
  | { member: string }
  | { range: { from: number; to: number } }
  | { all: true };

/** Whether a suggestion record matches the filter. */
export function matchesFilter(record: SuggestionRecord, filter: SuggestionFilter): boolean {
  if ("ids" in filter) return filter.ids.includes(record.id);
  if ("party" in filter) return record.party === filter.party;
  if ("member" in filter) return record.member === filter.member;
  if ("range" in filter) {
    return record.parts.some((p) => p.from < filter.range.to && p.to > filter.range.from);
  }
  return true;
}

/** The ids of the suggestions of `doc` that match `filter`, in document order. */
export function suggestionIds(doc: PMNode, filter: SuggestionFilter): string[] {
  return listSuggestions(doc)
    .filter((record) => matchesFilter(record, filter))
    .map((record) => record.id);
}

function decidePart(
  tr: Transaction,
  part: SuggestionPart,
  decision: SuggestionDecision,
  map: (pos: number, assoc?: number) => number,
): void {
  if (part.type !== "block") {
    const from = map(part.from, 1);
    const to = map(part.to, -1);
    if (to <= from) return;
    const remove = (part.type === "insert") === (decision === "reject");
    if (remove) tr.delete(from, to);
    else tr.removeMark(from, to, part.mark);
    return;
  }
  const pos = map(part.from, 1);
  const node = tr.doc.nodeAt(pos);
  if (!node || node.attrs[BLOCK_SUGGESTION_ATTR] !== part.node.attrs[BLOCK_SUGGESTION_ATTR]) return;
  if (blockOutcome(part.attrs.kind, decision) === "keep") {
    tr.setNodeAttribute(pos, BLOCK_SUGGESTION_ATTR, null);
    return;
  }
  if (!joinsWhenRemoved(node)) {
    tr.deleteRange(pos, pos + node.nodeSize);
    return;
  }
  const $pos = tr.doc.resolve(pos);
  if ($pos.nodeBefore?.isTextblock && canJoin(tr.doc, pos)) {
    tr.join(pos);
    return;
  }
  if (node.content.size === 0 && $pos.parent.childCount > 1) {
    tr.delete(pos, pos + node.nodeSize);
    return;
  }
  tr.setNodeAttribute(pos, BLOCK_SUGGESTION_ATTR, null);
}

/** Adds the steps that decide `parts` (positions in `tr.doc`) to `tr`. */
function decideParts(tr: Transaction, parts: SuggestionPart[], decision: SuggestionDecision): void {
  // From the end backwards: a part's steps change nothing before it. Blocks after the parts
  // inside them (same start: the block's opening comes first in the document).
  parts.sort(
    (a, b) => b.from - a.from || (a.type === "block" ? 1 : 0) - (b.type === "block" ? 1 : 0),
  );
  const start = tr.steps.length;
  for (const part of parts) {
    const mapping = tr.mapping.slice(start);
    decidePart(tr, part, decision, (pos, assoc) => mapping.map(pos, assoc));
  }
  tr.setMeta(SUGGESTION_DECISION_META, decision);
}

/**
 * Adds to `tr` the steps that decide the suggestions matching `filter` (in `tr.doc`). Returns the
 * ids decided. Accept and reject are drafters' and mediators' edits; see `withdrawSuggestions` for
 * an author taking back their own.
 */
export function applySuggestionDecision(
  tr: Transaction,
  filter: SuggestionFilter,
  decision: SuggestionDecision,
): string[] {
  const records = listSuggestions(tr.doc).filter((record) => matchesFilter(record, filter));
  if (records.length === 0) return [];
  const chosen = new Set(records.map((r) => r.id));
  decideParts(
    tr,
    suggestionParts(tr.doc).filter((part) => chosen.has(part.id)),
    decision,
  );
  return [...chosen];
}

/**
 * An author withdraws their own suggestions (rejects them): only those of `ids` whose every part
 * is by `member`. Returns the ids withdrawn.
 */
export function withdrawSuggestions(
  tr: Transaction,
  ids: readonly string[],
  member: string,
): string[] {
  const own = listSuggestions(tr.doc)
    .filter((r) => ids.includes(r.id))
    .filter((r) => r.parts.every((p) => (p.attrs?.member ?? null) === member))
    .map((r) => r.id);
  return own.length === 0 ? [] : applySuggestionDecision(tr, { ids: own }, "reject");
}

/** The parts of a document by suggestion id, and the document they were read from. */
interface PartIndex {
  doc: PMNode;
  byId: Map<string, SuggestionPart[]>;
}

function indexParts(doc: PMNode): PartIndex {
  const byId = new Map<string, SuggestionPart[]>();
  for (const part of suggestionParts(doc)) {
    const list = byId.get(part.id);
    if (list) list.push(part);
    else byId.set(part.id, [part]);
  }
  return { doc, byId };
}

/**
 * A part of the indexed document where it stands now. Every step so far touched positions at or
 * after `lowest` (batches go from the end of the document backwards): a part wholly before that
 * stands where it stood, anything else is moved through `carried` (text ends inward, as
 * `decidePart` maps them). Null if it is gone.
 */
function placePart(part: SuggestionPart, lowest: number, carried: Mapping): SuggestionPart | null {
  if (part.from < lowest && (part.type === "block" || part.to <= lowest)) return part;
  const from = carried.map(part.from, 1);
  if (part.type === "block") return { ...part, from, to: from + (part.to - part.from) };
  const to = carried.map(part.to, -1);
  return to <= from ? null : { ...part, from, to };
}

/** The lowest position `tr`'s steps touched, or `lowest` if that is lower. */
function lowestTouched(tr: Transaction, lowest: number): number {
  let out = lowest;
  for (const step of tr.steps) {
    step.getMap().forEach((oldStart) => {
      if (oldStart < out) out = oldStart;
    });
  }
  return out;
}

/**
 * Decides the suggestions matching `filter` (as they are when the iteration starts) in
 * transactions of at most `batchSize` suggestions each, from the end of the document backwards.
 * Each transaction is built from `source.state` when it is asked for, so the caller dispatches one
 * before taking the next (remote changes in between are fine). Suggestions that went meanwhile
 * are skipped; each id is decided at most once.
 *
 * The document is read once per run, not once per batch: while the state is what the previous
 * batch's transaction made, the next batch's parts are the ones read at the start (those before
 * everything changed so far stand where they stood; the rest are mapped). A change from
 * elsewhere in between (the state is another document) makes it read the document again.
 */
export function* decideInBatches(
  source: { readonly state: EditorState },
  filter: SuggestionFilter,
  decision: SuggestionDecision,
  batchSize = 200,
): Generator<Transaction, void, void> {
  const size = Math.max(1, Math.floor(batchSize));
  const pending = suggestionIds(source.state.doc, filter).reverse();
  let index = indexParts(source.state.doc);
  let carried = new Mapping();
  let lowest = Number.POSITIVE_INFINITY;
  let expected: PMNode = source.state.doc;
  for (let at = 0; at < pending.length; at += size) {
    const tr = source.state.tr;
    if (tr.doc !== expected) {
      index = indexParts(tr.doc);
      carried = new Mapping();
      lowest = Number.POSITIVE_INFINITY;
    }
    const parts: SuggestionPart[] = [];
    let decided = 0;
    for (const id of pending.slice(at, at + size)) {
      let any = false;
      for (const part of index.byId.get(id) ?? []) {
        const placed = placePart(part, lowest, carried);
        if (placed) {
          parts.push(placed);
          any = true;
        }
      }
      if (any) decided += 1;
    }
    if (decided === 0) continue;
    decideParts(tr, parts, decision);
    carried.appendMapping(tr.mapping);
    lowest = lowestTouched(tr, lowest);
    expected = tr.doc;
    yield tr;
  }
}
