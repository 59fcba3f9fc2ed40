/**
 * Turns the edits of one local transaction into suggestions, as a transaction appended to it:
 *
 * - inserted text gets a `suggestInsert` mark (and loses any `suggestDelete` it inherited);
 *   a block that begins inside inserted content (a split, a pasted paragraph, a new term) gets a
 *   block suggestion of kind insert;
 * - deleted content is put back where it was, its text marked `suggestDelete` and a block that
 *   began inside it (a join, a removed term) marked kind delete; except the author's own
 *   suggested insertions, which really go (withdrawing them), and text already proposed for
 *   deletion, which comes back unchanged;
 * - a replacement (deleted and inserted in one step) is one suggestion: both parts share an id,
 *   the deleted part placed right before the inserted one;
 * - typing right after one's own suggested insertion extends it (same id), so a word typed letter
 *   by letter is one suggestion; deleting next to one's own deletion extends that.
 *
 * Positions are tracked through the steps of the original transaction and of the appended one
 * (`Mapping`), so multi-step transactions (IME, paste) are handled the same way. No DOM here.
 */
import {
  BLOCK_SUGGESTION_ATTR,
  type BlockSuggestion,
  readBlockSuggestion,
  SUGGEST_DELETE_MARK,
  SUGGEST_INSERT_MARK,
  SUGGESTIBLE_BLOCKS,
  type SuggestionAttrs,
  writeBlockSuggestion,
} from "@parley/shared/schema/suggestion";
import type { Node as PMNode, Slice } from "@tiptap/pm/model";
import { type EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";
import {
  freshSuggestion,
  isOwnSuggestion,
  type SuggestionAuthor,
  suggestionAttrsOf,
} from "./suggestionAuthor.js";

const SUGGESTIBLE = new Set<string>(SUGGESTIBLE_BLOCKS);

export interface TrackOptions {
  author: SuggestionAuthor;
  now?: Date;
  /** Where the caret goes after a pure deletion: before the struck text (Backspace) or after. */
  forward?: boolean;
}

/** One replace step, in the coordinates of the state after the tracked transactions. */
interface Change {
  /** Where the inserted content starts and ends (equal for a pure deletion). */
  start: number;
  end: number;
  deleted: Slice | null;
}

/** A range recorded while building `out`: map it with `out.mapping.slice(at)`. */
interface Pending {
  from: number;
  to: number;
  at: number;
  kind: "removeText" | "join" | "removeBlock";
}

function changesOf(transactions: readonly Transaction[]): Change[] {
  const changes: Change[] = [];
  transactions.forEach((tr, k) => {
    tr.steps.forEach((step, i) => {
      if (!(step instanceof ReplaceStep)) return;
      const toFinal = [
        ...tr.mapping.maps.slice(i + 1),
        ...transactions.slice(k + 1).flatMap((later) => later.mapping.maps),
      ];
      const map = (pos: number, assoc: number) =>
        toFinal.reduce((at, stepMap) => stepMap.map(at, assoc), pos);
      const before = tr.docs[i];
      const deleted = before && step.to > step.from ? before.slice(step.from, step.to) : null;
      changes.push({
        start: map(step.from, -1),
        end: map(step.from + step.slice.size, 1),
        deleted: deleted && deleted.size > 0 ? deleted : null,
      });
    });
  });
  return changes;
}

function markOf(node: PMNode | null | undefined, name: string) {
  return node?.marks.find((m) => m.type.name === name) ?? null;
}

/** The own suggestion just before `pos` that typing at `pos` continues, if any. */
function continuedInsert(
  doc: PMNode,
  pos: number,
  author: SuggestionAuthor,
): SuggestionAttrs | null {
  const $pos = doc.resolve(pos);
  const before = markOf($pos.nodeBefore, SUGGEST_INSERT_MARK);
  if (before && isOwnSuggestion(before.attrs, author)) return suggestionAttrsOf(before.attrs);
  if ($pos.parentOffset !== 0) return null;
  // At the start of a block this person proposed: the new text belongs to that suggestion.
  for (let depth = $pos.depth; depth > 0; depth--) {
    const block = readBlockSuggestion($pos.node(depth).attrs[BLOCK_SUGGESTION_ATTR]);
    if (block?.kind === "insert" && isOwnSuggestion(block, author)) {
      const { kind: _kind, ...attrs } = block;
      return attrs;
    }
  }
  return null;
}

/** The own deletion right before `from` or right after `to` that a deletion here extends. */
function continuedDelete(
  doc: PMNode,
  from: number,
  to: number,
  author: SuggestionAuthor,
): SuggestionAttrs | null {
  for (const node of [doc.resolve(to).nodeAfter, doc.resolve(from).nodeBefore]) {
    const mark = markOf(node, SUGGEST_DELETE_MARK);
    if (mark && isOwnSuggestion(mark.attrs, author)) return suggestionAttrsOf(mark.attrs);
  }
  return null;
}

/** The suggestible blocks that begin in [from, to): the outermost ones only. */
function blocksBeginningIn(doc: PMNode, from: number, to: number): { node: PMNode; pos: number }[] {
  const found: { node: PMNode; pos: number }[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isBlock) return false;
    if (pos >= from && pos < to && SUGGESTIBLE.has(node.type.name)) {
      found.push({ node, pos });
      return false;
    }
    return true;
  });
  return found;
}

function setBlock(
  out: Transaction,
  pos: number,
  kind: BlockSuggestion["kind"],
  attrs: SuggestionAttrs,
) {
  out.setNodeAttribute(pos, BLOCK_SUGGESTION_ATTR, writeBlockSuggestion({ kind, ...attrs }));
}

function markInserted(out: Transaction, from: number, to: number, attrs: SuggestionAttrs) {
  const { schema } = out.doc.type;
  const insertType = schema.marks[SUGGEST_INSERT_MARK];
  const deleteType = schema.marks[SUGGEST_DELETE_MARK];
  if (!insertType || !deleteType || to <= from) return;
  out.removeMark(from, to, deleteType);
  out.addMark(from, to, insertType.create(attrs));
  for (const { node, pos } of blocksBeginningIn(out.doc, from, to)) {
    if (readBlockSuggestion(node.attrs[BLOCK_SUGGESTION_ATTR]) === null)
      setBlock(out, pos, "insert", attrs);
  }
}

/** Marks the re-inserted range as deleted; returns what really goes (the author's own). */
function markDeleted(
  out: Transaction,
  from: number,
  to: number,
  attrs: SuggestionAttrs,
  author: SuggestionAuthor,
): Pending[] {
  const deleteType = out.doc.type.schema.marks[SUGGEST_DELETE_MARK];
  if (!deleteType) return [];
  const pending: Pending[] = [];
  const at = out.steps.length;
  const unmarked: [number, number][] = [];
  out.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const a = Math.max(pos, from);
    const b = Math.min(pos + node.nodeSize, to);
    const inserted = markOf(node, SUGGEST_INSERT_MARK);
    if (inserted && isOwnSuggestion(inserted.attrs, author)) {
      pending.push({ from: a, to: b, at, kind: "removeText" });
    } else if (!markOf(node, SUGGEST_DELETE_MARK)) {
      unmarked.push([a, b]);
    }
    return false;
  });
  for (const { node, pos } of blocksBeginningIn(out.doc, from, to)) {
    const block = readBlockSuggestion(node.attrs[BLOCK_SUGGESTION_ATTR]);
    if (block?.kind === "insert" && isOwnSuggestion(block, author)) {
      const whole = pos + node.nodeSize <= to;
      pending.push({
        from: pos,
        to: pos + node.nodeSize,
        at,
        kind: whole && node.type.name !== "paragraph" ? "removeBlock" : "join",
      });
    } else if (block === null) {
      setBlock(out, pos, "delete", attrs);
    }
  }
  for (const [a, b] of unmarked) out.addMark(a, b, deleteType.create(attrs));
  return pending;
}

function applyPending(out: Transaction, pending: Pending[]) {
  const sorted = [...pending].sort((x, y) => y.from - x.from);
  for (const p of sorted) {
    const mapping = out.mapping.slice(p.at);
    const from = mapping.map(p.from, 1);
    const to = mapping.map(p.to, -1);
    if (p.kind === "removeText" && to > from) out.delete(from, to);
    if (p.kind === "removeBlock" && to > from) out.delete(from, to);
    if (p.kind === "join") {
      // Withdraw one's own split: the block goes back into the one before it.
      const $pos = out.doc.resolve(from);
      const before = $pos.nodeBefore;
      const after = $pos.nodeAfter;
      if (before?.isTextblock && after?.isTextblock) {
        out.join(from);
      } else if (after && after.content.size === 0 && to > from) {
        out.delete(from, to);
      }
    }
  }
}

/**
 * The transaction that turns `transactions` (local edits that produced `state`) into suggestions
 * by `options.author`; null when they inserted and deleted nothing.
 */
export function trackChanges(
  transactions: readonly Transaction[],
  state: EditorState,
  options: TrackOptions,
): Transaction | null {
  const changes = changesOf(transactions);
  if (changes.length === 0) return null;
  const { author } = options;
  const out = state.tr;
  const pending: Pending[] = [];
  let caret: number | null = null;
  let caretAt = 0;
  let pureDeletion = true;
  for (const change of changes) {
    const p = out.mapping.map(change.start, -1);
    let deletedRange: [number, number] | null = null;
    if (change.deleted) {
      const sizeBefore = out.doc.content.size;
      out.replace(p, p, change.deleted);
      deletedRange = [p, p + (out.doc.content.size - sizeBefore)];
    }
    const insStart = out.mapping.map(change.start, 1);
    const insEnd = Math.max(insStart, out.mapping.map(change.end, 1));
    const inserted = insEnd > insStart;
    if (inserted) pureDeletion = false;
    const attrs =
      (inserted && !deletedRange ? continuedInsert(out.doc, insStart, author) : null) ??
      (!inserted && deletedRange
        ? continuedDelete(out.doc, deletedRange[0], deletedRange[1], author)
        : null) ??
      freshSuggestion(author, options.now);
    if (inserted) markInserted(out, insStart, insEnd, attrs);
    if (deletedRange) {
      pending.push(...markDeleted(out, deletedRange[0], deletedRange[1], attrs, author));
      caret = options.forward ? deletedRange[1] : deletedRange[0];
      caretAt = out.steps.length;
    }
  }
  applyPending(out, pending);
  if (pureDeletion && caret !== null && state.selection.empty) {
    const pos = out.mapping.slice(caretAt).map(caret, options.forward ? 1 : -1);
    out.setSelection(TextSelection.near(out.doc.resolve(Math.min(pos, out.doc.content.size))));
  }
  return out;
}
