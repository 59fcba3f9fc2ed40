/**
 * Scale-out (issue 21, "What must hold" 2-7): real Parley processes sharing one fresh PostgreSQL
 * schema and Redis (a key prefix of their own), real y-websocket clients. Every wait is on an
 * event (a document update, an awareness change, a close, a log row); the timeouts inside the
 * helpers only guard against hanging.
 */
import { settingsMap } from "@parley/shared/model/maps";
import { trackAllChanges } from "@parley/shared/model/settings";
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
import { openRawSocket, type RawSocket } from "../helpers/rawSocket.js";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  sameContent,
  textOf,
  waitForAwareness,
  waitForClosed,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  authorizedFetch,
  createFramework,
  createInvite,
  exchangeInvite,
  makeDataDir,
  spawnServer,
} from "../helpers/testServer.js";

const clients: SyncClient[] = [];

function join(syncUrl: string, room: string, token: string, doc?: Y.Doc): SyncClient {
  const client = connectClient(syncUrl, room, { token, doc });
  clients.push(client);
  return client;
}

async function joinSynced(syncUrl: string, room: string, token: string): Promise<SyncClient> {
  const client = join(syncUrl, room, token);
  await waitForSynced(client.provider);
  return client;
}

/** A second person of the framework: a named mediator invite, exchanged for a personal token. */
async function member(url: string, frameworkId: string, mediatorToken: string, name: string) {
  const invite = await createInvite(url, frameworkId, mediatorToken, { role: "mediator", name });
  const joined = await exchangeInvite(url, frameworkId, invite.token);
  return { inviteId: invite.id, token: joined.token };
}

/** A drafter of `party`: an invite exchanged for a personal token. */
async function drafter(url: string, frameworkId: string, mediatorToken: string, party: string) {
  const invite = await createInvite(url, frameworkId, mediatorToken, {
    role: "drafter",
    party,
    name: `Drafter of ${party}`,
  });
  const joined = await exchangeInvite(url, frameworkId, invite.token);
  return { inviteId: invite.id, token: joined.token };
}

/** A sync update message (y-websocket) carrying `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A sync step 1 message (y-websocket) of an empty document: the server answers with step 2. */
function syncStep1Message(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/**
 * The close code the server sent, or "answered" if it answered a sync step 1 (a sync step 2
 * message) first: whichever comes first.
 */
function closedOrAnswered(raw: RawSocket): Promise<number | "answered"> {
  return new Promise((resolve) => {
    raw.closed.then(({ code }) => resolve(code));
    raw.ws.on("message", (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve("answered");
    });
  });
}

async function storedText(cluster: TestCluster, room: string): Promise<string> {
  const stored = await storedUpdates(cluster.db, room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return textOf(doc);
}

/** Whether the framework's stored state tracks all changes. */
async function storedTracking(cluster: TestCluster, room: string): Promise<boolean> {
  const stored = await storedUpdates(cluster.db, room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return trackAllChanges(doc);
}

function markersIn(doc: Y.Doc, prefix = "w"): string[] {
  return textOf(doc).match(new RegExp(`${prefix}\\d+\\b`, "g")) ?? [];
}

function hasAll(doc: Y.Doc, markers: readonly string[]): boolean {
  const text = textOf(doc);
  return markers.every((marker) => text.includes(`>${marker}<`));
}

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : Number.NaN;
}

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

describe("three processes on one PostgreSQL and one Redis", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster(3);
  }, 180_000);
  afterAll(async () => {
    await cluster?.cleanup();
  });

  it("converges across processes, shows carets everywhere, removes a leaver's caret everywhere", async () => {
    const [p0, p1, p2] = cluster.processes;
    const framework = await createFramework(p0!.url, "Across");
    const bo = await member(p0!.url, framework.id, framework.token, "Bo");
    const ann = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const bob = await joinSynced(p1!.syncUrl, framework.id, bo.token);
    const third = await joinSynced(p2!.syncUrl, framework.id, framework.token);

    appendParagraph(ann.doc, "from-p0");
    appendParagraph(bob.doc, "from-p1");
    appendParagraph(third.doc, "from-p2");
    const all = ["from-p0", "from-p1", "from-p2"];
    const docs = [ann.doc, bob.doc, third.doc];
    await waitForDocs(docs, () => docs.every((doc) => hasAll(doc, all)), "every edit everywhere");
    await waitForDocs(
      docs,
      () => textOf(ann.doc) === textOf(bob.doc) && textOf(bob.doc) === textOf(third.doc),
    );
    expect(await storedText(cluster, framework.id)).toBe(textOf(ann.doc));

    // Carets: presence never goes to PostgreSQL (the log does not grow while only carets move).
    const rowsBefore = (await storedUpdates(cluster.db, framework.id)).updates.length;
    ann.provider.awareness.setLocalStateField("cursor", { anchor: 1, head: 1 });
    bob.provider.awareness.setLocalStateField("cursor", { anchor: 2, head: 2 });
    await waitForAwareness(
      third.provider.awareness,
      (states) => states.has(ann.doc.clientID) && states.has(bob.doc.clientID),
    );
    await waitForAwareness(ann.provider.awareness, (states) => states.has(bob.doc.clientID));
    expect((await storedUpdates(cluster.db, framework.id)).updates.length).toBe(rowsBefore);

    // Bob leaves (his process removes his state): his caret disappears on the other processes.
    const bobId = bob.doc.clientID;
    bob.destroy();
    await waitForAwareness(third.provider.awareness, (states) => !states.has(bobId));
    await waitForAwareness(ann.provider.awareness, (states) => !states.has(bobId));

    // The audit log holds rows written by each process (Ann only on p0, Bob only on p1).
    const entries = await auditEntries(p2!.url, framework.id, framework.token);
    expect(matching(entries, { action: "updated", user: "Bo" }).length).toBeGreaterThan(0);
    await waitForAudited(p1!.url, framework, { action: "updated", inviteId: bo.inviteId });
  });

  it("an update refused on one process reaches no client on any process, nor PostgreSQL", async () => {
    const [p0, p1, p2] = cluster.processes;
    const framework = await createFramework(p0!.url, "Refused");
    const observerInvite = await createInvite(p0!.url, framework.id, framework.token, {
      role: "observer",
      name: "Olu",
    });
    const watcher0 = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const watcher2 = await joinSynced(p2!.syncUrl, framework.id, framework.token);
    const observer = await joinSynced(p1!.syncUrl, framework.id, observerInvite.token);

    appendParagraph(observer.doc, "OBSERVER-EDIT");
    await waitForAudited(p1!.url, framework, { action: "refused", inviteId: observerInvite.id });
    // An edit made after the refusal, on the refusing process, reaches everyone: the refused one
    // would have been relayed before it.
    const mediatorOnP1 = await joinSynced(p1!.syncUrl, framework.id, framework.token);
    appendParagraph(mediatorOnP1.doc, "AFTER");
    await waitForDocs(
      [watcher0.doc, watcher2.doc],
      () => hasAll(watcher0.doc, ["AFTER"]) && hasAll(watcher2.doc, ["AFTER"]),
    );
    for (const doc of [watcher0.doc, watcher2.doc, mediatorOnP1.doc]) {
      expect(textOf(doc)).not.toContain("OBSERVER-EDIT");
    }
    expect(await storedText(cluster, framework.id)).not.toContain("OBSERVER-EDIT");
  });

  it("a client id announced on one process cannot be claimed by another party's drafter writing first on another", async () => {
    const [p0, p1, p2] = cluster.processes;
    const framework = await createFramework(p0!.url, "Claims");
    const north = await drafter(p0!.url, framework.id, framework.token, "p-north");
    const south = await drafter(p0!.url, framework.id, framework.token, "p-south");
    // P, a drafter, on p0: its provider announces its client id in its awareness.
    const victim = await joinSynced(p0!.syncUrl, framework.id, north.token);
    victim.provider.awareness.setLocalStateField("cursor", { anchor: 1, head: 1 });
    const victimId = victim.doc.clientID;
    const watcher2 = await joinSynced(p2!.syncUrl, framework.id, framework.token);
    // Q, a drafter of another party, on p1 sees P's client id there: p1 loads the room now and
    // has P's presence (with who claims it) as p0's answer to its awareness query.
    const attacker = await joinSynced(p1!.syncUrl, framework.id, south.token);
    await waitForAwareness(attacker.provider.awareness, (states) => states.has(victimId));

    // Q writes first under P's client id, before P's first edit: a paragraph, which a drafter
    // may add under its own client id.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(attacker.doc));
    forger.clientID = victimId;
    const before = Y.encodeStateVector(forger);
    appendParagraph(forger, "FORGED");
    const raw = await openRawSocket(p1!.syncUrl, framework.id, south.token);
    const outcome = closedOrAnswered(raw);
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(forger, before)));
    // Answered after the update is handled: an accepted update gets an answer, a refused one a close.
    raw.ws.send(syncStep1Message());
    expect(await outcome).toBe(CloseCode.clientIdTaken);
    await waitForAudited(p1!.url, framework, {
      action: "refused",
      inviteId: south.inviteId,
      detail: "which another participant uses",
    });

    // P then edits under its client id as usual: every client on every process converges on it.
    appendParagraph(victim.doc, "P-EDIT");
    const docs = [victim.doc, attacker.doc, watcher2.doc];
    await waitForDocs(docs, () => docs.every((doc) => hasAll(doc, ["P-EDIT"])), "P's edit");
    await waitForDocs(docs, () => sameContent(docs));
    for (const doc of docs) expect(textOf(doc)).not.toContain("FORGED");
    const stored = await storedText(cluster, framework.id);
    expect(stored).toContain(">P-EDIT<");
    expect(stored).not.toContain("FORGED");
  });

  it("no client on any process receives an update before it is committed in PostgreSQL", async () => {
    const [p0, p1, p2] = cluster.processes;
    const framework = await createFramework(p0!.url, "Persist first");
    const writer = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const watchers = await Promise.all(
      [p0!, p1!, p2!].map((p) => joinSynced(p.syncUrl, framework.id, framework.token)),
    );
    appendParagraph(writer.doc, "warm-up");
    await waitForDocs(
      watchers.map((w) => w.doc),
      () => watchers.every((w) => hasAll(w.doc, ["warm-up"])),
    );

    // Hold the room's head row: the next commit of this room waits in PostgreSQL.
    const holder = await cluster.db.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT seq FROM room_heads WHERE room = $1 FOR UPDATE", [framework.id]);
      appendParagraph(writer.doc, "HELD");
      await expect
        .poll(async () => {
          const waiting = await cluster.db.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%room_heads%'",
          );
          return waiting.rows[0].n as number;
        })
        .toBeGreaterThan(0);
      // The commit is waiting (and with it p0's write queue): an edit of another room made now
      // on p1 reaches the clients of p1 and p2...
      const other = await createFramework(p1!.url, "Other room");
      const otherWriter = await joinSynced(p1!.syncUrl, other.id, other.token);
      const otherWatchers = await Promise.all(
        [p1!, p2!].map((p) => joinSynced(p.syncUrl, other.id, other.token)),
      );
      appendParagraph(otherWriter.doc, "unblocked");
      await waitForDocs(
        otherWatchers.map((w) => w.doc),
        () => otherWatchers.every((w) => hasAll(w.doc, ["unblocked"])),
      );
      // ...while the held update has reached no client on any process.
      for (const watcher of watchers) expect(textOf(watcher.doc)).not.toContain("HELD");
      await holder.query("COMMIT");
    } finally {
      holder.release();
    }
    await waitForDocs(
      watchers.map((w) => w.doc),
      () => watchers.every((w) => hasAll(w.doc, ["HELD"])),
      "the held update after its commit",
    );
    expect(await storedText(cluster, framework.id)).toContain(">HELD<");
  });

  it("revoking an invite closes that person's connections on every process", async () => {
    const [p0, p1, p2] = cluster.processes;
    const framework = await createFramework(p0!.url, "Revoke");
    const bo = await member(p0!.url, framework.id, framework.token, "Bo");
    const onP1 = await joinSynced(p1!.syncUrl, framework.id, bo.token);
    const onP2 = await joinSynced(p2!.syncUrl, framework.id, bo.token);
    const closed = [waitForClosed(onP1.provider), waitForClosed(onP2.provider)];
    const response = await authorizedFetch(
      `${p0!.url}/api/frameworks/${framework.id}/invites/${bo.inviteId}`,
      framework.token,
      { method: "DELETE" },
    );
    expect(response.status).toBe(200);
    for (const { code } of await Promise.all(closed)) expect(code).toBe(CloseCode.revoked);
  });

  it("deleting a framework closes its rooms on every process", async () => {
    const [p0, p1, p2] = cluster.processes;
    const framework = await createFramework(p0!.url, "Delete");
    const all = await Promise.all(
      [p0!, p1!, p2!].map((p) => joinSynced(p.syncUrl, framework.id, framework.token)),
    );
    const closed = all.map((client) => waitForClosed(client.provider));
    const response = await authorizedFetch(
      `${p1!.url}/api/frameworks/${framework.id}`,
      framework.token,
      { method: "DELETE" },
    );
    expect(response.status).toBe(204);
    for (const { code } of await Promise.all(closed)) expect(code).toBe(CloseCode.roomDeleted);
  });
});

// Each test starts its own processes (several seconds each on a loaded machine): a hang guard.
describe("failures", { timeout: 180_000 }, () => {
  let cluster: TestCluster | null = null;
  let redis: PrivateRedis | null = null;
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.cleanup();
    cluster = null;
    await redis?.stop();
    redis = null;
  });

  it("kill -9 of a process while people type loses nothing any client had received", async () => {
    cluster = await startCluster(2);
    const [p0, p1] = cluster.processes;
    const framework = await createFramework(p0!.url, "Kill");
    const writer = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const observer = await joinSynced(p1!.syncUrl, framework.id, framework.token);
    const BURST = 80;
    let receivedBeforeKill: string[] = [];
    const killed = new Promise<void>((resolve) => {
      const onUpdate = () => {
        const received = markersIn(observer.doc);
        if (received.length < 25) return;
        observer.doc.off("update", onUpdate);
        receivedBeforeKill = received;
        p0!.child.kill("SIGKILL");
        resolve();
      };
      observer.doc.on("update", onUpdate);
    });
    for (let i = 0; i < BURST; i++) {
      appendParagraph(writer.doc, `w${i}`);
      await yieldTurn();
      if (i === BURST / 2) await killed;
    }
    expect((await p0!.exited).signal).toBe("SIGKILL");
    // Everything the observer had received is in PostgreSQL before anyone could resend it.
    const stored = await storedText(cluster, framework.id);
    for (const marker of receivedBeforeKill) expect(stored).toContain(`>${marker}<`);
    // The writer reconnects to the surviving process (as through a load balancer) with its doc.
    writer.provider.destroy();
    const moved = join(p1!.syncUrl, framework.id, framework.token, writer.doc);
    const all = Array.from({ length: BURST }, (_, i) => `w${i}`);
    await waitForDocs(
      [observer.doc, moved.doc],
      () => hasAll(observer.doc, all) && hasAll(moved.doc, all),
    );
    expect(textOf(observer.doc)).toBe(textOf(moved.doc));
    expect(await storedText(cluster, framework.id)).toBe(textOf(observer.doc));
  });

  it("with no catch-up tick, the bus alone carries each process's edits: to processes in the room before a writer's first edit, and to one that joins after", async () => {
    cluster = await startCluster(3, { env: { PARLEY_CATCH_UP_MS: "3600000" } });
    const [p0, p1, p2] = cluster.processes;
    const framework = await createFramework(p0!.url, "The bus alone");
    const a = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const b = await joinSynced(p1!.syncUrl, framework.id, framework.token);
    // Both hold the room before either writes: each hears of the other's stream when it starts.
    appendParagraph(a.doc, "A1");
    await waitForDocs([b.doc], () => hasAll(b.doc, ["A1"]), "p0's first edit on p1");
    appendParagraph(b.doc, "B1");
    await waitForDocs([a.doc], () => hasAll(a.doc, ["B1"]), "p1's first edit on p0");
    // p2 loads the room after both wrote: it finds their streams in the room's set of writers.
    const c = await joinSynced(p2!.syncUrl, framework.id, framework.token);
    expect(hasAll(c.doc, ["A1", "B1"])).toBe(true);
    appendParagraph(a.doc, "A2");
    appendParagraph(b.doc, "B2");
    await waitForDocs([c.doc], () => hasAll(c.doc, ["A2", "B2"]), "later edits on p2");
    appendParagraph(c.doc, "C1");
    await waitForDocs(
      [a.doc, b.doc],
      () => hasAll(a.doc, ["C1", "B2"]) && hasAll(b.doc, ["C1", "A2"]),
      "p2's first edit and each other's second",
    );
    expect(textOf(a.doc)).toBe(textOf(c.doc));
    expect(textOf(b.doc)).toBe(textOf(c.doc));
    expect(await storedText(cluster, framework.id)).toBe(textOf(c.doc));
  });

  it("an update committed but never published to Redis still reaches the other processes", async () => {
    cluster = await startCluster(1);
    const silent = await cluster.spawn({ PARLEY_TEST_SKIP_PUBLISH: "1" });
    const [p0] = cluster.processes;
    const framework = await createFramework(p0!.url, "Unpublished");
    const observer = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const writer = await joinSynced(silent.syncUrl, framework.id, framework.token);
    appendParagraph(writer.doc, "UNPUBLISHED");
    await waitForDocs([observer.doc], () => hasAll(observer.doc, ["UNPUBLISHED"]));
    expect(await storedText(cluster, framework.id)).toContain(">UNPUBLISHED<");
  });

  it("a paused process (SIGSTOP, SIGCONT) cannot commit on stale state: it catches up first", async () => {
    cluster = await startCluster(1, { env: { PARLEY_CATCH_UP_MS: "3600000" } });
    // The paused process hears nothing on the bus either (its own key prefix), so nothing but
    // the sequence check in its commit can tell it what it missed.
    const paused = await cluster.spawn({ PARLEY_REDIS_PREFIX: `${cluster.prefix}cut-off:` });
    const [p0] = cluster.processes;
    const framework = await createFramework(p0!.url, "Paused");
    const live = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const stale = await joinSynced(paused.syncUrl, framework.id, framework.token);
    paused.child.kill("SIGSTOP");
    appendParagraph(live.doc, "WHILE-PAUSED");
    await expect.poll(() => storedText(cluster!, framework.id)).toContain(">WHILE-PAUSED<");
    appendParagraph(stale.doc, "AFTER-RESUME");
    paused.child.kill("SIGCONT");
    // Its commit was refused (stale sequence), it caught up from PostgreSQL, then committed.
    await waitForDocs([stale.doc], () => hasAll(stale.doc, ["WHILE-PAUSED", "AFTER-RESUME"]));
    // The stale client holds both as soon as the catch-up is relayed; the retried commit follows.
    await expect.poll(() => storedText(cluster!, framework.id)).toContain(">AFTER-RESUME<");
    expect(await metric(paused.url, "parley_commit_conflicts")).toBeGreaterThanOrEqual(1);
    const stored = await storedUpdates(cluster.db, framework.id);
    expect(stored.updates.map((u) => u.seq)).toEqual(
      stored.updates.map((_, i) => (stored.updates[0]?.seq ?? 1) + i),
    );
    const text = await storedText(cluster, framework.id);
    expect(text).toContain(">WHILE-PAUSED<");
    expect(text).toContain(">AFTER-RESUME<");
    // The live process learns the resumed commit from the log (its tick is off: a fresh client).
    const fresh = await joinSynced(paused.syncUrl, framework.id, framework.token);
    expect(textOf(fresh.doc)).toBe(text);
  });

  it("a drafter's plain edit that lost the race to a mediator's tracking switch is refused", async () => {
    cluster = await startCluster(1);
    // The drafter's process hears nothing of the others (its own key prefix, no catch-up tick):
    // only its own lost commit tells it that tracking was turned on meanwhile.
    const behind = await cluster.spawn({
      PARLEY_REDIS_PREFIX: `${cluster.prefix}cut-off:`,
      PARLEY_CATCH_UP_MS: "3600000",
    });
    const [p0] = cluster.processes;
    const framework = await createFramework(p0!.url, "Tracking race");
    const invite = await createInvite(p0!.url, framework.id, framework.token, {
      role: "drafter",
      name: "Dee",
    });
    const dee = await exchangeInvite(p0!.url, framework.id, invite.token);
    const mediator = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const watcher = await joinSynced(behind.syncUrl, framework.id, framework.token);
    const drafter = await joinSynced(behind.syncUrl, framework.id, dee.token);
    settingsMap(mediator.doc).set("trackAllChanges", true);
    await expect.poll(() => storedTracking(cluster!, framework.id)).toBe(true);

    appendParagraph(drafter.doc, "PLAIN-EDIT");
    await waitForAudited(behind.url, framework, {
      action: "refused",
      inviteId: invite.id,
      detail: "against the committed state",
    });
    expect(await metric(behind.url, "parley_commit_conflicts")).toBeGreaterThanOrEqual(1);
    // A later edit on the same process reaches everyone: the refused one never went anywhere.
    appendParagraph(watcher.doc, "AFTER");
    await waitForDocs(
      [mediator.doc, watcher.doc],
      () => hasAll(mediator.doc, ["AFTER"]) && hasAll(watcher.doc, ["AFTER"]),
    );
    for (const doc of [mediator.doc, watcher.doc]) expect(textOf(doc)).not.toContain("PLAIN-EDIT");
    expect(await storedText(cluster, framework.id)).not.toContain("PLAIN-EDIT");
  });

  it("two processes compacting the same room lose nothing", async () => {
    cluster = await startCluster(2, { env: { PARLEY_COMPACTION_THRESHOLD: "3" } });
    const [p0, p1] = cluster.processes;
    const framework = await createFramework(p0!.url, "Compact");
    const a = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const b = await joinSynced(p1!.syncUrl, framework.id, framework.token);
    const all: string[] = [];
    for (let i = 0; i < 30; i++) {
      appendParagraph(a.doc, `a${i}`);
      appendParagraph(b.doc, `b${i}`);
      all.push(`a${i}`, `b${i}`);
      await waitForDocs(
        [a.doc, b.doc],
        () => hasAll(a.doc, all.slice(-2)) && hasAll(b.doc, all.slice(-2)),
      );
    }
    await waitForDocs([a.doc, b.doc], () => hasAll(a.doc, all) && hasAll(b.doc, all));
    await expect
      .poll(async () => {
        const stored = await storedUpdates(cluster!.db, framework.id);
        return stored.snapshot !== null;
      })
      .toBe(true);
    const text = await storedText(cluster, framework.id);
    for (const marker of all) expect(text).toContain(`>${marker}<`);
    const fresh = await joinSynced(p1!.syncUrl, framework.id, framework.token);
    expect(hasAll(fresh.doc, all)).toBe(true);
  });

  it("flushing Redis while people type loses nothing", async () => {
    redis = await startPrivateRedis();
    cluster = await startCluster(2, { redisUrl: redis.url });
    const [p0, p1] = cluster.processes;
    const framework = await createFramework(p0!.url, "Flush");
    const writer = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const observer = await joinSynced(p1!.syncUrl, framework.id, framework.token);
    const { Redis } = await import("ioredis");
    const admin = new Redis(redis.url);
    const all: string[] = [];
    for (let i = 0; i < 60; i++) {
      appendParagraph(writer.doc, `w${i}`);
      all.push(`w${i}`);
      if (i === 30) await admin.flushall();
      await yieldTurn();
    }
    admin.disconnect();
    await waitForDocs([observer.doc], () => hasAll(observer.doc, all));
  });

  it("restarting Redis while people type loses nothing; processes recover by themselves", async () => {
    redis = await startPrivateRedis();
    cluster = await startCluster(2, { redisUrl: redis.url });
    const [p0, p1] = cluster.processes;
    const framework = await createFramework(p0!.url, "Restart");
    const writer = await joinSynced(p0!.syncUrl, framework.id, framework.token);
    const observer = await joinSynced(p1!.syncUrl, framework.id, framework.token);
    const all: string[] = [];
    for (let i = 0; i < 20; i++) {
      appendParagraph(writer.doc, `w${i}`);
      all.push(`w${i}`);
      await yieldTurn();
    }
    await redis.kill();
    for (let i = 20; i < 40; i++) {
      appendParagraph(writer.doc, `w${i}`);
      all.push(`w${i}`);
      await yieldTurn();
    }
    await expect.poll(() => storedText(cluster!, framework.id)).toContain(">w39<");
    await redis.restart();
    for (let i = 40; i < 50; i++) {
      appendParagraph(writer.doc, `w${i}`);
      all.push(`w${i}`);
      await yieldTurn();
    }
    await waitForDocs([observer.doc], () => hasAll(observer.doc, all));
  });

  it("an unreachable Redis stops the start with a clear message and exit code 1", async () => {
    const dataDir = makeDataDir();
    const started = spawnServer(
      { DATA_DIR: dataDir },
      {
        env: {
          DATABASE_URL: "postgres://root@127.0.0.1:5432/test",
          REDIS_URL: "redis://127.0.0.1:1",
        },
      },
    );
    await expect(started).rejects.toThrow(/exited before listening \(1\)/);
  });
});
