/**
 * Comment threads as the export reads them: plain input, so that any source fits (the discussion
 * room through `threadsFromDiscussion` in `threads.ts`, or threads built in a test). Each thread
 * is anchored to its span of text by a `comment` mark whose `threadId` attribute names it (the
 * schema's `CommentMark`, `schema/comment.ts`).
 */
export { COMMENT_MARK, THREAD_ID_ATTR as COMMENT_THREAD_ATTR } from "../comments/markNames.js";

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
