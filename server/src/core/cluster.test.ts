/**
 * Several room managers ("processes") sharing one sequenced log and one bus, in memory: commits
 * are optimistic on the room's sequence, what another process committed is applied and relayed,
 * a stale committer catches up before it commits, a lost publish is caught up from the log, and
 * two compactors never drop each other's updates, and a client id announced on one process cannot
 * be claimed by writing first on another.
 */
import { CloseCode } from "@parley/shared/protocol";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import { createMemoryStorage, type MemoryStorage } from "../storage/memoryStorage.js";
import { northAccess } from "../test/connectionAccess.js";
import { MemoryBusHub, MemoryRoomLog } from "../test/memoryCluster.js";
import { settle, TestClient } from "../test/testSocketPair.js";
import type { ConnectionAccess } from "./room.js";
import { RoomManager } from "./roomManager.js";
import { silentLogger } from "./types.js";

const ROOM = "framework-1";
let managers: RoomManager[] = [];

function cluster(count: number, options: { compactionThreshold?: number } = {}) {
  const storage: MemoryStorage = createMemoryStorage();
  const log = new MemoryRoomLog();
  const hub = new MemoryBusHub();
  const buses = Array.from({ length: count }, () => hub.bus());
  managers = buses.map(
    (bus) =>
      new RoomManager({
        storage,
        logger: silentLogger,
        metrics: createServerMetrics(),
        unloadGraceMs: 60_000,
        compactionThreshold: options.compactionThreshold ?? 500,
        compactionIdleMs: 60_000,
        maxMessageBytes: 64 * 1024,
        maxBufferedBytes: 1024 * 1024,
        parseDeferMs: 0,
        cluster: { log, bus },
        catchUpMs: 3_600_000,
      }),
  );
  return { log, hub, buses, managers };
}

async function settleAll(): Promise<void> {
  for (const manager of managers) await settle(manager);
}

/** Exchanges every pending message between clients, servers and the bus until quiet. */
async function pump(hub: MemoryBusHub, clients: TestClient[]): Promise<void> {
  for (let round = 0; round < 6; round++) {
    for (const client of clients) client.deliverToServer();
    await settleAll();
    hub.deliver();
    await settleAll();
    for (const client of clients) client.deliverToClient();
  }
}

afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.shutdown();
});

function logText(log: MemoryRoomLog): string {
  const doc = new Y.Doc();
  const room = log.rooms.get(ROOM);
  if (room?.snapshot) Y.applyUpdate(doc, room.snapshot);
  for (const { update } of room?.updates ?? []) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

describe("rooms across processes", () => {
  it("relays what each process commits to the other's clients, in one numbered log", async () => {
    const { hub, log } = cluster(2);
    const a = new TestClient(managers[0]!, ROOM);
    const b = new TestClient(managers[1]!, ROOM);
    a.connect();
    b.connect();
    await pump(hub, [a, b]);
    a.doc.getText("t").insert(0, "from A ");
    b.doc.getText("t").insert(0, "from B ");
    await pump(hub, [a, b]);
    expect(a.text()).toBe(b.text());
    expect(a.text()).toContain("from A");
    expect(a.text()).toContain("from B");
    const seqs = log.rooms.get(ROOM)!.updates.map((entry) => entry.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(logText(log)).toBe(a.text());
  });

  it("a process with a stale sequence (paused) cannot commit until it caught up", async () => {
    const { hub, log } = cluster(2);
    const a = new TestClient(managers[0]!, ROOM);
    const b = new TestClient(managers[1]!, ROOM);
    a.connect();
    b.connect();
    await pump(hub, [a, b]);
    // B commits while A hears nothing of it (A is "paused": the bus is not delivered).
    b.doc.getText("t").insert(0, "B1 ");
    b.deliverToServer();
    await settle(managers[1]!);
    expect(log.rooms.get(ROOM)!.head).toBe(1);
    // A commits with its stale sequence: refused, A catches up from the log, then commits after.
    a.doc.getText("t").insert(0, "A1 ");
    a.deliverToServer();
    await settle(managers[0]!);
    expect(managers[0]!.commitConflicts).toBe(1);
    expect(log.rooms.get(ROOM)!.head).toBe(2);
    // A's client got B's update from the catch-up, before anything else was delivered on the bus.
    a.deliverToClient();
    expect(a.text()).toContain("B1");
    await pump(hub, [a, b]);
    expect(b.text()).toBe(a.text());
    expect(logText(log)).toBe(a.text());
  });

  it("an update committed but never published reaches the other process from the log", async () => {
    const { hub, buses } = cluster(2);
    const a = new TestClient(managers[0]!, ROOM);
    const b = new TestClient(managers[1]!, ROOM);
    a.connect();
    b.connect();
    await pump(hub, [a, b]);
    buses[0]!.dropPublishes = true;
    a.doc.getText("t").insert(0, "unpublished ");
    await pump(hub, [a, b]);
    expect(b.text()).not.toContain("unpublished");
    managers[1]!.liveRoom(ROOM)!.requestCatchUp();
    await pump(hub, [a, b]);
    expect(b.text()).toContain("unpublished");
  });

  it("a commit heard while a room loads reaches its joiners once it has loaded", async () => {
    const { hub, log } = cluster(2);
    const a = new TestClient(managers[0]!, ROOM);
    a.connect();
    await pump(hub, [a]);
    a.doc.getText("t").insert(0, "before ");
    await pump(hub, [a]);
    // B's load reads the log, then waits (its parse, say) until released.
    let read!: () => void;
    const readDone = new Promise<void>((resolve) => {
      read = resolve;
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const loadRoom = log.loadRoom.bind(log);
    log.loadRoom = async (name) => {
      const loaded = await loadRoom(name);
      read();
      await held;
      return loaded;
    };
    const b = new TestClient(managers[1]!, ROOM);
    b.connect();
    await readDone;
    // Meanwhile A commits, and the bus delivers it to B's room, not loaded yet.
    a.doc.getText("t").insert(0, "during ");
    a.deliverToServer();
    await settle(managers[0]!);
    hub.deliver();
    release();
    await pump(hub, [a, b]);
    // The tick is off: only the room itself can fetch what it heard of while loading.
    expect(b.text()).toBe("during before ");
    expect(a.text()).toBe(b.text());
  });

  it("the safety net's tick reads the heads and catches up only a room the log is ahead of", async () => {
    const { hub, buses, log } = cluster(2);
    const a = new TestClient(managers[0]!, ROOM);
    const b = new TestClient(managers[1]!, ROOM);
    a.connect();
    b.connect();
    a.doc.getText("t").insert(0, "published ");
    await pump(hub, [a, b]);
    expect(b.text()).toContain("published");
    const [heads, catchUps] = [log.headReads, log.sinceReads];
    await managers[1]!.catchUpTick();
    await pump(hub, [a, b]);
    // up to date: one read of the heads, no catch-up in the write queue
    expect([log.headReads, log.sinceReads]).toEqual([heads + 1, catchUps]);

    buses[0]!.dropPublishes = true;
    a.doc.getText("t").insert(0, "unpublished ");
    await pump(hub, [a, b]);
    expect(b.text()).not.toContain("unpublished");
    await managers[1]!.catchUpTick();
    await pump(hub, [a, b]);
    expect(b.text()).toContain("unpublished");
    expect([log.headReads, log.sinceReads]).toEqual([heads + 2, catchUps + 1]);
  });

  it("two processes compacting the same room keep every update", async () => {
    const { hub, log } = cluster(2, { compactionThreshold: 1 });
    const a = new TestClient(managers[0]!, ROOM);
    const b = new TestClient(managers[1]!, ROOM);
    a.connect();
    b.connect();
    await pump(hub, [a, b]);
    for (let i = 0; i < 5; i++) {
      a.doc.getText("t").insert(0, `a${i} `);
      b.doc.getText("t").insert(0, `b${i} `);
      await pump(hub, [a, b]);
    }
    await managers[0]!.unloadIdle();
    a.disconnect();
    b.disconnect();
    await Promise.all(managers.map((manager) => manager.unloadIdle()));
    const stored = log.rooms.get(ROOM)!;
    expect(stored.snapshot).not.toBeNull();
    expect(stored.upto).toBeGreaterThan(0);
    const text = logText(log);
    for (let i = 0; i < 5; i++) {
      expect(text).toContain(`a${i}`);
      expect(text).toContain(`b${i}`);
    }
    expect(text).toBe(a.text());
  });
});

/** The connection access of one person of party p-north (member id from the invite). */
function as(inviteId: string, role: "drafter" | "mediator"): ConnectionAccess {
  return northAccess(ROOM, inviteId, role);
}

/** A sync update message with an insert of `text` made under Yjs client id `client`. */
function forgedUpdate(client: number, text: string): Uint8Array {
  const forger = new Y.Doc();
  forger.clientID = client;
  forger.getText("t").insert(0, text);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forger));
  return encoding.toUint8Array(encoder);
}

describe("client ids announced on another process", () => {
  it("an id announced on one process cannot be claimed by writing first on another, until its state is removed", async () => {
    const { hub, log } = cluster(2);
    const owner = new TestClient(managers[0]!, ROOM, ROOM, as("inv-dana", "drafter"));
    const leaver = new TestClient(managers[0]!, ROOM, ROOM, as("inv-lee", "drafter"));
    const other = new TestClient(managers[1]!, ROOM, ROOM, as("inv-mediator", "mediator"));
    owner.connect();
    leaver.connect();
    other.connect();
    await pump(hub, [owner, leaver, other]);
    owner.awareness.setLocalState({ cursor: 1 });
    owner.sendAwareness();
    leaver.awareness.setLocalState({ cursor: 2 });
    leaver.sendAwareness();
    await pump(hub, [owner, leaver, other]);
    expect(other.awareness.getStates().has(owner.doc.clientID)).toBe(true);
    expect(other.awareness.getStates().has(leaver.doc.clientID)).toBe(true);

    // `other` writes first on its process, under the id `owner` announced on the other one.
    other.sendRaw(forgedUpdate(owner.doc.clientID, "forged"));
    await pump(hub, [owner, leaver, other]);
    expect(other.closed?.code).toBe(CloseCode.clientIdTaken);
    expect(logText(log)).not.toContain("forged");
    owner.doc.getText("t").insert(0, "mine");
    await pump(hub, [owner, leaver]);
    expect(owner.closed).toBeNull();
    expect(logText(log)).toBe("mine");

    // The leaver goes: its process removes its state everywhere, and its claim with it.
    leaver.disconnect();
    const again = new TestClient(managers[1]!, ROOM, ROOM, as("inv-mediator", "mediator"));
    again.connect();
    await pump(hub, [owner, again]);
    expect(again.awareness.getStates().has(leaver.doc.clientID)).toBe(false);
    again.sendRaw(forgedUpdate(leaver.doc.clientID, "after "));
    await pump(hub, [owner, again]);
    expect(again.closed).toBeNull();
    expect(logText(log)).toContain("after");
  });
});
