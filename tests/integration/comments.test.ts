/**
 * Comment threads through the real server: a thread anchored by the `comment` mark in the
 * framework room, its replies and state changes in the discussion room, written by two people
 * with their own tokens, and all of it still there after the server restarts.
 */

import { namedInviteMember } from "@parley/shared/access/members";
import {
  createThread,
  reopenThread,
  replyToThread,
  resolveThread,
  type ThreadWriter,
} from "@parley/shared/comments/commands";
import { addCommentMark } from "@parley/shared/comments/commentMark";
import { collectAnchorsFromDoc, documentSchema } from "@parley/shared/comments/documentAnchors";
import { readThreads } from "@parley/shared/comments/records";
import { roomNameToString } from "@parley/shared/protocol";
import { afterEach, describe, expect, it } from "vitest";
import {
  appendParagraph,
  connectClient,
  fragmentOf,
  type SyncClient,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer | null = null;
const clients: SyncClient[] = [];

function client(room: string, token: string): SyncClient {
  const c = connectClient(server?.syncUrl ?? "", room, { token });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.cleanup();
  server = null;
});

const amira: ThreadWriter = { actor: { name: "Amira Haddad", party: null }, authorId: "u-amira" };

/** ProseMirror range of `text` in the last paragraph (plain text, top level). */
function rangeInLastParagraph(doc: SyncClient["doc"], text: string): { from: number; to: number } {
  const blocks = fragmentOf(doc).toArray();
  let pos = 0;
  for (const block of blocks.slice(0, -1)) pos += nodeSize(block);
  const last = blocks[blocks.length - 1];
  const index = last ? plain(last).indexOf(text) : -1;
  if (index < 0) throw new Error(`"${text}" not found`);
  return { from: pos + 1 + index, to: pos + 1 + index + text.length };
}

function plain(node: unknown): string {
  return String(
    (node as { toArray(): { toString(): string }[] })
      .toArray()
      .map((t) => t.toString())
      .join(""),
  );
}

function nodeSize(node: unknown): number {
  return 2 + plain(node).length;
}

describe("comment threads through the server", () => {
  it("threads, replies and states reach everyone and survive a server restart", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework("Comments across a restart");
    const invite = await server.invite(id, token, { role: "commenter", name: "Kofi Mensah" });
    const discussionRoom = roomNameToString({ kind: "discussion", frameworkId: id });
    // Kofi's invite fixes his name: he is its one member.
    const kofi: ThreadWriter = {
      actor: { name: "Kofi Mensah", party: null, member: namedInviteMember(invite.id) },
      authorId: "u-kofi",
    };

    const textA = client(id, token);
    const talkA = client(discussionRoom, token);
    const textB = client(id, invite.token);
    const talkB = client(discussionRoom, invite.token);
    await Promise.all([textA, talkA, textB, talkB].map((c) => waitForSynced(c.provider)));

    appendParagraph(textA.doc, "The Parties shall lift the measures within thirty days.");
    await waitForDocs([textB.doc], () => fragmentOf(textB.doc).toString().includes("thirty days"));

    // Amira opens a thread on "lift the measures" (record, then the format-only mark).
    const created = createThread(
      talkA.doc,
      {
        body: "Which measures?\nAll of them?",
        quote: "lift the measures",
        proposal: "lift the sanctions",
      },
      amira,
    );
    if (!created.ok) throw new Error(created.error.message);
    const { threadId } = created.value;
    const marked = addCommentMark(
      fragmentOf(textA.doc),
      documentSchema(),
      rangeInLastParagraph(textA.doc, "lift the measures"),
      threadId,
    );
    expect(marked.ok).toBe(true);
    await waitForDocs(
      [textB.doc],
      () => collectAnchorsFromDoc(textB.doc).length === 1,
      "the anchor at B",
    );
    await waitForDocs(
      [talkB.doc],
      () => readThreads(talkB.doc).threads.length === 1,
      "the thread at B",
    );

    // Kofi (a commenter) replies; Amira resolves; Kofi reopens; Amira resolves again.
    expect(replyToThread(talkB.doc, threadId, { body: "Annex II only." }, kofi).ok).toBe(true);
    await waitForDocs(
      [talkA.doc],
      () => readThreads(talkA.doc).threads[0]?.replies.length === 1,
      "the reply at A",
    );
    expect(resolveThread(talkA.doc, threadId, amira).ok).toBe(true);
    await waitForDocs(
      [talkB.doc],
      () => readThreads(talkB.doc).threads[0]?.state.resolved === true,
      "resolved at B",
    );
    expect(reopenThread(talkB.doc, threadId, kofi).ok).toBe(true);
    await waitForDocs(
      [talkA.doc],
      () => readThreads(talkA.doc).threads[0]?.state.resolved === false,
      "reopened at A",
    );
    expect(resolveThread(talkA.doc, threadId, amira).ok).toBe(true);
    await waitForDocs(
      [talkB.doc],
      () => readThreads(talkB.doc).threads[0]?.events.length === 3,
      "3 events at B",
    );
    const before = readThreads(talkB.doc);

    // Restart the server on the same data directory.
    for (const c of clients.splice(0)) c.destroy();
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir });

    const text = client(id, invite.token);
    const talk = client(discussionRoom, invite.token);
    await Promise.all([text, talk].map((c) => waitForSynced(c.provider)));
    const after = readThreads(talk.doc);
    expect(after).toEqual(before);
    const [view] = after.threads;
    expect(view?.thread).toMatchObject({
      body: "Which measures?\nAll of them?",
      proposal: "lift the sanctions",
    });
    expect(view?.replies.map((r) => [r.by.name, r.body])).toEqual([
      ["Kofi Mensah", "Annex II only."],
    ]);
    expect(view?.events.map((e) => [e.action, e.by.name])).toEqual([
      ["resolved", "Amira Haddad"],
      ["reopened", "Kofi Mensah"],
      ["resolved", "Amira Haddad"],
    ]);
    expect(view?.state.resolved).toBe(true);
    expect(collectAnchorsFromDoc(text.doc).map((a) => [a.threadId, a.text])).toEqual([
      [threadId, "lift the measures"],
    ]);
  });
});
