/** The comments a find query matches: each message (opening or reply) of an open thread. */
import type { ThreadView } from "@parley/shared/comments/records";
import { findMatches, type Snippet, snippetAt } from "@parley/shared/search/textMatch";

export interface CommentMatch {
  threadId: string;
  replyId: string | null;
  author: string;
  snippet: Snippet;
}

/** One result per matching message, threads in document order as given, replies in order. */
export function findInComments(threads: readonly ThreadView[], query: string): CommentMatch[] {
  const out: CommentMatch[] = [];
  for (const view of threads) {
    if (view.state.resolved) continue;
    for (const message of [view.thread, ...view.replies]) {
      if (message.deletedAt !== null) continue;
      const [first] = findMatches(message.body, query, 1);
      if (!first) continue;
      out.push({
        threadId: view.thread.threadId,
        replyId: "replyId" in message ? message.replyId : null,
        author: message.by.name,
        snippet: snippetAt(message.body, first, 40),
      });
    }
  }
  return out;
}
