import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createMemoryStorage } from "../storage/memoryStorage.js";
import { WriteQueue } from "./writeQueue.js";

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

describe("WriteQueue", () => {
  it("writes the contributions of one event-loop turn in one storage call, then settles them", async () => {
    const storage = createMemoryStorage();
    const calls: number[] = [];
    const queue = new WriteQueue({
      appendUpdates: async (records, at) => {
        calls.push(records.length);
        await storage.appendUpdates(records, at);
      },
    });
    const doc = new Y.Doc();
    const events: string[] = [];
    for (const text of ["a", "b", "c"]) {
      const record = { room: "fw-a", frameworkId: "fw-a", update: typed(doc, text) };
      queue.enlist({
        room: "fw-a",
        take: () => {
          events.push(`take ${text}`);
          return { records: [record], updates: 1 };
        },
        settled: (error) => events.push(`settled ${text} ${error === null}`),
      });
    }
    const durable = new Promise<Error | null>((resolve) => queue.afterDurable(resolve));
    expect(events).toEqual([]);
    expect(await durable).toBeNull();
    expect(calls).toEqual([3]);
    expect(events).toEqual([
      "take a",
      "take b",
      "take c",
      "settled a true",
      "settled b true",
      "settled c true",
    ]);
    expect(textOf((await storage.loadRoom("fw-a")).updates)).toBe("abc");
  });

  it("settles every contribution with the error when the write fails", async () => {
    const queue = new WriteQueue({
      appendUpdates: async () => {
        throw new Error("disk full");
      },
    });
    const settled: Array<string | undefined> = [];
    queue.append({ room: "fw-a", frameworkId: "fw-a", update: typed(new Y.Doc(), "a") });
    queue.enlist({
      room: "fw-b",
      take: () => ({ records: [], updates: 0 }),
      settled: (error) => settled.push(error?.message),
    });
    const durable = new Promise<Error | null>((resolve) => queue.afterDurable(resolve));
    expect((await durable)?.message).toBe("disk full");
    expect(settled).toEqual(["disk full"]);
  });

  it("drops a deleted room's contributions before they are written", async () => {
    const storage = createMemoryStorage();
    const queue = new WriteQueue(storage);
    queue.append({ room: "fw-a", frameworkId: "fw-a", update: typed(new Y.Doc(), "a") });
    queue.append({ room: "fw-b", frameworkId: "fw-b", update: typed(new Y.Doc(), "b") });
    queue.dropRoom("fw-a");
    await queue.flush();
    expect((await storage.loadRoom("fw-a")).updates).toEqual([]);
    expect(textOf((await storage.loadRoom("fw-b")).updates)).toBe("b");
  });
});
