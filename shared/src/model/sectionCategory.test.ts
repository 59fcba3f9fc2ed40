import { Editor, type JSONContent } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { documentExtensions } from "../schema/extensions.js";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { installDom } from "../test/dom.js";
import { categoryNamedBy, sectionCategory } from "./sectionCategory.js";

installDom();
const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

const heading = (text: string): JSONContent => ({
  type: NODE.heading,
  attrs: { level: 2 },
  content: [{ type: "text", text }],
});
const para = (text: string): JSONContent => ({
  type: NODE.paragraph,
  content: [{ type: "text", text }],
});
const term = (category: string, text: string): JSONContent => ({
  type: NODE.term,
  attrs: { [ATTR.termId]: null, [ATTR.category]: category },
  content: [para(text)],
});

function editorWith(content: JSONContent[]): Editor {
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: documentExtensions(),
    content: { type: "doc", content },
  });
  editors.push(editor);
  return editor;
}

/** The position inside the first text that reads `text`. */
function posOf(editor: Editor, text: string): number {
  let at = -1;
  editor.state.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text === text) at = pos + 1;
    return at < 0;
  });
  if (at < 0) throw new Error(`no "${text}"`);
  return at;
}

function categories(editor: Editor): string[] {
  const out: string[] = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === NODE.term) out.push(String(node.attrs[ATTR.category]));
    return node.type.name !== NODE.term;
  });
  return out;
}

const DOC = [
  heading("1. General"),
  term("general", "g1"),
  heading("2. Verification"),
  para("intro"),
  term("verification", "v1"),
  heading("3. Guarantees"),
  para("no terms yet"),
  heading("4. Odds and ends"),
  para("nothing here"),
];

describe("a new term takes its section's category", () => {
  it("from the section's terms when it has any", () => {
    const editor = editorWith(DOC);
    expect(sectionCategory(editor.state.doc, posOf(editor, "intro"))).toBe("verification");
    expect(sectionCategory(editor.state.doc, posOf(editor, "v1"))).toBe("verification");
  });

  it("from the heading's name in a section without terms, else general", () => {
    const editor = editorWith(DOC);
    expect(sectionCategory(editor.state.doc, posOf(editor, "no terms yet"))).toBe("guarantees");
    expect(sectionCategory(editor.state.doc, posOf(editor, "nothing here"))).toBe("general");
    expect(categoryNamedBy("3. Security assurances")).toBe("securityAssurances");
  });

  it("Insert term in the Verification section makes a Verification term", () => {
    const editor = editorWith(DOC);
    editor.chain().setTextSelection(posOf(editor, "v1")).insertTerm().run();
    expect(categories(editor)).toEqual(["general", "verification", "verification"]);
    editor.chain().setTextSelection(posOf(editor, "no terms yet")).insertTerm().run();
    expect(categories(editor)).toEqual(["general", "verification", "verification", "guarantees"]);
  });

  it("an explicit category still wins", () => {
    const editor = editorWith(DOC);
    editor
      .chain()
      .setTextSelection(posOf(editor, "v1"))
      .insertTerm({ category: "sequencing" })
      .run();
    expect(categories(editor)).toContain("sequencing");
  });
});
