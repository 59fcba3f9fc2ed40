/**
 * Keeps the ids of terms, brackets and options present and unique in the editor.
 *
 * - A node without a (well-formed) id gets a fresh one.
 * - A duplicate id gets a new one on the copy: after a local paste or split, the occurrence inside
 *   the inserted range is the copy, so the original keeps its id (and its status and stances).
 * - Duplicates that arrive from elsewhere (a concurrent insert of the same pasted term, a remote
 *   client, an undo that brings back a deleted term) are repaired on the later occurrence in
 *   document order, with an id derived from the duplicated one (`derivedId`): every client
 *   computes the same repair and their writes converge.
 *
 * Local repairs are appended to the user's transaction (so undo takes back paste and repair
 * together). Repairs of remote changes are dispatched right after the remote transaction, outside
 * y-prosemirror's sync mutex (an appended transaction there would never reach Yjs), and are kept
 * out of the undo history.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { planIdRepairs } from "../model/ids.js";
import { IDENTIFIED_NODES } from "./nodeNames.js";
import { perBlock } from "./perBlock.js";

export const structuralIdsKey = new PluginKey("parleyStructuralIds");

type Range = readonly [number, number];

/** The ranges of `doc` (after all `transactions`) that the transactions inserted or replaced. */
export function changedRanges(transactions: readonly Transaction[]): Range[] {
  let ranges: Range[] = [];
  for (const tr of transactions) {
    for (const map of tr.mapping.maps) {
      ranges = ranges.map(([from, to]) => [map.map(from, -1), map.map(to, 1)] as const);
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        ranges.push([newStart, newEnd]);
      });
    }
  }
  return ranges;
}

/** An identified node inside one top-level block (`offset` from the block's content; -1: the block). */
interface Occurrence {
  spec: number;
  offset: number;
  id: unknown;
}

const SPEC_OF = new Map<string, number>(IDENTIFIED_NODES.map((spec, index) => [spec.type, index]));

function blockOccurrences(block: PMNode): readonly Occurrence[] {
  const found: Occurrence[] = [];
  const visit = (node: PMNode, offset: number) => {
    const spec = SPEC_OF.get(node.type.name);
    if (spec !== undefined)
      found.push({ spec, offset, id: node.attrs[IDENTIFIED_NODES[spec].attr] });
  };
  visit(block, -1);
  block.descendants((node, pos) => {
    visit(node, pos);
    return !node.isText;
  });
  return found;
}

/**
 * The identified nodes of each top-level block: the check after a transaction reads only the
 * blocks it changed instead of walking the whole text (three times, once per kind).
 */
const eachBlockOccurrences = perBlock(blockOccurrences);

/**
 * The transaction that repairs missing and duplicate ids in `state`, or null when none is needed.
 * `fresh` are the ranges the user just inserted (occurrences there lose a duplicate id first).
 */
export function repairIdsTransaction(
  state: EditorState,
  fresh: readonly Range[] = [],
): Transaction | null {
  const found = IDENTIFIED_NODES.map(() => [] as { pos: number; id: unknown; fresh: boolean }[]);
  eachBlockOccurrences(state.doc, (occurrences, start) => {
    for (const o of occurrences) {
      const pos = start + o.offset;
      found[o.spec]?.push({
        pos,
        id: o.id,
        fresh: fresh.some(([from, to]) => pos >= from && pos < to),
      });
    }
  });
  let tr: Transaction | null = null;
  IDENTIFIED_NODES.forEach((spec, index) => {
    const occurrences = found[index] ?? [];
    const repairs = planIdRepairs(occurrences, spec.prefix);
    for (const [at, id] of repairs) {
      const occurrence = occurrences[at];
      if (!occurrence) continue;
      tr ??= state.tr;
      tr.setNodeAttribute(occurrence.pos, spec.attr, id);
    }
  });
  return tr;
}

/**
 * Whether y-prosemirror made this transaction (a remote change, an undo/redo, or the initial
 * render of the Yjs content). Those run inside the binding's mutex, where an appended repair would
 * stay in ProseMirror and never reach Yjs, so their repairs are dispatched right after instead.
 */
function fromYjs(tr: Transaction): boolean {
  if (tr.getMeta(ySyncPluginKey) !== undefined) return true;
  // Another plugin's transaction appended to a Yjs one (e.g. the trailing paragraph) runs inside
  // the same mutex: ProseMirror links it to the transaction that started the round.
  const root: unknown = tr.getMeta("appendedTransaction");
  return isTransaction(root) && root.getMeta(ySyncPluginKey) !== undefined;
}

function isTransaction(value: unknown): value is Transaction {
  return typeof value === "object" && value !== null && "getMeta" in value;
}

export const StructuralIds = Extension.create({
  name: "structuralIds",

  addProseMirrorPlugins() {
    let remoteChangePending = false;
    return [
      new Plugin({
        key: structuralIdsKey,
        appendTransaction(transactions, _oldState, newState) {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          if (transactions.some(fromYjs)) {
            remoteChangePending = true;
            return null;
          }
          return repairIdsTransaction(newState, changedRanges(transactions));
        },
        view(editorView) {
          // Content loaded from Yjs at start (e.g. written by an old client) is checked once too.
          queueMicrotask(() => {
            if (editorView.isDestroyed) return;
            const tr = repairIdsTransaction(editorView.state);
            if (tr) editorView.dispatch(tr.setMeta("addToHistory", false));
          });
          return {
            update(view) {
              if (!remoteChangePending) return;
              remoteChangePending = false;
              queueMicrotask(() => {
                if (view.isDestroyed) return;
                const tr = repairIdsTransaction(view.state);
                if (tr) view.dispatch(tr.setMeta("addToHistory", false));
              });
            },
          };
        },
      }),
    ];
  },
});
