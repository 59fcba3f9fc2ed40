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
import { canJoin } from "@tiptap/pm/transform";
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
  const parts = suggestionParts(tr.doc).filter((part) => chosen.has(part.id));
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

/**
 * Decides the suggestions matching `filter` (as they are when the iteration starts) in
 * transactions of at most `batchSize` suggestions each. Each transaction is built from
 * `source.state` when it is asked for, so the caller dispatches one before taking the next (remote
 * changes in between are fine). Suggestions that went meanwhile are skipped; each id is decided
 * at most once.
 */
export function* decideInBatches(
  source: { readonly state: EditorState },
  filter: SuggestionFilter,
  decision: SuggestionDecision,
  batchSize = 200,
): Generator<Transaction, void, void> {
  const size = Math.max(1, Math.floor(batchSize));
  const pending = suggestionIds(source.state.doc, filter);
  for (let index = 0; index < pending.length; index += size) {
    const tr = source.state.tr;
    const decided = applySuggestionDecision(
      tr,
      { ids: pending.slice(index, index + size) },
      decision,
    );
    if (decided.length > 0) yield tr;
  }
}
