/**
 * The names of the comment anchor: the `comment` mark (`schema/comment.ts`) and its attribute
 * naming the thread. Plain constants, so that the server's write checks (`anchorPolicy.ts`) and
 * the export read them without loading Tiptap.
 */
export const COMMENT_MARK = "comment";
export const THREAD_ID_ATTR = "threadId";
