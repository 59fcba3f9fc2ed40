/**
 * Hardening of the core, with in-memory sockets: exceptions while an update is applied (finding
 * 2: whatever throws — the check, the apply, or the transaction's clean-up after it — the sender
 * is refused with 4400, nothing of the update is stored or relayed, and the room is reloaded from
 * storage for everyone else), and the slow-consumer threshold against rooms larger than it
 * (finding 5), with a socket that flushes nothing, whatever the machine's TCP buffers would take.
 */
import { CloseCode } from "@parley/shared/protocol";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import { createMemoryStorage, type MemoryStorage } from "../storage/memoryStorage.js";
import { northAccess } from "../test/connectionAccess.js";
import { settle, TestClient } from "../test/testSocketPair.js";
import type { AuditEvent, AuditSink } from "./auditSink.js";
import { type ConnectionAccess, Room } from "./room.js";
import { RoomManager } from "./roomManager.js";
import { ShadowDoc } from "./shadowDoc.js";
import { silentLogger } from "./types.js";

const ROOM = "framework-1";
let manager: RoomManager;

/** The connection access of one person of party p-north (member id from the invite). */
function as(inviteId: string, role: "drafter" | "commenter" | "mediator"): ConnectionAccess {
  return northAccess(ROOM, inviteId, role);
}
let storage: MemoryStorage;
const audited: AuditEvent[] = [];

function setup(maxBufferedBytes = 1024 * 1024): void {
  storage = createMemoryStorage();
  const audit: AuditSink = { record: (event) => audited.push(event) };
  manager = new RoomManager({
    storage,
    logger: silentLogger,
    metrics: createServerMetrics(),
    unloadGraceMs: 60_000,
    compactionThreshold: 500,
    compactionIdleMs: 60_000,
    maxMessageBytes: 64 * 1024,
    maxBufferedBytes,
    parseDeferMs: 0,
    audit,
  });
}

async function exchange(...clients: TestClient[]): Promise<void> {
  await settle(manager);
  for (let round = 0; round < 3; round++) {
    for (const c of clients) c.deliverToServer();
    await settle(manager);
    for (const c of clients) c.deliverToClient();
  }
}

/** Resolves with the next room that loads. */
function nextLoadedRoom(): Promise<Room> {
  return new Promise((resolve) => {
    const load = vi.spyOn(Room.prototype, "load");
    load.mockImplementation(function (this: Room, stored, bindings) {
      load.mockRestore();
      this.load(stored, bindings);
      resolve(this);
    });
  });
}

afterEach(async () => {
  audited.length = 0;
  await manager.shutdown();
});

describe("exceptions while applying an update", () => {
  it("an exception thrown in the transaction clean-up refuses the update (4400), reloads the room, and the others keep syncing", async () => {
    setup();
    await storage.createFramework(
      { id: ROOM, title: "T", createdAt: "x", updatedAt: "x" },
      Y.encodeStateAsUpdate(new Y.Doc()),
    );
    const loaded = nextLoadedRoom();
    const honest = new TestClient(manager, ROOM);
    const sender = new TestClient(manager, ROOM);
    honest.connect();
    sender.connect();
    await exchange(honest, sender);
    const room = await loaded;
    honest.doc.getText("t").insert(0, "kept");
    await exchange(honest, sender);
    expect(sender.doc.getText("t").toString()).toBe("kept");

    // Yjs runs observers, formatting clean-up and garbage collection when a transaction ends:
    // stand-in for a RangeError thrown there (the stack overflow of finding 2).
    let armed = true;
    room.doc.on("afterTransaction", () => {
      if (!armed) return;
      armed = false;
      throw new RangeError("Maximum call stack size exceeded");
    });
    sender.doc.getText("t").insert(0, "refused ");
    await exchange(honest, sender);
    expect(sender.closed?.code).toBe(CloseCode.malformedMessage);
    expect(honest.closed?.code).toBe(CloseCode.internalError);
    expect(room.isDestroyed).toBe(true);
    expect(audited.some((e) => e.detail?.includes("transaction clean-up"))).toBe(true);

    // Reconnected, everyone gets the stored state, which never held the refused update.
    const again = new TestClient(manager, ROOM);
    const fresh = new TestClient(manager, ROOM);
    again.connect();
    fresh.connect();
    await exchange(again, fresh);
    again.doc.getText("t").insert(4, "!");
    await exchange(again, fresh);
    expect(fresh.doc.getText("t").toString()).toBe("kept!");
  });
});

describe("exceptions while checking an update", () => {
  it("an exception thrown in the shadow-document check refuses the update (4400) and the room keeps syncing", async () => {
    setup();
    const room = `${ROOM}/discussion`;
    const commenter = new TestClient(manager, room, ROOM, as("inv-amal", "commenter"));
    const mediator = new TestClient(manager, room, ROOM, as("inv-mediator", "mediator"));
    const reader = new TestClient(manager, room, ROOM, as("inv-reader", "mediator"));
    for (const c of [commenter, mediator, reader]) c.connect();
    await exchange(commenter, mediator, reader);
    // Stand-in for the stack overflow of finding 2 inside the shadow trial.
    vi.spyOn(ShadowDoc.prototype, "trial").mockImplementationOnce(() => {
      throw new RangeError("Maximum call stack size exceeded");
    });
    commenter.doc.getMap("threads").set("t-1", { by: "inv-amal" });
    await exchange(commenter, mediator, reader);
    expect(commenter.closed?.code).toBe(CloseCode.malformedMessage);
    expect(audited.some((e) => e.detail?.includes("could not be checked"))).toBe(true);
    expect(reader.doc.getMap("threads").has("t-1")).toBe(false);
    // Nothing was reloaded: the others carry on.
    mediator.doc.getMap("threads").set("t-2", { by: "inv-mediator" });
    await exchange(commenter, mediator, reader);
    expect(mediator.closed).toBeNull();
    expect(reader.closed).toBeNull();
    expect(reader.doc.getMap("threads").get("t-2")).toEqual({ by: "inv-mediator" });
  });
});

describe("finding 5: rooms larger than the slow-consumer threshold", () => {
  const THRESHOLD = 64 * 1024;

  /** A text of `bytes` characters that Yjs stores as is. */
  function bulk(bytes: number, seed: number): string {
    let text = "";
    let state = seed;
    while (text.length < bytes) {
      state = (state * 1103515245 + 12345) % 2147483648;
      text += state.toString(36);
    }
    return text.slice(0, bytes);
  }

  it("a room larger than the slow-consumer threshold can be joined (from the stored snapshot and once loaded)", async () => {
    setup(THRESHOLD);
    const seed = new Y.Doc();
    seed.getText("t").insert(0, bulk(3 * THRESHOLD, 1));
    await storage.createFramework(
      { id: ROOM, title: "T", createdAt: "x", updatedAt: "x" },
      Y.encodeStateAsUpdate(seed),
    );
    // First join: answered from the stored snapshot before the room is parsed.
    const first = new TestClient(manager, ROOM);
    first.holdSends = true;
    first.connect();
    await exchange(first);
    expect(first.closed).toBeNull();
    expect(first.doc.getText("t").length).toBe(3 * THRESHOLD);
    // Grow the room through a writer (updates under the message limit), then join it loaded.
    const writer = new TestClient(manager, ROOM);
    writer.connect();
    await exchange(writer);
    for (let i = 0; i < 3; i++) {
      writer.doc.getText("t").insert(0, bulk(THRESHOLD / 2, 10 + i));
      await exchange(writer);
    }
    const second = new TestClient(manager, ROOM);
    second.holdSends = true;
    second.connect();
    await exchange(second);
    expect(second.closed).toBeNull();
    expect(second.doc.getText("t").toString()).toBe(writer.doc.getText("t").toString());
    // A consumer that falls behind by more than the threshold beyond the room's size is still
    // cut off.
    second.bufferedAmount = 10 * THRESHOLD + 5 * THRESHOLD;
    writer.doc.getText("t").insert(0, "more");
    await exchange(writer, second);
    expect(second.closed?.code).toBe(CloseCode.slowConsumer);
    expect(first.closed).toBeNull();
  });
});

describe("finding 7: client ids belong to one principal", () => {
  it("a client id a live connection of another principal announced in its awareness cannot be claimed by writing first", async () => {
    setup();
    await storage.createFramework(
      { id: ROOM, title: "T", createdAt: "x", updatedAt: "x" },
      Y.encodeStateAsUpdate(new Y.Doc()),
    );
    const owner = new TestClient(manager, ROOM, ROOM, as("inv-dana", "drafter"));
    const other = new TestClient(manager, ROOM, ROOM, as("inv-mediator", "mediator"));
    owner.connect();
    other.connect();
    await exchange(owner, other);
    owner.awareness.setLocalState({ cursor: 1 });
    owner.sendAwareness();
    await exchange(owner, other);
    // `other` writes first, under the id `owner` announced (it saw it in the awareness).
    const forger = new Y.Doc();
    forger.clientID = owner.doc.clientID;
    const before = Y.encodeStateVector(forger);
    forger.getText("t").insert(0, "forged");
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forger, before));
    other.sendRaw(encoding.toUint8Array(encoder));
    await exchange(owner, other);
    expect(other.closed?.code).toBe(CloseCode.clientIdTaken);
    // The owner writes under its id as usual.
    owner.doc.getText("t").insert(0, "mine");
    const watcher = new TestClient(manager, ROOM, ROOM, as("inv-watch", "mediator"));
    watcher.connect();
    await exchange(owner, watcher);
    expect(owner.closed).toBeNull();
    expect(watcher.doc.getText("t").toString()).toBe("mine");
    expect(await storage.loadClientBindings(ROOM)).toEqual([
      { client: owner.doc.clientID, principal: "i-inv-dana" },
    ]);
  });
});
