/**
 * The `comment` mark: anchors a comment thread to a span of the framework text. The thread itself
 * (author, body, replies, resolved, proposed wording) lives in the discussion room
 * (`comments/records.ts`); the mark carries only the thread id, so it moves with the text through
 * every concurrent edit, split and join.
 *
 * Attributes: `threadId` (`c-…`). `excludes: ""`: marks of this type do not exclude each other,
 * so two threads can cover the same text. y-prosemirror stores each such mark under its own
 * Y.Text format key, `comment--<hash of the mark's JSON>` (see `comments/commentMark.ts`).
 * `inclusive: false`: typing at either edge of an anchor does not extend it.
 *
 * HTML: `<span data-comment-thread="c-…" class="comment-anchor">…</span>` (one span per thread).
 */
import { Mark, mergeAttributes } from "@tiptap/core";
import { COMMENT_MARK, THREAD_ID_ATTR } from "../comments/markNames.js";

export const CommentMark = Mark.create({
  name: COMMENT_MARK,
  excludes: "",
  inclusive: false,
  spanning: true,

  addAttributes() {
    return {
      [THREAD_ID_ATTR]: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-comment-thread"),
        renderHTML: (attrs) =>
          attrs[THREAD_ID_ATTR] == null
            ? {}
            : { "data-comment-thread": String(attrs[THREAD_ID_ATTR]) },
      },
    };
  },

  parseHTML() {
    return [{ tag: "span[data-comment-thread]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes({ class: "comment-anchor" }, HTMLAttributes), 0];
  },
});
