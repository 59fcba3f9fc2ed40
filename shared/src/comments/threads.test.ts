import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { sync } from "../test/editors.js";
import {
  createThread,
  deleteMessage,
  editMessage,
  recordProposalApplied,
  reopenThread,
  replyToThread,
  resolveThread,
  type ThreadWriter,
} from "./commands.js";
import { readThreads, THREAD_MAPS } from "./records.js";

const amira: ThreadWriter = {
  actor: { name: "Amira Haddad", party: "north" },
  authorId: "u-amira",
};
const boris: ThreadWriter = { actor: { name: "Boris Lenz", party: "south" }, authorId: "u-boris" };
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

function open(doc: Y.Doc, extra: Partial<Parameters<typeof createThread>[1]> = {}) {
  const result = createThread(
    doc,
    { body: "Why “shall”?\nSee https://example.org", quote: "shall", termId: "t-1", ...extra },
    { ...amira, now: at(0) },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("threads in the discussion doc", () => {
  it("stores the opening message with author, time, quote and line breaks", () => {
    const doc = new Y.Doc();
    const thread = open(doc, { proposal: "should" });
    const [view] = readThreads(doc).threads;
    expect(view?.thread).toEqual(thread);
    expect(thread.by).toEqual(amira.actor);
    expect(thread.authorId).toBe("u-amira");
    expect(thread.at).toBe("2026-01-01T10:00:00.000Z");
    expect(thread.body).toBe("Why “shall”?\nSee https://example.org");
    expect(thread.proposal).toBe("should");
    expect(view?.state.resolved).toBe(false);
  });

  it("refuses an empty body, a bad author and bad mentions, writing nothing", () => {
    const doc = new Y.Doc();
    const empty = createThread(doc, { body: "  \n ", quote: "x" }, amira);
    expect(empty.ok).toBe(false);
    const noName = createThread(
      doc,
      { body: "Hi", quote: "x" },
      { actor: { name: "", party: null }, authorId: "u-x" },
    );
    expect(noName.ok).toBe(false);
    const badMention = createThread(
      doc,
      { body: "Hi @x", quote: "x", mentions: [{ kind: "alien" }] },
      amira,
    );
    expect(badMention.ok).toBe(false);
    expect(readThreads(doc).threads).toEqual([]);
  });

  it("keeps replies in order under the thread, with @mentions", () => {
    const doc = new Y.Doc();
    const { threadId } = open(doc);
    replyToThread(doc, threadId, { body: "Second" }, { ...boris, now: at(2) });
    const first = replyToThread(
      doc,
      threadId,
      { body: "First @South", mentions: [{ kind: "party", label: "South", partyId: "south" }] },
      { ...amira, now: at(1) },
    );
    expect(first.ok).toBe(true);
    const [view] = readThreads(doc).threads;
    expect(view?.replies.map((r) => r.body)).toEqual(["First @South", "Second"]);
    expect(view?.replies[0]?.mentions).toEqual([
      { kind: "party", label: "South", partyId: "south" },
    ]);
  });

  it("lets only the author edit or delete a message; deletion keeps the replies", () => {
    const doc = new Y.Doc();
    const { threadId } = open(doc);
    const reply = replyToThread(doc, threadId, { body: "Agreed" }, boris);
    if (!reply.ok) throw new Error("reply failed");
    const ref = { threadId, replyId: reply.value.replyId };

    const foreign = editMessage(doc, ref, { body: "Hacked" }, amira);
    expect(foreign.ok ? null : foreign.error.code).toBe("notAllowed");
    // Same author id but another party is someone else too.
    const impostor = { ...boris, actor: { name: "Boris Lenz", party: "north" } };
    expect(deleteMessage(doc, ref, impostor).ok).toBe(false);

    const edited = editMessage(
      doc,
      ref,
      { body: "Agreed, with a caveat" },
      { ...boris, now: at(5) },
    );
    expect(edited.ok).toBe(true);
    expect(readThreads(doc).threads[0]?.replies[0]).toMatchObject({
      body: "Agreed, with a caveat",
      editedAt: "2026-01-01T10:05:00.000Z",
    });

    expect(deleteMessage(doc, { threadId }, { ...amira, now: at(6) }).ok).toBe(true);
    const [view] = readThreads(doc).threads;
    expect(view?.thread.body).toBe("");
    expect(view?.thread.deletedAt).toBe("2026-01-01T10:06:00.000Z");
    expect(view?.replies).toHaveLength(1);
    expect(editMessage(doc, { threadId }, { body: "Back" }, amira).ok).toBe(false);
  });

  it("resolves and reopens, recording who and when; refuses a no-op", () => {
    const doc = new Y.Doc();
    const { threadId } = open(doc);
    expect(reopenThread(doc, threadId, boris).ok).toBe(false);
    expect(resolveThread(doc, threadId, { ...amira, now: at(3) }).ok).toBe(true);
    expect(resolveThread(doc, threadId, boris).ok).toBe(false);
    let [view] = readThreads(doc).threads;
    expect(view?.state.resolved).toBe(true);
    expect(view?.state.last).toMatchObject({
      action: "resolved",
      by: amira.actor,
      at: "2026-01-01T10:03:00.000Z",
    });
    expect(reopenThread(doc, threadId, { ...boris, now: at(4) }).ok).toBe(true);
    [view] = readThreads(doc).threads;
    expect(view?.state.resolved).toBe(false);
    expect(view?.state.last?.by).toEqual(boris.actor);
  });

  it("orders state changes by their Lamport seq, not by the writers' clocks", () => {
    const doc = new Y.Doc();
    const { threadId } = open(doc);
    resolveThread(doc, threadId, { ...amira, now: at(30) });
    // Boris's clock is behind, but he reopened after seeing the resolution.
    reopenThread(doc, threadId, { ...boris, now: at(10) });
    expect(readThreads(doc).threads[0]?.state.resolved).toBe(false);
  });

  it("converges when two people change the state concurrently", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const { threadId } = open(a);
    sync(a, b);
    resolveThread(a, threadId, { ...amira, now: at(1) });
    resolveThread(b, threadId, { ...boris, now: at(2) });
    sync(a, b);
    const stateA = readThreads(a).threads[0]?.state;
    expect(stateA?.resolved).toBe(true);
    expect(readThreads(b).threads[0]?.state).toEqual(stateA);
    expect(reopenThread(b, threadId, { ...boris, now: at(3) }).ok).toBe(true);
    sync(a, b);
    expect(readThreads(a).threads[0]?.state.resolved).toBe(false);
  });

  it("records who applied the proposed wording and the wording it replaced; the thread stays open", () => {
    const doc = new Y.Doc();
    const plain = open(doc);
    expect(recordProposalApplied(doc, plain.threadId, boris).ok).toBe(false);
    const { threadId } = open(doc, { threadId: "c-proposal", proposal: "  should \n " });
    const applied = recordProposalApplied(doc, threadId, { ...boris, now: at(9) }, "shall");
    expect(applied.ok).toBe(true);
    const view = readThreads(doc).threads.find((t) => t.thread.threadId === threadId);
    expect(view?.state.resolved).toBe(false);
    expect(view?.state.applied).toMatchObject({
      by: boris.actor,
      appliedText: "should",
      replacedText: "shall",
    });
    // Resolving is a separate, explicit act.
    expect(resolveThread(doc, threadId, { ...boris, now: at(10) }).ok).toBe(true);
    const after = readThreads(doc).threads.find((t) => t.thread.threadId === threadId);
    expect(after?.state.resolved).toBe(true);
    expect(after?.state.applied?.replacedText).toBe("shall");
  });

  it("lists invalid stored records instead of throwing", () => {
    const doc = new Y.Doc();
    open(doc);
    doc.getMap(THREAD_MAPS.threads).set("c-bad", { threadId: "c-bad", body: 42 });
    doc.getMap(THREAD_MAPS.replies).set("c-none:r-1", { nonsense: true });
    const snapshot = readThreads(doc);
    expect(snapshot.threads).toHaveLength(1);
    expect(snapshot.invalid).toEqual(["threadReplies:c-none:r-1", "threads:c-bad"]);
  });

  it("writes every record with the writer's identity as `by` (the server policy's rule)", () => {
    const doc = new Y.Doc();
    const { threadId } = open(doc, { proposal: "should" });
    replyToThread(doc, threadId, { body: "ok" }, boris);
    resolveThread(doc, threadId, boris);
    for (const name of Object.values(THREAD_MAPS)) {
      doc.getMap(name).forEach((record) => {
        expect(record).toHaveProperty("by.name");
        expect(record).toHaveProperty("by.party");
      });
    }
    expect(doc.getMap(THREAD_MAPS.events).size).toBe(1);
  });
});

describe("members", () => {
  it("tells two members of one party apart, and a legacy message gains its writer's member", () => {
    const doc = new Y.Doc();
    const thread = open(doc);
    // Written before member ids: Amira's edit (on her device) adds her member.
    const amiraMember: ThreadWriter = { ...amira, actor: { ...amira.actor, member: "m-amira" } };
    const edited = editMessage(doc, { threadId: thread.threadId }, { body: "x" }, amiraMember);
    expect(edited.ok && edited.value.by).toEqual({ ...amira.actor, member: "m-amira" });
    // Another member of her party, on the same device id, is not her.
    const namesake: ThreadWriter = { ...amira, actor: { ...amira.actor, member: "m-other" } };
    expect(deleteMessage(doc, { threadId: thread.threadId }, namesake).ok).toBe(false);
    expect(deleteMessage(doc, { threadId: thread.threadId }, amiraMember).ok).toBe(true);
  });

  it("a stored event with an out-of-range sequence number is ignored, so it cannot pin the state", () => {
    const doc = new Y.Doc();
    const thread = open(doc);
    doc.getMap(THREAD_MAPS.events).set(`${thread.threadId}:e-lock`, {
      threadId: thread.threadId,
      eventId: "e-lock",
      action: "resolved",
      by: boris.actor,
      authorId: "u-boris",
      at: at(1).toISOString(),
      seq: Number.MAX_SAFE_INTEGER,
      appliedText: null,
    });
    expect(readThreads(doc).threads[0]?.state.resolved).toBe(false);
    expect(resolveThread(doc, thread.threadId, amira).ok).toBe(true);
    expect(reopenThread(doc, thread.threadId, amira).ok).toBe(true);
    expect(readThreads(doc).threads[0]?.state.resolved).toBe(false);
  });
});
