// @vitest-environment node
import { documentExtensions } from "@parley/shared/schema/extensions";
import { installDom } from "@parley/shared/test/dom";
import { Editor, type JSONContent } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { endOfTerm, insertStepReference } from "./stepReference.js";

installDom();

const p = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const term = (termId: string, ...content: JSONContent[]): JSONContent => ({
  type: "term",
  attrs: { termId, category: "sequencing" },
  content,
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

function editorWith(content: JSONContent): Editor {
  const editor = new Editor({ extensions: documentExtensions(), content });
  editors.push(editor);
  return editor;
}

/**
 * The inline content of each non-empty textblock, as text with `{stepId}` for references (the
 * schema adds an empty trailing paragraph after a final term).
 */
function blocks(editor: Editor): string[] {
  const out: string[] = [];
  editor.state.doc.descendants((node) => {
    if (!node.isTextblock) return true;
    let text = "";
    node.forEach((child) => {
      text += child.type.name === "stepRef" ? `{${child.attrs.stepId}}` : (child.text ?? "");
    });
    if (text !== "") out.push(text);
    return false;
  });
  return out;
}

describe("insertStepReference", () => {
  it("inserts at the cursor when the cursor is inside a term", () => {
    const editor = editorWith(doc(p("Preamble"), term("t-1", p("Phase 1 steps"))));
    const end = endOfTerm(editor.state.doc, "t-1")!;
    editor.commands.setTextSelection(end);
    expect(insertStepReference(editor, "step_a", null)).toBe(true);
    expect(blocks(editor)).toEqual(["Preamble", "Phase 1 steps{step_a}"]);
  });

  it("outside a term, goes to the end of the term the step implements, after a space", () => {
    const editor = editorWith(
      doc(p("Preamble"), term("t-1", p("first")), term("t-2", p("one"), p("two"))),
    );
    editor.commands.setTextSelection(2);
    expect(insertStepReference(editor, "step_b", "t-2")).toBe(true);
    expect(blocks(editor)).toEqual(["Preamble", "first", "one", "two {step_b}"]);
  });

  it("outside a term and without a term, inserts at the cursor", () => {
    const editor = editorWith(doc(p("Preamble")));
    editor.commands.setTextSelection(9);
    expect(insertStepReference(editor, "step_c", "t-missing")).toBe(true);
    expect(blocks(editor)).toEqual(["Preamble{step_c}"]);
  });
});
