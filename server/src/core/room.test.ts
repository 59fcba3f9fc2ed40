import { syncStep1, syncUpdate } from "@parley/shared/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import { createMemoryStorage } from "../storage/memoryStorage.js";
import { silentAudit } from "./auditSink.js";
import { encodeSyncMessage } from "./messages.js";
import { Room } from "./room.js";
import { silentLogger } from "./types.js";
import { WriteQueue } from "./writeQueue.js";

function room(): Room {
  return new Room({
    name: "framework-1",
    frameworkId: "framework-1",
    queue: new WriteQueue(createMemoryStorage()),
    logger: silentLogger,
    metrics: createServerMetrics(),
    maxMessageBytes: 64 * 1024,
    maxBufferedBytes: 1024 * 1024,
    maxDocumentBytes: 1024 * 1024,
    audit: silentAudit,
    compactionThreshold: 500,
    compact: () => {},
    onBroken: () => {},
    onEmpty: () => {},
  });
}

function snapshotOf(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe("Room full-state cache", () => {
  it("answers with the stored snapshot after a load without log, until the doc changes", () => {
    const r = room();
    const snapshot = snapshotOf("stored");
    r.load({ snapshot, updates: [] });
    expect(r.encodeFullState()).toBe(snapshot);
    // A joining client's empty sync step 2 runs a transaction that changes nothing.
    Y.applyUpdate(r.doc, Y.encodeStateAsUpdate(new Y.Doc()));
    expect(r.encodeFullState()).toBe(snapshot);
    r.doc.getText("t").insert(0, "new ");
    const after = new Y.Doc();
    Y.applyUpdate(after, r.encodeFullState());
    expect(after.getText("t").toString()).toBe("new stored");
    r.destroy();
  });

  it("re-encodes while an update waits for missing structs (they are part of the state)", () => {
    const r = room();
    r.load({ snapshot: snapshotOf("base"), updates: [] });
    const cached = r.encodeFullState();
    const writer = new Y.Doc();
    writer.getText("t").insert(0, "a");
    const missing = Y.encodeStateAsUpdate(writer);
    const before = Y.encodeStateVector(writer);
    writer.getText("t").insert(1, "b");
    Y.applyUpdate(r.doc, Y.encodeStateAsUpdate(writer, before));
    expect(r.doc.store.pendingStructs).not.toBeNull();
    expect(r.encodeFullState()).not.toBe(cached);
    const reader = new Y.Doc();
    Y.applyUpdate(reader, r.encodeFullState());
    Y.applyUpdate(reader, missing);
    expect(reader.getText("t").toString()).toContain("ab");
    r.destroy();
  });

  it("applies a snapshot and a log of several updates in one load", () => {
    const r = room();
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on("update", (update: Uint8Array) => updates.push(update));
    for (const word of ["one ", "two ", "three"]) {
      writer.getText("t").insert(writer.getText("t").length, word);
    }
    r.load({ snapshot: Y.encodeStateAsUpdate(new Y.Doc()), updates });
    expect(r.doc.getText("t").toString()).toBe("one two three");
    expect(r.updatesSinceSnapshot).toBe(3);
    r.destroy();
  });
});

describe("Room applying a socket read's updates", () => {
  function connection() {
    const sent: Uint8Array[] = [];
    return { sent, send: (data: Uint8Array) => sent.push(data), close() {}, bufferedAmount: 0 };
  }

  function updateMessage(update: Uint8Array): Uint8Array {
    return encodeSyncMessage(syncUpdate, update);
  }

  it("applies one sender's updates of one read in one transaction, storing only changes", async () => {
    const r = room();
    r.load({ snapshot: snapshotOf("base"), updates: [] });
    const writer = new Y.Doc();
    Y.applyUpdate(writer, r.encodeFullState());
    const updates: Uint8Array[] = [];
    writer.on("update", (update: Uint8Array) => updates.push(update));
    for (const word of [" one", " two", " three"]) {
      writer.getText("t").insert(writer.getText("t").length, word);
    }
    const writerConnection = connection();
    const observer = connection();
    r.addConnection(writerConnection);
    r.addConnection(observer);
    let transactions = 0;
    r.doc.on("afterTransaction", () => {
      transactions += 1;
    });
    // The second copy of the first update changes nothing: applied, not stored or relayed.
    for (const update of [updates[0]!, updates[0]!, updates[1]!, updates[2]!]) {
      r.receive(writerConnection, updateMessage(update));
    }
    expect(r.doc.getText("t").toString()).toBe("base");
    await Promise.resolve();
    expect(r.doc.getText("t").toString()).toBe("base one two three");
    expect(transactions).toBe(1);
    expect(r.updatesSinceSnapshot).toBe(3);
    r.destroy();
  });

  it("answers a sync step 1 after the updates received before it", () => {
    const r = room();
    r.load({ snapshot: snapshotOf("base"), updates: [] });
    const writer = new Y.Doc();
    Y.applyUpdate(writer, r.encodeFullState());
    const before = Y.encodeStateVector(writer);
    writer.getText("t").insert(4, " and more");
    const c = connection();
    r.addConnection(c);
    r.receive(c, updateMessage(Y.encodeStateAsUpdate(writer, before)));
    r.receive(c, encodeSyncMessage(syncStep1, Y.encodeStateVector(new Y.Doc())));
    // Without waiting for the microtask: the step 1 flushed the pending update first.
    expect(r.doc.getText("t").toString()).toBe("base and more");
    r.destroy();
  });
});
