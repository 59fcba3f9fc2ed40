/**
 * What the margin does to the two docs: open a thread (record in the discussion doc, then the
 * format-only `comment` mark on the text) and apply proposed wording (replace the span, keep the
 * anchor on the new words, record who applied it and the wording it replaced; the thread stays
 * open).
 */
import { collectAnchors, replaceableRange } from "@parley/shared/comments/anchors";
import {
  createThread,
  recordProposalApplied,
  type ThreadWriteOptions,
} from "@parley/shared/comments/commands";
import { addCommentMark, textSegmentsBetween } from "@parley/shared/comments/commentMark";
import { COMMENT_MARK } from "@parley/shared/comments/markNames";
import type { Mention, ThreadRecord, ThreadView } from "@parley/shared/comments/records";
import { newId } from "@parley/shared/model/ids";
import { err, ok, type Result } from "@parley/shared/model/result";
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import { ATTR, NODE } from "@parley/shared/schema/nodeNames";
import type { Editor } from "@tiptap/core";
import type * as Y from "yjs";
import { fromYRange, type YRange } from "./yRange.js";

/** The term around `pos`, or null. */
export function termIdAt(editor: Editor, pos: number): string | null {
  const $pos = editor.state.doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === NODE.term) {
      const id = node.attrs[ATTR.termId];
      return typeof id === "string" ? id : null;
    }
  }
  return null;
}

export interface NewThread {
  range: YRange;
  body: string;
  proposal: string | null;
  mentions: Mention[];
}

export function openThread(
  editor: Editor,
  framework: Y.Doc,
  discussion: Y.Doc,
  input: NewThread,
  options: ThreadWriteOptions,
): Result<ThreadRecord> {
  const range = fromYRange(editor.state, input.range);
  const fragment = framework.getXmlFragment(DOCUMENT_FIELD);
  if (!range || textSegmentsBetween(fragment, editor.schema, range.from, range.to).length === 0) {
    return err("invalid", "The text you selected was deleted meanwhile. Select it again.");
  }
  const threadId = newId("c");
  const created = createThread(
    discussion,
    {
      threadId,
      body: input.body,
      quote: editor.state.doc.textBetween(range.from, range.to, " ", " "),
      termId: termIdAt(editor, range.from),
      proposal: input.proposal,
      mentions: input.mentions,
    },
    options,
  );
  if (!created.ok) return created;
  const marked = addCommentMark(fragment, editor.schema, range, threadId);
  if (!marked.ok) return marked;
  return created;
}

/** Replaces the thread's anchored text with its proposed wording and records who applied it. */
export function applyProposal(
  editor: Editor,
  discussion: Y.Doc,
  view: ThreadView,
  options: ThreadWriteOptions,
): Result<void> {
  const proposal = view.thread.proposal;
  if (!proposal) return err("invalid", "This thread proposes no wording.");
  if (!editor.isEditable)
    return err("notAllowed", "Only people who may edit the text can apply wording.");
  const anchor = collectAnchors(editor.state.doc).find((a) => a.threadId === view.thread.threadId);
  if (!anchor) return err("invalid", "The text this thread was on has been deleted.");
  const range = replaceableRange(editor.state.doc, anchor);
  if (!range) {
    return err("invalid", "The commented text spans several paragraphs: edit it by hand.");
  }
  const replaced = editor.state.doc.textBetween(range.from, range.to, " ", " ");
  const first = editor.state.doc.nodeAt(range.from);
  // The new words keep the formatting of the first replaced character, comment anchors included.
  const marks = first?.marks ?? [];
  const tr = editor.state.tr.replaceWith(range.from, range.to, editor.schema.text(proposal, marks));
  editor.view.dispatch(tr);
  const stillAnchored = collectAnchors(editor.state.doc).some(
    (a) => a.threadId === view.thread.threadId,
  );
  if (!stillAnchored || !marks.some((m) => m.type.name === COMMENT_MARK)) {
    return err("invalid", "The wording was applied but the comment lost its place.");
  }
  const recorded = recordProposalApplied(discussion, view.thread.threadId, options, replaced);
  return recorded.ok ? ok(undefined) : recorded;
}
