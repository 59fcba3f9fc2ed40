/**
 * "Nobody writes as someone else" against a real server, with real
 * y-websocket clients. A refused write is audited, not relayed to the others (a sentinel written
 * after it arrives first) and not stored.
 */

import type { Principal } from "@parley/shared/access/roles";
import type { CreatedFramework } from "@parley/shared/api";
import {
  createThread,
  deleteMessage,
  editMessage,
  reopenThread,
  resolveThread,
  type ThreadWriter,
} from "@parley/shared/comments/commands";
import { addCommentMark, removeCommentMark } from "@parley/shared/comments/commentMark";
import { collectAnchorsFromDoc, documentSchema } from "@parley/shared/comments/documentAnchors";
import { readThreads, THREAD_MAPS } from "@parley/shared/comments/records";
import type { Actor } from "@parley/shared/model/actor";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { auditEntries, matching } from "../helpers/audit.js";
import { storedDoc } from "../helpers/storedRoom.js";
import {
  appendParagraph,
  fragmentOf,
  joinSynced,
  type SyncClient,
  waitForDocs,
} from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
let framework: CreatedFramework;
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

const discussionOf = (f: CreatedFramework) => `${f.id}/discussion`;

/** ProseMirror range of `text` in the last top-level paragraph (plain text). */
function rangeOf(doc: Y.Doc, text: string): { from: number; to: number } {
  const blocks = fragmentOf(doc).toArray();
  const plain = (node: unknown) =>
    (node as { toArray(): Array<{ toString(): string }> })
      .toArray()
      .map((t) => t.toString())
      .join("");
  let pos = 0;
  for (const block of blocks.slice(0, -1)) pos += 2 + plain(block).length;
  const last = blocks.at(-1);
  const index = last ? plain(last).indexOf(text) : -1;
  if (index < 0) throw new Error(`"${text}" not found`);
  return { from: pos + 1 + index, to: pos + 1 + index + text.length };
}

function join(room: string, token: string): Promise<SyncClient> {
  return joinSynced(server.syncUrl, room, token, clients);
}

/** Who a token acts as, as the server says (`GET /api/frameworks/:id`). */
async function accessOf(token: string): Promise<Principal> {
  const response = await authorizedFetch(`${server.url}/api/frameworks/${framework.id}`, token);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { access: Principal };
  return body.access;
}

async function authorOf(token: string, device: string): Promise<ThreadWriter> {
  const access = await accessOf(token);
  const actor: Actor = { name: access.name ?? "?", party: access.party, member: access.member };
  return { actor, authorId: device };
}

async function refusals(inviteId: string, detail: string): Promise<number> {
  const entries = await auditEntries(server.url, framework.id, framework.token);
  return matching(entries, { action: "refused", inviteId, detail }).reduce(
    (sum, e) => sum + e.count,
    0,
  );
}

/**
 * Lets a FRESH client of `token` write with `write`, waits until the server audited the refusal,
 * then writes a sentinel as the mediator and waits for it at `watcher`: had the refused update
 * been relayed, it would have arrived before.
 */
async function refused(
  room: string,
  token: string,
  inviteId: string,
  write: (doc: Y.Doc) => void,
  detail: string,
  watcher: SyncClient,
): Promise<void> {
  const before = await refusals(inviteId, detail);
  const c = await join(room, token);
  write(c.doc);
  await expect.poll(() => refusals(inviteId, detail)).toBeGreaterThan(before);
  const mediator = await join(room, framework.token);
  const sentinel = `sentinel-${Math.random()}`;
  mediator.doc.getMap("sentinels").set(sentinel, true);
  await waitForDocs([watcher.doc], () => watcher.doc.getMap("sentinels").has(sentinel));
}

describe("an invite without a fixed name can rewrite or delete other people's records", () => {
  beforeAll(async () => {
    framework = await server.createFramework("Identity", "Mediator Mo");
  });

  it("an invite without a fixed name can rewrite or delete other people's records (finding 6)", async () => {
    const room = discussionOf(framework);
    const watcher = await join(room, framework.token);
    const mediator = await join(room, framework.token);
    const mo = await authorOf(framework.token, "u-mo");
    const opened = createThread(mediator.doc, { body: "Mediator's note", quote: "q" }, mo);
    if (!opened.ok) throw new Error(opened.error.message);
    const moThread = opened.value.threadId;
    // A named colleague of p-north writes a thread too.
    const named = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const amalClient = await join(room, named.token);
    const amal = await authorOf(named.token, "u-amal");
    const amalOpened = createThread(amalClient.doc, { body: "Amal's", quote: "q" }, amal);
    if (!amalOpened.ok) throw new Error(amalOpened.error.message);
    const amalThread = amalOpened.value.threadId;
    await waitForDocs([watcher.doc], () => readThreads(watcher.doc).threads.length === 2);

    // The Share dialog's default invite: no name.
    const shared = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-north",
    });
    const rewrite = (threadId: string, as: Actor) => (doc: Y.Doc) => {
      const current = doc.getMap(THREAD_MAPS.threads).get(threadId) as Record<string, unknown>;
      doc.getMap(THREAD_MAPS.threads).set(threadId, { ...current, body: "rewritten", by: as });
    };
    const remove = (threadId: string) => (doc: Y.Doc) =>
      doc.getMap(THREAD_MAPS.threads).delete(threadId);

    // Used directly, a shared invite stands for no one: every write is refused. (Before: with
    // no party, it owned the mediator's records; with p-north, every p-north colleague's.)
    const partyless = await server.invite(framework.id, framework.token, { role: "commenter" });
    const sharedActor = (party: string | null): Actor => ({ name: "Whoever", party });
    await refused(
      room,
      partyless.token,
      partyless.id,
      rewrite(moThread, sharedActor(null)),
      "stands for no one",
      watcher,
    );
    await refused(
      room,
      partyless.token,
      partyless.id,
      remove(moThread),
      "stands for no one",
      watcher,
    );
    await refused(
      room,
      shared.token,
      shared.id,
      rewrite(amalThread, sharedActor("p-north")),
      "stands for no one",
      watcher,
    );
    await refused(room, shared.token, shared.id, remove(amalThread), "stands for no one", watcher);
    expect(await accessOf(shared.token)).toMatchObject({ personal: false, name: null });

    // Two people open the same link: each gets a member of their own.
    const first = await server.exchange(framework.id, shared.token, "Sam");
    const second = await server.exchange(framework.id, shared.token, "Sam");
    expect(first.access).toMatchObject({ personal: true, name: "Sam", party: "p-north" });
    expect(second.access.member).not.toBe(first.access.member);
    const sam1 = await authorOf(first.token, "u-sam1");
    const sam1Client = await join(room, first.token);
    const samOpened = createThread(sam1Client.doc, { body: "Sam 1's", quote: "q" }, sam1);
    if (!samOpened.ok) throw new Error(samOpened.error.message);
    const samThread = samOpened.value.threadId;
    await waitForDocs([watcher.doc], () => readThreads(watcher.doc).threads.length === 3);

    const sam2 = (await authorOf(second.token, "u-sam2")).actor;
    const attacks: Array<[(doc: Y.Doc) => void, string]> = [
      [rewrite(moThread, { ...mo.actor, party: "p-north" }), "belongs to another person"],
      [remove(moThread), "belongs to another person"],
      [rewrite(amalThread, amal.actor), "belongs to another person"],
      [rewrite(amalThread, sam2), "belongs to another person"],
      [remove(samThread), "belongs to another person"],
      [rewrite(samThread, sam1.actor), "belongs to another person"],
    ];
    for (const [write, detail] of attacks) {
      await refused(room, second.token, second.access.inviteId, write, detail, watcher);
    }

    // Their own records stay theirs to change.
    expect(editMessage(sam1Client.doc, { threadId: samThread }, { body: "edited" }, sam1).ok).toBe(
      true,
    );
    expect(deleteMessage(amalClient.doc, { threadId: amalThread }, amal).ok).toBe(true);
    await waitForDocs([watcher.doc], () => {
      const byId = new Map(readThreads(watcher.doc).threads.map((v) => [v.thread.threadId, v]));
      return (
        byId.get(samThread)?.thread.body === "edited" &&
        byId.get(amalThread)?.thread.deletedAt !== null
      );
    });
    const threads = new Map(
      readThreads(await storedDoc(server.dataDir, room)).threads.map((v) => [v.thread.threadId, v]),
    );
    expect(threads.get(moThread)?.thread.body).toBe("Mediator's note");
    expect(threads.get(samThread)?.thread.body).toBe("edited");
    expect([...threads.values()].some((v) => v.thread.body === "rewritten")).toBe(false);
  });

  it("the creator's token is personal; personal tokens end with their invite", async () => {
    expect(framework.access.personal).toBe(true);
    expect(framework.access.member).toMatch(/^[A-Za-z0-9_-]+$/);
    const invite = await server.invite(framework.id, framework.token, {
      role: "drafter",
      expiresIn: 3600,
    });
    const exchange = (token: string, body: unknown) =>
      authorizedFetch(`${server.url}/api/frameworks/${framework.id}/members`, token, {
        method: "POST",
        json: body,
      });
    // No name for an invite that fixes none; a personal token cannot be exchanged again.
    expect((await exchange(invite.token, {})).status).toBe(400);
    const personal = await server.exchange(framework.id, invite.token, "Dana");
    expect(Date.parse(personal.access.expiresAt)).toBeLessThanOrEqual(
      Date.parse(invite.invite.expiresAt),
    );
    expect((await exchange(personal.token, { name: "Again" })).status).toBe(409);
    expect((await exchange(framework.token, { name: "Again" })).status).toBe(409);
    // A named invite is one person: exchanging it gives its one member, whatever name is sent.
    const named = await server.invite(framework.id, framework.token, {
      role: "observer",
      name: "Olu",
    });
    const olu1 = await server.exchange(framework.id, named.token, "Someone else");
    const olu2 = await server.exchange(framework.id, named.token);
    expect(olu1.access.member).toBe(olu2.access.member);
    expect(olu1.access.name).toBe("Olu");
    expect((await accessOf(named.token)).member).toBe(olu1.access.member);

    const revoked = await authorizedFetch(
      `${server.url}/api/frameworks/${framework.id}/invites/${invite.id}`,
      framework.token,
      { method: "DELETE" },
    );
    expect(revoked.status).toBe(200);
    const after = await authorizedFetch(
      `${server.url}/api/frameworks/${framework.id}`,
      personal.token,
    );
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: "token_revoked" } });
  });
});

describe("a commenter can move or remove anyone's comment anchors", () => {
  beforeAll(async () => {
    framework = await server.createFramework("Anchors", "Mediator Mo");
  });

  it("a commenter can move or remove anyone's comment anchors (finding 8)", async () => {
    const a = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const bInvite = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-south",
      name: "Bola",
    });
    const drafter = await server.invite(framework.id, framework.token, {
      role: "drafter",
      name: "Dana",
    });
    const text = await join(framework.id, framework.token);
    appendParagraph(text.doc, "The Parties shall lift the measures within thirty days.");
    const aText = await join(framework.id, a.token);
    const aTalk = await join(discussionOf(framework), a.token);
    await waitForDocs([aText.doc], () => fragmentOf(aText.doc).toString().includes("thirty"));
    const amal = await authorOf(a.token, "u-amal");
    const opened = createThread(aTalk.doc, { body: "Which measures?", quote: "lift" }, amal);
    if (!opened.ok) throw new Error(opened.error.message);
    const threadId = opened.value.threadId;
    // The thread record reaches the server before its anchor is moved (not needed to anchor).
    const watcherTalk = await join(discussionOf(framework), framework.token);
    await waitForDocs([watcherTalk.doc], () => readThreads(watcherTalk.doc).threads.length === 1);
    const schema = documentSchema();
    const span = rangeOf(aText.doc, "lift the measures");
    expect(addCommentMark(fragmentOf(aText.doc), schema, span, threadId).ok).toBe(true);
    const anchorOf = (doc: Y.Doc) =>
      collectAnchorsFromDoc(doc).find((anchor) => anchor.threadId === threadId) ?? null;
    await waitForDocs([text.doc], () => anchorOf(text.doc) !== null, "the anchor at the mediator");
    const placed = anchorOf(text.doc);

    const removeIt = (doc: Y.Doc) => {
      expect(removeCommentMark(fragmentOf(doc), threadId)).toBeGreaterThan(0);
    };
    const moveIt = (doc: Y.Doc) => {
      removeCommentMark(fragmentOf(doc), threadId);
      const elsewhere = rangeOf(doc, "thirty days");
      expect(addCommentMark(fragmentOf(doc), schema, elsewhere, threadId).ok).toBe(true);
    };
    for (const write of [removeIt, moveIt]) {
      await refused(
        framework.id,
        bInvite.token,
        bInvite.id,
        write,
        `only the author of thread ${threadId}`,
        text,
      );
      expect(anchorOf(text.doc)).toEqual(placed);
    }
    const stored = await storedDoc(server.dataDir, framework.id);
    expect(collectAnchorsFromDoc(stored).find((x) => x.threadId === threadId)).toEqual(placed);

    // The author may move their own anchor; a drafter may remove it.
    moveIt(aText.doc);
    await waitForDocs(
      [text.doc],
      () => JSON.stringify(anchorOf(text.doc)) !== JSON.stringify(placed),
      "the author's move",
    );
    const dana = await join(framework.id, drafter.token);
    await waitForDocs([dana.doc], () => anchorOf(dana.doc) !== null);
    removeIt(dana.doc);
    await waitForDocs(
      [text.doc, aText.doc],
      () => anchorOf(text.doc) === null && anchorOf(aText.doc) === null,
    );
  });
});

describe("a thread can be locked in the resolved state", () => {
  beforeAll(async () => {
    framework = await server.createFramework("Sequence", "Mediator Mo");
  });

  it("a thread can be locked in the resolved state by a commenter who writes a huge sequence number (finding 9)", async () => {
    const room = discussionOf(framework);
    const invite = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const watcher = await join(room, framework.token);
    const amalClient = await join(room, invite.token);
    const amal = await authorOf(invite.token, "u-amal");
    const opened = createThread(amalClient.doc, { body: "Lock me", quote: "q" }, amal);
    if (!opened.ok) throw new Error(opened.error.message);
    const threadId = opened.value.threadId;
    await waitForDocs([watcher.doc], () => readThreads(watcher.doc).threads.length === 1);

    const event = (eventId: string, seq: number) => ({
      threadId,
      eventId,
      action: "resolved",
      by: amal.actor,
      authorId: amal.authorId,
      at: new Date().toISOString(),
      seq,
      appliedText: null,
    });
    const cases: Array<[number, string]> = [
      [Number.MAX_SAFE_INTEGER, "is not a valid thread event"],
      [2, "must have sequence number 1, not 2"],
    ];
    for (const [seq, detail] of cases) {
      await refused(
        room,
        invite.token,
        invite.id,
        (doc) =>
          doc
            .getMap(THREAD_MAPS.events)
            .set(`${threadId}:e-lock${seq}`, event(`e-lock${seq}`, seq)),
        detail,
        watcher,
      );
    }
    expect(watcher.doc.getMap(THREAD_MAPS.events).size).toBe(0);

    // Resolving and reopening in order still works, also in one update.
    const author = amal;
    expect(resolveThread(amalClient.doc, threadId, author).ok).toBe(true);
    amalClient.doc.transact(() => {
      expect(reopenThread(amalClient.doc, threadId, author).ok).toBe(true);
      expect(resolveThread(amalClient.doc, threadId, author).ok).toBe(true);
    });
    await waitForDocs([watcher.doc], () => watcher.doc.getMap(THREAD_MAPS.events).size === 3);
    expect(reopenThread(watcher.doc, threadId, await authorOf(framework.token, "u-mo")).ok).toBe(
      true,
    );
    await waitForDocs([amalClient.doc], () => {
      const view = readThreads(amalClient.doc).threads[0];
      return view !== undefined && view.events.length === 4 && !view.state.resolved;
    });
    const stored = readThreads(await storedDoc(server.dataDir, room)).threads[0];
    expect(stored?.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});
