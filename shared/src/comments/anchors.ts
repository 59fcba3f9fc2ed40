/**
 * Where each comment thread is anchored: the spans of text carrying its `comment` mark, read from
 * a ProseMirror document (with positions, for the editor's margin) or from ProseMirror JSON
 * (text only, for export and the server). Pure; nothing here writes.
 *
 * A thread whose marked text was deleted entirely has no span: it is "detached", and the UI shows
 * the text it was on from the copy kept in the thread record (`ThreadRecord.quote`).
 */
import type { JSONContent } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { perBlock } from "../schema/perBlock.js";
import { COMMENT_MARK, THREAD_ID_ATTR } from "./markNames.js";

export interface AnchorSpan {
  /** ProseMirror positions of the span (`from` inclusive, `to` exclusive). */
  from: number;
  to: number;
  text: string;
}

export interface ThreadAnchor {
  threadId: string;
  /** The marked spans in document order; adjacent marked text nodes form one span. */
  spans: AnchorSpan[];
  /** The anchored text: the spans' text joined by a space. */
  text: string;
  /** The term holding the first span, or null outside any term. */
  termId: string | null;
  /** Position of the first span (to sort threads in document order and align cards). */
  from: number;
}

function threadIdsOf(
  marks: readonly { type: { name: string }; attrs: Record<string, unknown> }[],
): string[] {
  const ids: string[] = [];
  for (const mark of marks) {
    const id = mark.attrs[THREAD_ID_ATTR];
    if (mark.type.name === COMMENT_MARK && typeof id === "string" && id !== "") ids.push(id);
  }
  return ids;
}

/** A marked span inside one top-level block, positions from the start of the block's content. */
interface BlockSpan {
  threadId: string;
  from: number;
  to: number;
  text: string;
  termId: string | null;
}

function termIdOf(node: ProseMirrorNode): string | null {
  const id = node.attrs[ATTR.termId];
  return typeof id === "string" ? id : null;
}

function blockSpans(block: ProseMirrorNode): readonly BlockSpan[] {
  const blockTerm = block.type.name === NODE.term ? termIdOf(block) : null;
  const termAt = (pos: number): string | null => {
    const $pos = block.resolve(pos);
    for (let depth = $pos.depth; depth > 0; depth--) {
      const node = $pos.node(depth);
      if (node.type.name === NODE.term) return termIdOf(node);
    }
    return blockTerm;
  };
  const spans: BlockSpan[] = [];
  const lastOf = new Map<string, BlockSpan>();
  block.descendants((node, pos) => {
    if (!node.isText) return true;
    const text = node.text ?? "";
    for (const threadId of threadIdsOf(node.marks)) {
      const last = lastOf.get(threadId);
      if (last && last.to === pos) {
        last.to = pos + text.length;
        last.text += text;
      } else {
        const span = { threadId, from: pos, to: pos + text.length, text, termId: termAt(pos) };
        spans.push(span);
        lastOf.set(threadId, span);
      }
    }
    return false;
  });
  return spans;
}

/** Each top-level block's marked spans, read again only for the blocks an edit changed. */
const eachBlockSpans = perBlock(blockSpans);

/** Every anchored thread of `doc`, in document order of its first span. */
export function collectAnchors(doc: ProseMirrorNode): ThreadAnchor[] {
  const anchors = new Map<string, ThreadAnchor>();
  eachBlockSpans(doc, (spans, start) => {
    for (const span of spans) {
      const from = start + span.from;
      const to = start + span.to;
      let anchor = anchors.get(span.threadId);
      if (!anchor) {
        anchor = { threadId: span.threadId, spans: [], text: "", termId: span.termId, from };
        anchors.set(span.threadId, anchor);
      }
      const last = anchor.spans[anchor.spans.length - 1];
      if (last && last.to === from) {
        last.to = to;
        last.text += span.text;
      } else {
        anchor.spans.push({ from, to, text: span.text });
      }
    }
  });
  const out = [...anchors.values()];
  for (const a of out) a.text = a.spans.map((s) => s.text).join(" ");
  return out.sort((a, b) => a.from - b.from || a.threadId.localeCompare(b.threadId));
}

export interface JsonThreadAnchor {
  threadId: string;
  /** The anchored text of each span (contiguous marked text within one block). */
  spans: string[];
  text: string;
  termId: string | null;
}

/** Every anchored thread of a ProseMirror JSON document (no positions), in document order. */
export function collectAnchorsFromJson(json: JSONContent): JsonThreadAnchor[] {
  const anchors = new Map<string, JsonThreadAnchor>();
  /** Threads whose current span is still open (the previous inline node carried them). */
  let open = new Set<string>();
  const visit = (node: JSONContent, termId: string | null): void => {
    if (node.type === NODE.text) {
      const marks = (node.marks ?? []).map((m) => ({
        type: { name: m.type },
        attrs: m.attrs ?? {},
      }));
      const ids = threadIdsOf(marks);
      const next = new Set<string>();
      for (const threadId of ids) {
        let anchor = anchors.get(threadId);
        if (!anchor) {
          anchor = { threadId, spans: [], text: "", termId };
          anchors.set(threadId, anchor);
        }
        if (open.has(threadId)) {
          anchor.spans[anchor.spans.length - 1] += node.text ?? "";
        } else {
          anchor.spans.push(node.text ?? "");
        }
        next.add(threadId);
      }
      open = next;
      return;
    }
    // Any other node ends the open spans (a block boundary or an inline node between texts).
    open = new Set();
    const id = node.type === NODE.term ? node.attrs?.[ATTR.termId] : undefined;
    const inner = typeof id === "string" ? id : termId;
    for (const child of node.content ?? []) visit(child, inner);
    open = new Set();
  };
  visit(json, null);
  const out = [...anchors.values()];
  for (const a of out) a.text = a.spans.join(" ");
  return out;
}

export type AnchorState = { kind: "anchored"; anchor: ThreadAnchor } | { kind: "detached" };

/** Whether a thread is still on the text; detached when every character it was on is gone. */
export function anchorStateOf(threadId: string, anchors: readonly ThreadAnchor[]): AnchorState {
  const anchor = anchors.find((a) => a.threadId === threadId);
  return anchor ? { kind: "anchored", anchor } : { kind: "detached" };
}

/** The range to replace when applying proposed wording: the first span to the last one, if they
 * lie in the same text block; otherwise null (the anchor crosses blocks). */
export function replaceableRange(
  doc: ProseMirrorNode,
  anchor: ThreadAnchor,
): { from: number; to: number } | null {
  const first = anchor.spans[0];
  const last = anchor.spans[anchor.spans.length - 1];
  if (!first || !last) return null;
  const $from = doc.resolve(first.from);
  const $to = doc.resolve(last.to);
  if (!$from.parent.isTextblock || !$from.sameParent($to)) return null;
  return { from: first.from, to: last.to };
}
