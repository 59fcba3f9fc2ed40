// @vitest-environment node

import {
  createThread,
  replyToThread,
  resolveThread,
  type ThreadWriter,
} from "@parley/shared/comments/commands";
import { readThreads } from "@parley/shared/comments/records";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findInComments } from "./commentMatches.js";

const amira: ThreadWriter = { actor: { name: "Amira", party: "north" }, authorId: "u-amira" };

function open(doc: Y.Doc, body: string): string {
  const result = createThread(doc, { body, quote: "q" }, amira);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.threadId;
}

describe("findInComments", () => {
  it("finds openings and replies of open threads, one result per message", () => {
    const doc = new Y.Doc();
    const first = open(doc, "The aquifer, the aquifer!");
    const reply = replyToThread(doc, first, { body: "Which aquifer?" }, amira);
    const closed = open(doc, "aquifer too");
    resolveThread(doc, closed, amira);
    open(doc, "nothing here");
    const matches = findInComments(readThreads(doc).threads, "Aquifer");
    expect(matches.map((m) => [m.threadId, m.replyId])).toEqual([
      [first, null],
      [first, reply.ok ? reply.value.replyId : ""],
    ]);
    expect(matches[1]?.snippet).toEqual({ before: "Which ", match: "aquifer", after: "?" });
    expect(matches[0]?.author).toBe("Amira");
  });
});
