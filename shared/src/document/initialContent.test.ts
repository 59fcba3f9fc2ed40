import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DOCUMENT_FIELD } from "../protocol.js";
import { blockTexts, FIRST_SECTION_HEADING, writeInitialContent } from "./initialContent.js";

describe("writeInitialContent", () => {
  it("writes a title heading, a first section heading and an empty paragraph", () => {
    const doc = new Y.Doc();
    writeInitialContent(doc, { title: "Northern Corridor Framework" });
    const blocks = doc.getXmlFragment(DOCUMENT_FIELD).toArray() as Y.XmlElement[];
    expect(blocks.map((b) => b.nodeName)).toEqual(["heading", "heading", "paragraph"]);
    expect(blocks.map((b) => b.getAttribute("level"))).toEqual([1, 2, undefined]);
    expect(blockTexts(doc)).toEqual(["Northern Corridor Framework", FIRST_SECTION_HEADING, ""]);
  });

  it("survives a round trip through an encoded update", () => {
    const doc = new Y.Doc();
    writeInitialContent(doc, { title: "T" });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(copy.getXmlFragment(DOCUMENT_FIELD).toString()).toBe(
      '<heading level="1">T</heading><heading level="2">1. General</heading><paragraph></paragraph>',
    );
  });
});
