// @vitest-environment node
import { documentExtensions } from "@parley/shared/schema/extensions";
import { getSchema, type JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { extractOutline } from "./outlineItems.js";

const schema = getSchema(documentExtensions());
const doc = (content: JSONContent[]) => schema.nodeFromJSON({ type: "doc", content });
const heading = (level: number, text?: string): JSONContent => ({
  type: "heading",
  attrs: { level },
  content: text ? [{ type: "text", text }] : [],
});
const paragraph = (text: string): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text }],
});

describe("extractOutline", () => {
  it("lists headings in document order with level and depth", () => {
    const outline = extractOutline(
      doc([
        heading(1, "Framework on sequencing"),
        paragraph("Preamble"),
        heading(2, "Article 1"),
        paragraph("Text"),
        heading(3, "1.1 Verification"),
        heading(2, "Article 2"),
      ]),
    );
    expect(outline.map((e) => [e.level, e.depth, e.text])).toEqual([
      [1, 0, "Framework on sequencing"],
      [2, 1, "Article 1"],
      [3, 2, "1.1 Verification"],
      [2, 1, "Article 2"],
    ]);
  });

  it("gives positions that point at the heading nodes", () => {
    const d = doc([paragraph("Intro"), heading(2, "Article 1"), paragraph("x"), heading(2, "B")]);
    for (const entry of extractOutline(d)) {
      expect(d.nodeAt(entry.pos)?.type.name).toBe("heading");
      expect(d.nodeAt(entry.pos)?.textContent).toBe(entry.text);
    }
  });

  it("indents relative to the shallowest heading", () => {
    const outline = extractOutline(doc([heading(2, "A"), heading(3, "B")]));
    expect(outline.map((e) => e.depth)).toEqual([0, 1]);
  });

  it("keeps empty headings and collapses whitespace", () => {
    const outline = extractOutline(doc([heading(2), heading(2, "  Article \u00a0 2 ")]));
    expect(outline.map((e) => e.text)).toEqual(["", "Article 2"]);
  });

  it("finds headings inside blockquotes and is empty for a document without any", () => {
    const quoted = doc([{ type: "blockquote", content: [heading(2, "Quoted")] }]);
    expect(extractOutline(quoted).map((e) => e.text)).toEqual(["Quoted"]);
    expect(extractOutline(doc([paragraph("Only text")]))).toEqual([]);
  });
});
