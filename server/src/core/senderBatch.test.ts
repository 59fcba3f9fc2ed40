import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SenderBatch } from "./senderBatch.js";

function recording(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  return updates;
}

function textOf(updates: readonly Uint8Array[], base?: Uint8Array): string {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

describe("SenderBatch", () => {
  it("merges each sender's updates into one, senders in the order they first appeared", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const fromA = recording(a);
    const fromB = recording(b);
    const batch = new SenderBatch<string>();
    a.getText("t").insert(0, "one ");
    batch.add("a", fromA[0]!, undefined);
    b.getText("t").insert(0, "x");
    batch.add("b", fromB[0]!, undefined);
    a.getText("t").insert(4, "two");
    batch.add("a", fromA[1]!, undefined);
    a.getText("t").delete(0, 1);
    batch.add("a", fromA[2]!, undefined);

    const merged = batch.merged();
    expect(batch.updates).toBe(4);
    expect(batch.totals().map((t) => t.updates)).toEqual([3, 1]);
    expect(merged.map((m) => m.from)).toEqual(["a", "b"]);
    expect(textOf([merged[0]!.update])).toBe("ne two");
    expect(textOf([merged[1]!.update])).toBe("x");
    // A recipient applying the merged updates ends with what applying every update gives.
    expect(textOf(merged.map((m) => m.update))).toBe(textOf([...fromA, ...fromB]));
  });

  it("passes a sender's single update through unchanged (no merge on the keystroke path)", () => {
    const doc = new Y.Doc();
    const updates = recording(doc);
    doc.getText("t").insert(0, "k");
    const batch = new SenderBatch<string>();
    batch.add("a", updates[0]!, undefined);
    expect(batch.merged()[0]!.update).toBe(updates[0]);
  });

  it("merges updates that depend on state the batch does not hold", () => {
    const doc = new Y.Doc();
    const updates = recording(doc);
    doc.getText("t").insert(0, "base");
    const base = updates[0]!;
    doc.getText("t").insert(4, " and more");
    doc.getText("t").delete(0, 1);
    const batch = new SenderBatch<string>();
    batch.add("a", updates[1]!, undefined);
    batch.add("a", updates[2]!, undefined);
    const [merged] = batch.merged();
    expect(textOf([merged!.update], base)).toBe("ase and more");
  });
});
