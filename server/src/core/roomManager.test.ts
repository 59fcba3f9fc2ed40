import { CloseCode, syncStep1, syncStep2 } from "@parley/shared/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import { createMemoryStorage, type MemoryStorage } from "../storage/memoryStorage.js";
import { settle, TestClient } from "../test/testSocketPair.js";
import { encodeSyncMessage } from "./messages.js";
import { Room } from "./room.js";
import { RoomManager } from "./roomManager.js";
import { silentLogger } from "./types.js";

const ROOM = "framework-1";
let manager: RoomManager;
let storage: MemoryStorage;

function setup(
  options: {
    compactionThreshold?: number;
    compactionIdleMs?: number;
    maxBufferedBytes?: number;
    earlyReplyWaitMs?: number;
    parseDeferMs?: number;
  } = {},
) {
  storage = createMemoryStorage();
  manager = new RoomManager({
    storage,
    logger: silentLogger,
    metrics: createServerMetrics(),
    unloadGraceMs: 60_000,
    compactionThreshold: options.compactionThreshold ?? 500,
    compactionIdleMs: options.compactionIdleMs ?? 60_000,
    maxMessageBytes: 64 * 1024,
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    earlyReplyWaitMs: options.earlyReplyWaitMs,
    parseDeferMs: options.parseDeferMs ?? 0,
  });
}

async function connected(...clients: TestClient[]): Promise<void> {
  for (const c of clients) c.connect();
  await settle(manager);
  for (let round = 0; round < 3; round++) {
    for (const c of clients) c.deliverToServer();
    await settle(manager);
    for (const c of clients) c.deliverToClient();
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Stores the framework ROOM with `text` as its snapshot (no log), as creation does. */
async function storeFramework(text: string): Promise<{ seed: Y.Doc; snapshot: Uint8Array }> {
  const seed = new Y.Doc();
  seed.getText("t").insert(0, text);
  const snapshot = Y.encodeStateAsUpdate(seed);
  await storage.createFramework({ id: ROOM, title: "T", createdAt: "x", updatedAt: "x" }, snapshot);
  return { seed, snapshot };
}

/** Runs `observe` when the next room parses its stored state (`Room.load`), just before it. */
function beforeFirstParse(observe: () => void): void {
  const load = vi.spyOn(Room.prototype, "load");
  load.mockImplementation(function (this: Room, stored) {
    observe();
    load.mockRestore();
    this.load(stored);
  });
}

afterEach(async () => {
  await manager.shutdown();
});

describe("RoomManager + Room over an in-memory socket pair", () => {
  it("broadcasts an update only after storage has written it, never back to its sender", async () => {
    setup();
    const a = new TestClient(manager, ROOM);
    const b = new TestClient(manager, ROOM);
    await connected(a, b);
    const gate = deferred();
    storage.gate = gate.promise;
    const sentToA = a.received.length;
    a.doc.getText("t").insert(0, "hello");
    a.deliverToServer();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(b.toClient).toHaveLength(0);
    expect(storage.data.rooms.get(ROOM)?.updates ?? []).toHaveLength(0);

    storage.gate = null;
    gate.resolve();
    await settle(manager);
    expect(storage.data.rooms.get(ROOM)?.updates).toHaveLength(1);
    b.deliverToClient();
    expect(b.text()).toBe("hello");
    expect(a.received.length).toBe(sentToA);
  });

  it("stores and broadcasts one merged update per sender per write batch", async () => {
    setup();
    const [a, b, c] = [0, 1, 2].map(() => new TestClient(manager, ROOM)) as [
      TestClient,
      TestClient,
      TestClient,
    ];
    await connected(a, b, c);
    const rowsBefore = storage.data.rooms.get(ROOM)?.updates.length ?? 0;
    const toB = b.received.length;
    const toC = c.received.length;
    const toA = a.received.length;
    for (const word of ["one ", "two ", "three"]) {
      a.doc.getText("t").insert(a.doc.getText("t").length, word);
    }
    c.doc.getText("t").insert(0, "C");
    a.deliverToServer();
    c.deliverToServer();
    await settle(manager);
    // One row per sender, and each recipient gets one message per other sender.
    expect(storage.data.rooms.get(ROOM)?.updates.length).toBe(rowsBefore + 2);
    expect(b.received.length - toB).toBe(2);
    expect(c.received.length - toC).toBe(1);
    expect(a.received.length - toA).toBe(1);
    for (const client of [a, b, c]) client.deliverToClient();
    expect(b.text()).toBe(a.text());
    expect(c.text()).toBe(a.text());
    expect(a.text().replace("C", "")).toBe("one two three");
  });

  it("stores and broadcasts one sender's batch (inserts and deletions) as one update", async () => {
    setup();
    const a = new TestClient(manager, ROOM);
    const b = new TestClient(manager, ROOM);
    await connected(a, b);
    a.doc.getText("t").insert(0, "draft wording");
    a.deliverToServer();
    await settle(manager);
    b.deliverToClient();
    const rowsBefore = storage.data.rooms.get(ROOM)?.updates.length ?? 0;
    const toB = b.received.length;
    const text = a.doc.getText("t");
    text.delete(0, 6);
    text.insert(0, "agreed ");
    text.format(0, 6, { bold: true });
    text.insert(text.length, ".");
    a.deliverToServer();
    await settle(manager);
    expect(storage.data.rooms.get(ROOM)?.updates.length).toBe(rowsBefore + 1);
    expect(b.received.length - toB).toBe(1);
    b.deliverToClient();
    expect(b.doc.getText("t").toDelta()).toEqual(text.toDelta());
    // What was stored reads back into the same document.
    const stored = await storage.loadRoom(ROOM);
    const reloaded = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(reloaded, update);
    expect(reloaded.getText("t").toDelta()).toEqual(text.toDelta());
  });

  it("sends the same encoded bytes to every recipient", async () => {
    setup();
    const [a, b, c] = [0, 1, 2].map(() => new TestClient(manager, ROOM));
    await connected(a!, b!, c!);
    a!.doc.getText("t").insert(0, "x");
    a!.deliverToServer();
    await settle(manager);
    expect(b!.received.at(-1)).toBe(c!.received.at(-1));
  });

  it("holds a joiner's sync reply until pending writes are durable", async () => {
    setup();
    const a = new TestClient(manager, ROOM);
    await connected(a);
    const gate = deferred();
    storage.gate = gate.promise;
    a.doc.getText("t").insert(0, "pending");
    a.deliverToServer();
    const late = new TestClient(manager, ROOM);
    late.connect();
    await new Promise<void>((resolve) => setImmediate(resolve));
    late.deliverToServer();
    await new Promise<void>((resolve) => setImmediate(resolve));
    late.deliverToClient();
    expect(late.text()).toBe("");

    storage.gate = null;
    gate.resolve();
    await settle(manager);
    late.deliverToClient();
    expect(late.text()).toBe("pending");
  });

  it("loads a room once for concurrent joins and applies messages sent while loading", async () => {
    setup();
    await storeFramework("stored ");
    const gate = deferred();
    storage.gate = gate.promise;
    const a = new TestClient(manager, ROOM);
    const b = new TestClient(manager, ROOM);
    a.connect();
    b.connect();
    a.doc.getText("t").insert(0, "A");
    b.doc.getText("t").insert(0, "B");
    a.deliverToServer();
    b.deliverToServer();
    storage.gate = null;
    gate.resolve();
    await connected(a, b);
    expect(storage.loads).toBe(1);
    expect(a.text()).toBe(b.text());
    // Concurrent inserts at the same place are ordered by (random) client id: check the pieces.
    expect(a.text()).toHaveLength("ABstored ".length);
    for (const piece of ["A", "B", "stored "]) expect(a.text()).toContain(piece);
  });

  it("answers a first joiner from the stored snapshot before the server parses it", async () => {
    setup();
    const { snapshot } = await storeFramework("stored wording");
    const repliesAtParse: number[] = [];
    const empty = new TestClient(manager, ROOM);
    const returning = new TestClient(manager, ROOM);
    Y.applyUpdate(returning.doc, snapshot);
    beforeFirstParse(() => repliesAtParse.push(empty.toClient.length, returning.toClient.length));
    empty.connect();
    returning.connect();
    empty.deliverToServer();
    returning.deliverToServer();
    await settle(manager);
    // The empty client had its answer (the stored bytes) before the parse; the one that already
    // holds state goes the usual way, after it.
    expect(repliesAtParse).toEqual([1, 0]);
    expect(empty.received[0]).toEqual(encodeSyncMessage(syncStep2, snapshot));
    await connected(empty, returning);
    expect(empty.text()).toBe("stored wording");
    expect(returning.text()).toBe("stored wording");
    expect(storage.loads).toBe(1);
  });

  it("waits between read and parse for a joiner's first message, and answers it early", async () => {
    setup({ earlyReplyWaitMs: 60_000 });
    await storeFramework("stored wording");
    const gate = deferred();
    storage.gate = gate.promise;
    const client = new TestClient(manager, ROOM);
    const repliesAtParse: number[] = [];
    beforeFirstParse(() => repliesAtParse.push(client.toClient.length));
    client.connect();
    storage.gate = null;
    gate.resolve();
    // The read is done; the load now waits for the joiner, which speaks only now.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(storage.loads).toBe(1);
    expect(repliesAtParse).toEqual([]);
    client.deliverToServer();
    expect(client.toClient).toHaveLength(1);
    await settle(manager);
    expect(repliesAtParse).toEqual([1]);
    await connected(client);
    expect(client.text()).toBe("stored wording");
  });

  it("defers the parse while joiners only ask for everything, until an edit needs it", async () => {
    setup({ parseDeferMs: 60_000 });
    await storeFramework("stored wording");
    let parses = 0;
    beforeFirstParse(() => {
      parses += 1;
    });
    /** An empty client joins and takes whatever the server answers. */
    const joinEmpty = async () => {
      const client = new TestClient(manager, ROOM);
      client.connect();
      client.deliverToServer();
      await settle(manager);
      client.deliverToClient();
      return client;
    };
    const first = await joinEmpty();
    expect(first.text()).toBe("stored wording");
    // A second empty joiner is answered from the snapshot too; nothing is parsed yet.
    const second = await joinEmpty();
    expect(second.text()).toBe("stored wording");
    expect(parses).toBe(0);
    expect(manager.isLoaded(ROOM)).toBe(false);
    // An edit needs the document: parsed, applied, relayed.
    first.doc.getText("t").insert(0, "agreed ");
    first.deliverToServer();
    await vi.waitFor(() => expect(manager.isLoaded(ROOM)).toBe(true));
    expect(parses).toBe(1);
    await connected(first, second);
    expect(second.text()).toBe("agreed stored wording");
  });

  it("loads the room anyway when a joiner stays silent", async () => {
    setup();
    await storeFramework("stored");
    const client = new TestClient(manager, ROOM);
    client.connect();
    client.toServer.length = 0;
    // Nothing is sent: the server's own sync step 1 still comes once the wait is over.
    await vi.waitFor(() => expect(client.toClient.length).toBeGreaterThan(0));
    expect(manager.isLoaded(ROOM)).toBe(true);
    // Asking now gets the state the usual way.
    client.sendRaw(encodeSyncMessage(syncStep1, Y.encodeStateVector(client.doc)));
    await connected(client);
    expect(client.text()).toBe("stored");
  });

  it("loads a room with a log the usual way (the snapshot alone is not its state)", async () => {
    setup();
    const { seed } = await storeFramework("stored");
    const before = Y.encodeStateVector(seed);
    seed.getText("t").insert(6, " and logged");
    await storage.appendUpdates(
      [{ room: ROOM, frameworkId: ROOM, update: Y.encodeStateAsUpdate(seed, before) }],
      "x",
    );
    const client = new TestClient(manager, ROOM);
    await connected(client);
    expect(client.text()).toBe("stored and logged");
    // Its first message is the server's sync step 1, not a step 2 with the bare snapshot.
    expect(client.received[0]?.[1]).toBe(0);
  });

  it("on a storage failure broadcasts nothing and closes with internalError", async () => {
    setup();
    const a = new TestClient(manager, ROOM);
    const b = new TestClient(manager, ROOM);
    await connected(a, b);
    storage.failWrites = new Error("disk full");
    a.doc.getText("t").insert(0, "lost?");
    a.deliverToServer();
    await settle(manager);
    b.deliverToClient();
    expect(b.text()).toBe("");
    expect(a.closed?.code).toBe(CloseCode.internalError);
    expect(b.closed?.code).toBe(CloseCode.internalError);
    expect(manager.isLoaded(ROOM)).toBe(false);

    // Storage recovers; the writer reconnects and its edit gets through after all.
    storage.failWrites = null;
    a.connect();
    b.connect();
    await connected(a, b);
    expect(b.text()).toBe("lost?");
  });

  it("closes a malformed message's connection only, with the room unchanged", async () => {
    setup();
    const a = new TestClient(manager, ROOM);
    const b = new TestClient(manager, ROOM);
    await connected(a, b);
    a.sendRaw(Uint8Array.of(0, 2, 5, 1, 2));
    a.deliverToServer();
    expect(a.closed?.code).toBe(CloseCode.malformedMessage);
    b.doc.getText("t").insert(0, "ok");
    b.deliverToServer();
    await settle(manager);
    expect(b.closed).toBeNull();
    expect(storage.data.rooms.get(ROOM)?.updates).toHaveLength(1);
  });

  it("cuts off a slow consumer whose send buffer passes the bound", async () => {
    setup({ maxBufferedBytes: 1000 });
    const a = new TestClient(manager, ROOM);
    const slow = new TestClient(manager, ROOM);
    await connected(a, slow);
    slow.bufferedAmount = 5000;
    a.doc.getText("t").insert(0, "x");
    a.deliverToServer();
    await settle(manager);
    expect(slow.closed?.code).toBe(CloseCode.slowConsumer);
    expect(a.closed).toBeNull();
  });

  it("relays awareness and removes a dropped connection's state", async () => {
    setup();
    const a = new TestClient(manager, ROOM);
    const b = new TestClient(manager, ROOM);
    await connected(a, b);
    a.awareness.setLocalStateField("user", { name: "Amal" });
    a.sendAwareness();
    a.deliverToServer();
    await settle(manager);
    b.deliverToClient();
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: "Amal" } });
    a.disconnect();
    await settle(manager);
    b.deliverToClient();
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it("compacts the log into a snapshot past the threshold", async () => {
    setup({ compactionThreshold: 5 });
    const a = new TestClient(manager, ROOM);
    await connected(a);
    for (let i = 0; i < 7; i++) {
      a.doc.getText("t").insert(0, String(i));
      a.deliverToServer();
      await settle(manager);
    }
    const stored = storage.data.rooms.get(ROOM)!;
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(5);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot!);
    for (const update of stored.updates) Y.applyUpdate(reloaded, update);
    expect(reloaded.getText("t").toString()).toBe("6543210");
  });

  it("compacts a log smaller than its snapshot only once the room is idle", async () => {
    setup({ compactionThreshold: 1, compactionIdleMs: 20 });
    const a = new TestClient(manager, ROOM);
    await connected(a);
    // The first update outweighs the (empty) snapshot: compacted at once.
    a.doc.getText("t").insert(0, "x".repeat(2000));
    a.deliverToServer();
    await settle(manager);
    expect(storage.data.rooms.get(ROOM)?.updates).toHaveLength(0);
    // A small one does not: it stays in the log until the room has been idle for a while.
    a.doc.getText("t").insert(0, "y");
    a.deliverToServer();
    await settle(manager);
    expect(storage.data.rooms.get(ROOM)?.updates).toHaveLength(1);
    await expect.poll(() => storage.data.rooms.get(ROOM)?.updates.length).toBe(0);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, storage.data.rooms.get(ROOM)!.snapshot!);
    expect(reloaded.getText("t").toString()).toBe(`y${"x".repeat(2000)}`);
  });

  it("answers a joining empty client with the full state after every change", async () => {
    setup();
    const a = new TestClient(manager, ROOM);
    await connected(a);
    a.doc.getText("t").insert(0, "first");
    a.deliverToServer();
    await settle(manager);
    const b = new TestClient(manager, ROOM);
    await connected(b);
    expect(b.text()).toBe("first");
    a.doc.getText("t").insert(5, " second");
    a.deliverToServer();
    await settle(manager);
    const c = new TestClient(manager, ROOM);
    await connected(c);
    expect(c.text()).toBe("first second");
  });
});
