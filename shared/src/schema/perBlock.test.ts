import { getSchema } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { describe, expect, it, vi } from "vitest";
import { documentExtensions } from "./extensions.js";
import { perBlock } from "./perBlock.js";

const schema = getSchema(documentExtensions());
const paragraph = (text: string) => schema.node("paragraph", null, [schema.text(text)]);

describe("perBlock", () => {
  it("reads every block in order with where its content starts, and only changed blocks again", () => {
    const read = vi.fn((block: PMNode) => block.textContent);
    const pass = perBlock(read);
    const doc = schema.node("doc", null, [paragraph("one"), paragraph("two")]);
    const seen: [string, number][] = [];
    pass(doc, (text, start) => seen.push([text, start]));
    expect(seen).toEqual([
      ["one", 1],
      ["two", 6],
    ]);
    expect(read).toHaveBeenCalledTimes(2);

    // an edit of the second block: the first block's node is the same object, read from memory
    const changed = doc.copy(doc.content.replaceChild(1, paragraph("twice")));
    expect(changed.child(0)).toBe(doc.child(0));
    seen.length = 0;
    pass(changed, (text, start) => seen.push([text, start]));
    expect(seen).toEqual([
      ["one", 1],
      ["twice", 6],
    ]);
    expect(read).toHaveBeenCalledTimes(3);
    expect(read).toHaveBeenLastCalledWith(changed.child(1));
  });
});
