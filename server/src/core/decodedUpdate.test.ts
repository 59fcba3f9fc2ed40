import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeUpdateOnce } from "./decodedUpdate.js";

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
