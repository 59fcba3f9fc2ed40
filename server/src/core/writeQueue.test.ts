import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { UpdateRecord } from "../storage/documentStorage.js";
import { createMemoryStorage } from "../storage/memoryStorage.js";
import { mergeInTree, mergePerRoom, WriteQueue } from "./writeQueue.js";

function typed(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

describe("mergePerRoom", () => {
  it("stores one merged update per room, rooms in the order they first appear", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const records: UpdateRecord[] = [
      { room: "fw-a", frameworkId: "fw-a", update: typed(a, "one ") },
      { room: "fw-b", frameworkId: "fw-b", update: typed(b, "x") },
      { room: "fw-a", frameworkId: "fw-a", update: typed(a, "two ") },
      { room: "fw-a", frameworkId: "fw-a", update: typed(a, "three") },
    ];
    const merged = mergePerRoom(records);
    expect(merged.map((record) => record.room)).toEqual(["fw-a", "fw-b"]);
    expect(textOf([merged[0]!.update])).toBe("one two three");
    expect(textOf([merged[1]!.update])).toBe("x");
  });

  it("keeps a batch with one update per room as it is", () => {
    const records: UpdateRecord[] = [
      { room: "fw-a", frameworkId: "fw-a", update: typed(new Y.Doc(), "a") },
      { room: "fw-b", frameworkId: "fw-b", update: typed(new Y.Doc(), "b") },
    ];
    expect(mergePerRoom(records)).toEqual(records);
  });
});

describe("mergeInTree", () => {
  it("merges more updates than one group holds into the same document", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const text = doc.getText("t");
    for (let i = 0; i < 300; i++) {
      if (i % 5 === 4) text.delete(0, 1);
      else text.insert(Math.floor(text.length / 2), String(i % 10));
    }
    expect(updates.length).toBe(300);
    expect(textOf([mergeInTree(updates)])).toBe(text.toString());
    expect(mergeInTree(updates)).toEqual(Y.mergeUpdates(updates));
  });
});

describe("WriteQueue", () => {
  it("writes the updates of one event-loop turn as one row per room", async () => {
    const storage = createMemoryStorage();
    const queue = new WriteQueue(storage);
    const doc = new Y.Doc();
    for (const text of ["a", "b", "c"]) {
      queue.append({ room: "fw-a", frameworkId: "fw-a", update: typed(doc, text) });
    }
    const durable = new Promise<Error | null>((resolve) => queue.afterDurable(resolve));
    expect(await durable).toBeNull();
    const stored = await storage.loadRoom("fw-a");
    expect(stored.updates).toHaveLength(1);
    expect(textOf(stored.updates)).toBe("abc");
  });
});
