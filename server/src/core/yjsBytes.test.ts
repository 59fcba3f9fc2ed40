import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeUpdateOnce, mergeInTree } from "./yjsBytes.js";

describe("decodeUpdateOnce", () => {
  it("decodes the same update bytes once and answers like Y.decodeUpdate", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "hello");
    const update = Y.encodeStateAsUpdate(doc);
    const first = decodeUpdateOnce(update);
    expect(decodeUpdateOnce(update)).toBe(first);
    expect(first.structs.map((s) => s.id)).toEqual(Y.decodeUpdate(update).structs.map((s) => s.id));
    // Other bytes, even equal ones, are decoded on their own.
    expect(decodeUpdateOnce(Uint8Array.from(update))).not.toBe(first);
    expect(() => decodeUpdateOnce(new Uint8Array([255, 255, 255]))).toThrow();
  });
});

function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

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
