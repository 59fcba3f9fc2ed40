/**
 * A lost commit race across processes (issue 21): an update validated on process A against its
 * own copy, while process B commits something that changes the verdict, is validated again
 * against the committed state before A commits it. Refused: audited, never stored nor relayed,
 * and A's room reloads. Still accepted (ordinary concurrent typing): committed once, in order.
 * The races are made deterministic by holding the bus (A learns of B's commit only from its own
 * lost commit) or by delivering it between A's validation and A's commit.
 */
import type { Principal } from "@parley/shared/access/roles";
import { documentFragment, settingsMap } from "@parley/shared/model/maps";
import { CloseCode, messageSync } from "@parley/shared/protocol";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { pgRoomLog } from "../cluster/pgRoomLog.js";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { createMemoryStorage } from "../storage/memoryStorage.js";
import { openPgStorage } from "../storage/pgStorage.js";
import { MemoryBusHub, MemoryRoomLog } from "../test/memoryCluster.js";
import { createTestSchema } from "../test/pgTestDatabase.js";
import { settle, TestClient } from "../test/testSocketPair.js";
import type { AuditEvent } from "./auditSink.js";
import type { BoundClient, RoomLog } from "./roomLog.js";
import { RoomManager } from "./roomManager.js";
import { silentLogger } from "./types.js";

const ROOM = "fw-race01";
const AT = "2026-12-06T08:00:00.000Z";
const base: Principal = {
  frameworkId: ROOM,
  inviteId: "inv-000001",
  role: "drafter",
  party: "p-a",
  name: "Dana",
  member: "m-dana",
  personal: true,
};
const dana = base;
const dora: Principal = { ...base, inviteId: "inv-000002", name: "Dora", member: "m-dora" };
const mo: Principal = {
  ...base,
  inviteId: "inv-000003",
  role: "mediator",
  party: null,
  name: "Mo",
  member: "m-mo",
};

let managers: RoomManager[] = [];
let audited: AuditEvent[] = [];
const cleanups: Array<() => Promise<void>> = [];

/** Where the processes commit: the in-memory log, or the real one on PostgreSQL. */
interface LogUnderTest {
  log: RoomLog;
  /** The storage every process loads bindings and framework data from. */
  storage: DocumentStorage;
  /** What the log holds for the room: its document, sequence numbers and client id bindings. */
  logged(): Promise<{ doc: Y.Doc; seqs: number[]; bindings: BoundClient[] }>;
}

async function memoryLog(): Promise<LogUnderTest> {
  const log = new MemoryRoomLog();
  return {
    log,
    storage: createMemoryStorage(),
    async logged() {
      const doc = new Y.Doc();
      const room = log.rooms.get(ROOM);
      if (room?.snapshot) Y.applyUpdate(doc, room.snapshot);
      for (const { update } of room?.updates ?? []) Y.applyUpdate(doc, update);
      return {
        doc,
        seqs: (room?.updates ?? []).map((entry) => entry.seq),
        bindings: room?.bindings ?? [],
      };
    },
  };
}

async function postgresLog(): Promise<LogUnderTest> {
  const schema = await createTestSchema();
  const storage = await openPgStorage({ url: schema.url, schema: schema.schema, max: 4 });
  cleanups.push(async () => {
    await storage.close();
    await schema.drop();
  });
  await storage.createFramework(
    { id: ROOM, title: "Race", createdAt: AT, updatedAt: AT },
    Y.encodeStateAsUpdate(new Y.Doc()),
  );
  const log = pgRoomLog(storage);
  return {
    log,
    storage,
    async logged() {
      const since = await log.since(ROOM, 0);
      const doc = new Y.Doc();
      if (since.snapshot) Y.applyUpdate(doc, since.snapshot.update);
      for (const { update } of since.updates) Y.applyUpdate(doc, update);
      return { doc, seqs: since.updates.map((entry) => entry.seq), bindings: since.bindings };
    },
  };
}

async function cluster(under: LogUnderTest, options: { maxDocumentBytes?: number } = {}) {
  const hub = new MemoryBusHub();
  audited = [];
  managers = [hub.bus(), hub.bus()].map(
    (bus) =>
      new RoomManager({
        storage: under.storage,
        logger: silentLogger,
        metrics: createServerMetrics(),
        unloadGraceMs: 60_000,
        compactionThreshold: 500,
        compactionIdleMs: 60_000,
        maxMessageBytes: 64 * 1024,
        maxBufferedBytes: 1024 * 1024,
        maxDocumentBytes: options.maxDocumentBytes,
        parseDeferMs: 0,
        audit: { record: (event) => audited.push(event) },
        cluster: { log: under.log, bus },
        catchUpMs: 3_600_000,
      }),
  );
  const a = managers[0] as RoomManager;
  const b = managers[1] as RoomManager;
  await Promise.all(managers.map(loaded));
  return { hub, a, b, logged: () => under.logged() };
}

/** Resolves once `manager` has the room loaded (a load from PostgreSQL takes real I/O). */
async function loaded(manager: RoomManager): Promise<void> {
  await manager.withRoom(ROOM, ROOM, async () => undefined);
}

let nextConnection = 1;
/** A connected client of `principal` (null: trusted) on the process of `manager`. */
function client(manager: RoomManager, principal: Principal | null): TestClient {
  const connected = new TestClient(manager, ROOM, ROOM, { principal, id: nextConnection++ });
  connected.connect();
  return connected;
}

async function settleAll(): Promise<void> {
  for (const manager of managers) await settle(manager);
}

/** Exchanges every pending message between clients, servers and the bus until quiet. */
async function pump(hub: MemoryBusHub, clients: TestClient[]): Promise<void> {
  for (let round = 0; round < 6; round++) {
    for (const c of clients) c.deliverToServer();
    await settleAll();
    hub.deliver();
    await settleAll();
    for (const c of clients) c.deliverToClient();
  }
}

afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.shutdown();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The first paragraph's text of a replica. */
function paragraph(doc: Y.Doc): Y.XmlText {
  const p = documentFragment(doc).get(0);
  const text = p instanceof Y.XmlElement ? p.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error("no paragraph");
  return text;
}

function mark(who: Principal, id: string) {
  return { id, author: who.name, party: who.party, member: who.member, at: AT };
}

/** Everything the server ever sent this client, applied to a fresh document. */
function seenBy(c: TestClient): string {
  const doc = new Y.Doc();
  for (const message of c.received) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== messageSync) continue;
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, null);
  }
  return documentFragment(doc).toString();
}

function refusals(principal: Principal): AuditEvent[] {
  return audited.filter(
    (event) => event.action === "refused" && event.principal?.member === principal.member,
  );
}

/** A framework room with one paragraph, seeded by a trusted client on A, everyone in sync. */
async function seeded(under: LogUnderTest, options: { maxDocumentBytes?: number } = {}) {
  const env = await cluster(under, options);
  const seed = client(env.a, null);
  await pump(env.hub, [seed]);
  const p = new Y.XmlElement("paragraph");
  p.push([new Y.XmlText("Payment within 60 days.")]);
  documentFragment(seed.doc).push([p]);
  await pump(env.hub, [seed]);
  seed.disconnect();
  return env;
}

/** The first paragraph's text as the log holds it. */
async function loggedText(env: { logged: LogUnderTest["logged"] }): Promise<string> {
  return paragraph((await env.logged()).doc).toString();
}

describe.each([
  ["in memory", memoryLog],
  ["on PostgreSQL", postgresLog],
])(
  "a lost commit race (log %s) is validated again against the committed state",
  (_, logUnderTest) => {
    it("refuses a drafter's plain edit once a mediator's commit turned on tracking", async () => {
      const env = await seeded(await logUnderTest());
      const { hub, a, b } = env;
      const drafter = client(a, dana);
      const watcher = client(a, dora);
      const mediator = client(b, mo);
      await pump(hub, [drafter, watcher, mediator]);
      // B commits "track all changes"; A hears nothing of it yet (the bus is held).
      settingsMap(mediator.doc).set("trackAllChanges", true);
      mediator.deliverToServer();
      await settle(b);
      const head = (await env.logged()).seqs.length;
      // A validates the drafter's plain edit against its copy (tracking off) and commits it after
      // its stale head: the commit loses, A catches up (tracking on) and validates again.
      paragraph(drafter.doc).insert(0, "Net ");
      drafter.deliverToServer();
      await settle(a);
      expect(a.commitConflicts).toBe(1);
      expect((await env.logged()).seqs).toHaveLength(head);
      expect(await loggedText(env)).toBe("Payment within 60 days.");
      const [refused] = refusals(dana);
      expect(refused?.detail).toContain("against the committed state");
      // Audited as refused only: it never counts as an update.
      expect(audited.filter((e) => e.action === "updated" && e.principal === dana)).toEqual([]);
      // A's room reloads: its connections are closed with a transient code, nothing was relayed.
      expect(drafter.closed?.code).toBe(CloseCode.internalError);
      expect(watcher.closed?.code).toBe(CloseCode.internalError);
      expect(a.liveRoom(ROOM)).toBeNull();
      expect(seenBy(watcher)).not.toContain("Net");
      await pump(hub, [mediator]);
      expect(seenBy(mediator)).not.toContain("Net");

      // The drafter reconnects and sends its state again: refused afresh (tracking is on).
      drafter.connect();
      await loaded(a);
      await pump(hub, [drafter, mediator]);
      expect(refusals(dana).length).toBeGreaterThan(1);
      expect(await loggedText(env)).toBe("Payment within 60 days.");
      expect(seenBy(mediator)).not.toContain("Net");
    });

    it("refuses it too when the mediator's commit arrives between validation and commit", async () => {
      const env = await seeded(await logUnderTest());
      const { hub, a, b } = env;
      const drafter = client(a, dana);
      const mediator = client(b, mo);
      await pump(hub, [drafter, mediator]);
      settingsMap(mediator.doc).set("trackAllChanges", true);
      mediator.deliverToServer();
      await settle(b);
      paragraph(drafter.doc).insert(0, "Net ");
      drafter.deliverToServer();
      // Validated (a microtask after receipt), then B's commit arrives over the bus.
      await Promise.resolve();
      hub.deliver();
      await settle(a);
      // No lost commit: A was at the head. The batch is still validated again.
      expect(a.commitConflicts).toBe(0);
      expect(refusals(dana)).toHaveLength(1);
      expect(await loggedText(env)).toBe("Payment within 60 days.");
      expect(drafter.closed?.code).toBe(CloseCode.internalError);
    });

    it("commits a drafter's suggestion that lost the race: it is one under tracking", async () => {
      const env = await seeded(await logUnderTest());
      const { hub, a, b } = env;
      const drafter = client(a, dana);
      const mediator = client(b, mo);
      await pump(hub, [drafter, mediator]);
      settingsMap(mediator.doc).set("trackAllChanges", true);
      mediator.deliverToServer();
      await settle(b);
      paragraph(drafter.doc).insert(0, "Net ", { suggestInsert: mark(dana, "s-1") });
      drafter.deliverToServer();
      await settle(a);
      expect(a.commitConflicts).toBe(1);
      expect(refusals(dana)).toEqual([]);
      expect(await loggedText(env)).toContain("Net ");
      expect(drafter.closed).toBeNull();
      await pump(hub, [drafter, mediator]);
      expect(paragraph(mediator.doc).toString()).toBe(paragraph(drafter.doc).toString());
    });

    it("commits ordinary concurrent typing that lost the race once, in order, without reloading", async () => {
      const env = await seeded(await logUnderTest());
      const { hub, a, b } = env;
      const one = client(a, dana);
      const two = client(b, dora);
      await pump(hub, [one, two]);
      const room = a.liveRoom(ROOM);
      paragraph(two.doc).insert(0, "Two ");
      two.deliverToServer();
      await settle(b);
      paragraph(one.doc).insert(0, "One ");
      one.deliverToServer();
      await settle(a);
      expect(a.commitConflicts).toBe(1);
      expect(audited.filter((event) => event.action === "refused")).toEqual([]);
      expect(a.liveRoom(ROOM)).toBe(room);
      await pump(hub, [one, two]);
      const { seqs } = await env.logged();
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
      const text = await loggedText(env);
      expect(text.match(/One /g)).toHaveLength(1);
      expect(text.match(/Two /g)).toHaveLength(1);
      expect(paragraph(one.doc).toString()).toBe(text);
      expect(paragraph(two.doc).toString()).toBe(text);
    });

    it("refuses new items under a client id another process's commit bound to someone else", async () => {
      const env = await seeded(await logUnderTest());
      const { hub, a, b } = env;
      const first = client(b, dora);
      const second = client(a, dana);
      // Both write under the same Yjs client id (a forged or colliding id).
      second.doc.clientID = first.doc.clientID;
      await pump(hub, [first, second]);
      const id = first.doc.clientID;
      paragraph(first.doc).insert(0, "x");
      first.deliverToServer();
      await settle(b);
      // A has not heard of B's binding: locally the id is free, so A accepts, binds and commits.
      paragraph(second.doc).insert(0, "yyyy ");
      second.deliverToServer();
      await settle(a);
      expect(a.commitConflicts).toBe(1);
      const [refused] = refusals(dana);
      expect(refused?.detail).toContain(`client id ${id}`);
      expect(await loggedText(env)).toBe("xPayment within 60 days.");
      expect((await env.logged()).bindings).toEqual([{ client: id, principal: dora.member }]);
      expect(second.closed?.code).toBe(CloseCode.internalError);
    });

    it("refuses new items under a client id bound by another process's commit heard on the bus", async () => {
      const env = await seeded(await logUnderTest());
      const { hub, a, b } = env;
      const first = client(b, dora);
      const second = client(a, dana);
      second.doc.clientID = first.doc.clientID;
      await pump(hub, [first, second]);
      paragraph(first.doc).insert(0, "x");
      first.deliverToServer();
      await settle(b);
      hub.deliver();
      // A knows the binding now (from the bus): the other principal's new items are refused.
      paragraph(second.doc).insert(0, "yyyy ");
      second.deliverToServer();
      await settle(a);
      expect(second.closed?.code).toBe(CloseCode.clientIdTaken);
      expect(refusals(dana)).toHaveLength(1);
      expect(await loggedText(env)).toBe("xPayment within 60 days.");
    });

    it("refuses what would grow the room past its size limit together with another's commit", async () => {
      const big = "x".repeat(600);
      const env = await seeded(await logUnderTest(), { maxDocumentBytes: 1000 });
      const { hub, a, b } = env;
      const one = client(a, dana);
      const two = client(b, dora);
      await pump(hub, [one, two]);
      const before = await loggedText(env);
      paragraph(two.doc).insert(0, big);
      two.deliverToServer();
      await settle(b);
      // Within the limit on A's copy, past it together with B's commit.
      paragraph(one.doc).insert(0, big.replaceAll("x", "y"));
      one.deliverToServer();
      await settle(a);
      expect(one.closed?.code).toBe(CloseCode.internalError);
      expect(refusals(dana)[0]?.detail).toContain("would grow past 1000 bytes");
      expect(await loggedText(env)).toBe(big + before);
    });
  },
);
