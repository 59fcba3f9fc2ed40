/**
 * Comment threads of the discussion room (`comments/records.ts`) as the export's input:
 * the opening message then the replies, a deleted message shown as such, the resolved state and
 * the proposed wording. The anchors come from the `comment` marks in the text.
 */
import type * as Y from "yjs";
import { readThreads } from "../comments/records.js";
import type { CommentMessageInput, CommentThreadInput } from "./comments.js";

const DELETED = "(message deleted)";

function message(m: {
  by: { name: string; party: string | null };
  at: string;
  body: string;
  deletedAt: string | null;
}): CommentMessageInput {
  return {
    by: m.by,
    at: m.at,
    body: m.deletedAt !== null ? DELETED : m.body,
  };
}

export function threadsFromDiscussion(discussion: Y.Doc): CommentThreadInput[] {
  return readThreads(discussion).threads.map((view) => ({
    threadId: view.thread.threadId,
    resolved: view.state.resolved,
    messages: [message(view.thread), ...view.replies.map(message)],
    proposedWording: view.thread.proposal,
  }));
}
