/**
 * Comment threads as the export reads them: plain input, so that any source fits (the discussion
 * room through `threadsFromDiscussion` in `threads.ts`, or threads built in a test). Each thread
 * is anchored to its span of text by a `comment` mark whose `threadId` attribute names it (the
 * schema's `CommentMark`, `schema/comment.ts`).
 */
import type { Attribution } from "../model/actor.js";

export { COMMENT_MARK, THREAD_ID_ATTR as COMMENT_THREAD_ATTR } from "../comments/markNames.js";

/** One message: who wrote it and when (`by.party` null: a mediation team member), and its text. */
export interface CommentMessageInput extends Attribution {
  body: string;
}

/** One thread: the opening comment, then the replies in order. */
export interface CommentThreadInput {
  threadId: string;
  resolved: boolean;
  messages: CommentMessageInput[];
  proposedWording?: string | null;
}
