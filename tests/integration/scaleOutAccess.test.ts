/**
 * Scale-out, access control across processes (issue 21, property 7): three real Parley processes
 * on one fresh PostgreSQL schema and a Redis server of this file alone (so that it can be stopped).
 * Revocations and deletions reach every process even while Redis is down (PostgreSQL is the truth,
 * cluster/accessEvents.ts); rate and size limits hold per connection where the connection is; the
 * audit log holds what every process recorded. Every wait is on an event (a close, a document
 * update, an audit row); the timeouts inside the helpers only guard against hanging.
 */
import { CloseCode } from "@parley/shared/protocol";
import * as encoding from "lib0/encoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { auditEntries, matching, waitForAudited } from "../helpers/audit.js";
import {
  type PrivateRedis,
  startCluster,
  startPrivateRedis,
  storedUpdates,
  type TestCluster,
} from "../helpers/cluster.js";
import { openRawSocket } from "../helpers/rawSocket.js";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForClosed,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  authorizedFetch,
  createFramework,
  createInvite,
  exchangeInvite,
} from "../helpers/testServer.js";

/** The room size limit of these processes (`PARLEY_MAX_DOCUMENT_BYTES`). */
const MAX_DOCUMENT_BYTES = 32 * 1024;
/** Per connection: messages accepted at once, and per second after (`PARLEY_WS_MESSAGE_*`). */
const MESSAGE_BURST = 100;
const MESSAGES_PER_SECOND = 50;

const clients: SyncClient[] = [];

function join(syncUrl: string, room: string, token: string): SyncClient {
  const client = connectClient(syncUrl, room, { token });
  clients.push(client);
  return client;
}

async function joinSynced(syncUrl: string, room: string, token: string): Promise<SyncClient> {
  const client = join(syncUrl, room, token);
  await waitForSynced(client.provider);
  return client;
}

/** Another person of the framework: a named invite, exchanged for a personal token. */
async function member(
  url: string,
  framework: { id: string; token: string },
  name: string,
  role: "mediator" | "observer" = "mediator",
) {
  const invite = await createInvite(url, framework.id, framework.token, { role, name });
  const joined = await exchangeInvite(url, framework.id, invite.token);
  return { inviteId: invite.id, token: joined.token };
}

async function storedDoc(cluster: TestCluster, room: string): Promise<Y.Doc> {
  const stored = await storedUpdates(cluster.db, room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

function hasAll(doc: Y.Doc, markers: readonly string[]): boolean {
  const text = textOf(doc);
  return markers.every((marker) => text.includes(`>${marker}<`));
}

function floodMarkers(doc: Y.Doc): string[] {
  return textOf(doc).match(/flood\d+\b/g) ?? [];
}

/** A sync update message (y-websocket) carrying `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function deleteFramework(url: string, framework: { id: string; token: string }) {
  return authorizedFetch(`${url}/api/frameworks/${framework.id}`, framework.token, {
    method: "DELETE",
  });
}

function revokeInvite(url: string, framework: { id: string }, token: string, inviteId: string) {
  return authorizedFetch(`${url}/api/frameworks/${framework.id}/invites/${inviteId}`, token, {
    method: "DELETE",
  });
}

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

describe("access control across three processes", { timeout: 30_000 }, () => {
  let redis: PrivateRedis;
  let cluster: TestCluster;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    cluster = await startCluster(3, {
      redisUrl: redis.url,
      env: {
        PARLEY_MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES),
        PARLEY_WS_MESSAGE_BURST: String(MESSAGE_BURST),
        PARLEY_WS_MESSAGES_PER_SECOND: String(MESSAGES_PER_SECOND),
      },
    });
  }, 90_000);
  afterAll(async () => {
    await cluster?.cleanup();
    await redis?.stop();
  });

  /** Runs `during` with the Redis server stopped (pub/sub loses everything), then restarts it. */
  async function withRedisDown(during: () => Promise<void>): Promise<void> {
    await redis.kill();
    try {
      await during();
    } finally {
      await redis.restart();
    }
  }

  it("revoking an invite while Redis is down closes that person's connections on every process, and no process lets them back", async () => {
    const [a, b, c] = cluster.processes;
    const framework = await createFramework(a!.url, "Revoke, Redis down");
    const bo = await member(a!.url, framework, "Bo");
    const onB = await joinSynced(b!.syncUrl, framework.id, bo.token);
    const onC = await joinSynced(c!.syncUrl, framework.id, bo.token);
    const stays = await joinSynced(b!.syncUrl, framework.id, framework.token);
    await withRedisDown(async () => {
      const closed = [waitForClosed(onB.provider), waitForClosed(onC.provider)];
      const response = await revokeInvite(a!.url, framework, framework.token, bo.inviteId);
      expect(response.status).toBe(200);
      for (const { code } of await Promise.all(closed)) expect(code).toBe(CloseCode.revoked);
      // Refused on every process at the next connect (the token check reads PostgreSQL).
      const retries = [a!, b!, c!].map((p) => join(p.syncUrl, framework.id, bo.token));
      for (const { code } of await Promise.all(retries.map((r) => waitForClosed(r.provider)))) {
        expect(code).toBe(CloseCode.revoked);
      }
      // The mediator's connection on the same process is untouched: it still edits and syncs.
      appendParagraph(stays.doc, "still-here");
      const fresh = await joinSynced(c!.syncUrl, framework.id, framework.token);
      await waitForDocs([fresh.doc], () => hasAll(fresh.doc, ["still-here"]));
    });
  });

  it("deleting a framework while Redis is down closes its rooms on every process", async () => {
    const [a, b, c] = cluster.processes;
    const framework = await createFramework(a!.url, "Delete, Redis down");
    const all = await Promise.all(
      [a!, b!, c!].map((p) => joinSynced(p.syncUrl, framework.id, framework.token)),
    );
    const other = await createFramework(a!.url, "Not deleted");
    const otherOnC = await joinSynced(c!.syncUrl, other.id, other.token);
    await withRedisDown(async () => {
      const closed = all.map((client) => waitForClosed(client.provider));
      const response = await deleteFramework(b!.url, framework);
      expect(response.status).toBe(204);
      for (const { code } of await Promise.all(closed)) expect(code).toBe(CloseCode.roomDeleted);
      // Another framework's room on a process that closed one is still served.
      appendParagraph(otherOnC.doc, "other-lives");
      const check = await joinSynced(a!.syncUrl, other.id, other.token);
      await waitForDocs([check.doc], () => hasAll(check.doc, ["other-lives"]));
    });
  });

  it("a room opens while Redis hangs (SIGSTOP), and edits cross processes while it hangs and after it answers", async () => {
    const [a, b] = cluster.processes;
    const framework = await createFramework(a!.url, "Redis hangs");
    redis.pause();
    let onA: SyncClient;
    let onB: SyncClient;
    try {
      // Neither process has the room loaded: each load joins the room on Redis, which does not
      // answer. Without a bound on that wait the clients never sync (the test times out).
      onB = await joinSynced(b!.syncUrl, framework.id, framework.token);
      appendParagraph(onB.doc, "while-hung");
      onA = await joinSynced(a!.syncUrl, framework.id, framework.token);
      appendParagraph(onA.doc, "also-while-hung");
      // The catch-up tick reads the other process's commits from PostgreSQL.
      await waitForDocs([onA.doc, onB.doc], () =>
        [onA, onB].every((c) => hasAll(c.doc, ["while-hung", "also-while-hung"])),
      );
    } finally {
      redis.resume();
    }
    appendParagraph(onA.doc, "after-resume");
    await waitForDocs([onB.doc], () => hasAll(onB.doc, ["after-resume"]));
  });

  it("a connection flooding process B is closed there (rateLimited); a client on A keeps working, and only what B accepted is anywhere", async () => {
    const [a, b, c] = cluster.processes;
    const framework = await createFramework(a!.url, "Flood");
    const ann = await joinSynced(a!.syncUrl, framework.id, framework.token);
    const watcherC = await joinSynced(c!.syncUrl, framework.id, framework.token);
    appendParagraph(ann.doc, "A-BEFORE");
    await waitForDocs([watcherC.doc], () => hasAll(watcherC.doc, ["A-BEFORE"]));

    // Four times the burst of well-formed updates, on top of the room's state, sent at once.
    const FLOOD = MESSAGE_BURST * 4;
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(ann.doc));
    const updates: Uint8Array[] = [];
    local.on("update", (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < FLOOD; i++) appendParagraph(local, `flood${i}`);
    const raw = await openRawSocket(b!.syncUrl, framework.id, framework.token);
    // Attached once the room speaks (its sync step 1): the flood then meets the rate limit, not
    // the access check still running (which would hold all of it and accept none).
    await raw.firstMessage;
    for (const update of updates) raw.ws.send(updateMessage(update));
    expect((await raw.closed).code).toBe(CloseCode.rateLimited);

    // The client on A keeps working; an edit made on B after the flood orders everything B
    // accepted before it, so once both are everywhere, all of the accepted flood is too.
    appendParagraph(ann.doc, "A-AFTER");
    const onB = await joinSynced(b!.syncUrl, framework.id, framework.token);
    appendParagraph(onB.doc, "B-AFTER");
    const docs = [ann.doc, onB.doc, watcherC.doc];
    await waitForDocs(docs, () => docs.every((doc) => hasAll(doc, ["A-AFTER", "B-AFTER"])));
    await waitForDocs(docs, () => docs.every((doc) => textOf(doc) === textOf(ann.doc)));

    const stored = await storedDoc(cluster, framework.id);
    expect(textOf(stored)).toBe(textOf(ann.doc));
    // What B accepted is the start of the flood (in order), never all of it. It may be none:
    // when the whole flood arrives in one socket read, the connection is closed before the
    // room applies the updates queued in that read, and they are dropped with it.
    const accepted = floodMarkers(stored);
    expect(accepted.length).toBeLessThan(FLOOD);
    expect(accepted).toEqual(Array.from({ length: accepted.length }, (_, i) => `flood${i}`));
    for (const doc of docs) expect(floodMarkers(doc)).toEqual(accepted);
    await waitForAudited(c!.url, framework, { action: "refused", detail: "messages per second" });
  });

  it("an update on B that would grow the room past the size limit filled through A is refused and reaches no client nor PostgreSQL", async () => {
    const [a, b, c] = cluster.processes;
    const framework = await createFramework(a!.url, "Size");
    const filler = await joinSynced(a!.syncUrl, framework.id, framework.token);
    const writerB = await joinSynced(b!.syncUrl, framework.id, framework.token);
    const watchers = await Promise.all(
      [a!, b!, c!].map((p) => joinSynced(p.syncUrl, framework.id, framework.token)),
    );
    // Fill the room through A to 3 KiB under the limit; B holds it once its client does.
    appendParagraph(filler.doc, `FILL-${"f".repeat(MAX_DOCUMENT_BYTES - 3 * 1024)}`);
    const watching = [writerB.doc, ...watchers.map((w) => w.doc)];
    await waitForDocs(watching, () => watching.every((doc) => textOf(doc).includes("FILL-")));

    const closed = waitForClosed(writerB.provider);
    appendParagraph(writerB.doc, `OVER-${"o".repeat(4 * 1024)}`);
    expect((await closed).code).toBe(CloseCode.documentTooLarge);

    // An edit made on B after the refusal reaches everyone: the refused one would have come first.
    const afterB = await joinSynced(b!.syncUrl, framework.id, framework.token);
    appendParagraph(afterB.doc, "AFTER-SIZE");
    const docs = watchers.map((w) => w.doc);
    await waitForDocs(docs, () => docs.every((doc) => hasAll(doc, ["AFTER-SIZE"])));
    for (const doc of [...docs, afterB.doc]) expect(textOf(doc)).not.toContain("OVER-");
    const stored = textOf(await storedDoc(cluster, framework.id));
    expect(stored).toContain("FILL-");
    expect(stored).toContain(">AFTER-SIZE<");
    expect(stored).not.toContain("OVER-");
    await waitForAudited(a!.url, framework, {
      action: "refused",
      detail: `would grow past ${MAX_DOCUMENT_BYTES}`,
    });
  });

  it("the audit log read through one process holds the updates, refusals and revocations of every process, each with its principal", async () => {
    const [a, b, c] = cluster.processes;
    const framework = await createFramework(a!.url, "Audit");
    const ann = await member(a!.url, framework, "Ann");
    const bo = await member(a!.url, framework, "Bo");
    const cy = await member(a!.url, framework, "Cy");
    const olu = await member(a!.url, framework, "Olu", "observer");
    const annOnA = await joinSynced(a!.syncUrl, framework.id, ann.token);
    const boOnB = await joinSynced(b!.syncUrl, framework.id, bo.token);
    const cyOnC = await joinSynced(c!.syncUrl, framework.id, cy.token);
    const oluOnC = await joinSynced(c!.syncUrl, framework.id, olu.token);

    appendParagraph(annOnA.doc, "by-ann-on-a");
    appendParagraph(boOnB.doc, "by-bo-on-b");
    appendParagraph(cyOnC.doc, "by-cy-on-c");
    appendParagraph(oluOnC.doc, "by-olu-refused-on-c");
    const docs = [annOnA.doc, boOnB.doc, cyOnC.doc];
    const edits = ["by-ann-on-a", "by-bo-on-b", "by-cy-on-c"];
    await waitForDocs(docs, () => docs.every((doc) => hasAll(doc, edits)));
    // Bo revokes Cy through B; Cy's connection is on C, which closes it.
    const cyClosed = waitForClosed(cyOnC.provider);
    expect((await revokeInvite(b!.url, framework, bo.token, cy.inviteId)).status).toBe(200);
    expect((await cyClosed).code).toBe(CloseCode.revoked);

    // All read through A (each row was written by the process the person was on).
    const read = { id: framework.id, token: framework.token };
    await waitForAudited(a!.url, read, { action: "updated", inviteId: ann.inviteId, user: "Ann" });
    await waitForAudited(a!.url, read, { action: "updated", inviteId: bo.inviteId, user: "Bo" });
    await waitForAudited(a!.url, read, { action: "updated", inviteId: cy.inviteId, user: "Cy" });
    await waitForAudited(a!.url, read, { action: "refused", inviteId: olu.inviteId, user: "Olu" });
    await waitForAudited(a!.url, read, {
      action: "invite.revoked",
      inviteId: bo.inviteId,
      user: "Bo",
      detail: cy.inviteId,
    });
    await waitForAudited(a!.url, read, {
      action: "disconnected",
      inviteId: cy.inviteId,
      user: "Cy",
      detail: `close code ${CloseCode.revoked}`,
    });
    // Nobody is credited with another's edit: the only updates are those of the three editors.
    const updated = matching(await auditEntries(a!.url, framework.id, framework.token), {
      action: "updated",
    });
    expect(new Set(updated.map((entry) => entry.user))).toEqual(new Set(["Ann", "Bo", "Cy"]));
  });
});
