import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { silentAudit } from "../audit/auditLog.js";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import { createMemoryStorage } from "../storage/memoryStorage.js";
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
