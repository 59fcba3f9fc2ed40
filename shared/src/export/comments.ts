/**
 * Comment threads as the export reads them. Issue 7 (comments) keeps threads in the discussion
 * room and anchors each one to its span of text with a `comment` mark whose `threadId` attribute
 * names the thread. Until it lands, the export defines the input it needs here, and
 * `exportExtensions()` adds a stand-in `comment` mark so anchors already in a document survive
 * conversion. What issue 7 has to provide: `readThreads(discussion) → CommentThreadInput[]`.
 */
import { Mark } from "@tiptap/core";

export const COMMENT_MARK = "comment";
export const COMMENT_THREAD_ATTR = "threadId";

export interface CommentAuthorInput {
  name: string;
  /** The author's party id, or null (mediation team member without a party). */
  partyId: string | null;
}

export interface CommentMessageInput {
  author: CommentAuthorInput;
  /** ISO 8601. */
  at: string;
  body: string;
}

/** One thread: the opening comment, then the replies in order. */
export interface CommentThreadInput {
  threadId: string;
  resolved: boolean;
  messages: CommentMessageInput[];
  proposedWording?: string | null;
}

/**
 * Stand-in for issue 7's comment mark: same name and attribute, no behaviour. Several threads
 * may cover the same text, so it does not exclude itself.
 */
export const CommentAnchor = Mark.create({
  name: COMMENT_MARK,
  excludes: "",
  inclusive: false,
  addAttributes() {
    return {
      [COMMENT_THREAD_ATTR]: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-thread-id"),
        renderHTML: (attrs) =>
          attrs[COMMENT_THREAD_ATTR] == null
            ? {}
            : { "data-thread-id": String(attrs[COMMENT_THREAD_ATTR]) },
      },
    };
  },
  parseHTML() {
    return [{ tag: "span[data-thread-id]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", HTMLAttributes, 0];
  },
});
