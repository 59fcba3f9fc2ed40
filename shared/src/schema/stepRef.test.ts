/**
 * The `stepRef` node: an inline atom inside paragraphs (and so inside terms), its attribute read
 * and validated without throwing, HTML and Yjs round trips, and the insert command.
 */
import { Editor, generateHTML, generateJSON, getSchema, type JSONContent } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { installDom } from "../test/dom.js";
import { documentExtensions } from "./extensions.js";
import { isStepId, readStepRefAttrs, STEP_REF_NODE, stepRefText } from "./stepRef.js";

installDom();
const schema = getSchema(documentExtensions());

const ref = (stepId: unknown): JSONContent => ({ type: STEP_REF_NODE, attrs: { stepId } });
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const t = (text: string): JSONContent => ({ type: "text", text });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const term = (...content: JSONContent[]): JSONContent => ({
  type: "term",
  attrs: { termId: "t-1", category: "sequencing" },
  content,
});

function checks(json: JSONContent): boolean {
  try {
    schema.nodeFromJSON(json).check();
    return true;
  } catch {
    return false;
  }
}

const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

describe("stepRef node", () => {
  it("sits inline in a paragraph of a term, between text", () => {
    expect(checks(doc(term(p(t("as set out in "), ref("step_a1"), t(".")))))).toBe(true);
  });

  it("is not a block: a stepRef directly in the document is refused", () => {
    expect(checks(doc(ref("step_a1")))).toBe(false);
  });

  it("round-trips through HTML with its step id", () => {
    const json = doc(p(t("see "), ref("step_a1")));
    const html = generateHTML(json, documentExtensions());
    expect(html).toContain('data-type="step-ref"');
    expect(html).toContain('data-step-id="step_a1"');
    expect(html).toContain("[step step_a1]");
    const back = generateJSON(html, documentExtensions());
    expect(back.content[0].content[1]).toEqual(ref("step_a1"));
  });

  it("reads a valid id, and marks a bad stored value invalid instead of throwing", () => {
    expect(readStepRefAttrs({ stepId: "step_a1" }).stepId).toEqual({
      valid: true,
      value: "step_a1",
    });
    const bad = readStepRefAttrs({ stepId: "no spaces allowed" }).stepId;
    expect(bad.valid).toBe(false);
    expect(readStepRefAttrs(null).stepId.valid).toBe(false);
    // a document holding the bad value still loads
    expect(checks(doc(p(ref("no spaces allowed"))))).toBe(true);
    expect(isStepId("step_a1")).toBe(true);
    expect(isStepId("")).toBe(false);
    expect(stepRefText(42)).toBe("[step ?]");
  });

  it("is stored in Yjs as an element with the attribute, and read back the same", () => {
    const ydoc = new Y.Doc();
    const editor = new Editor({
      extensions: [
        ...documentExtensions(),
        Collaboration.configure({ document: ydoc, field: "default" }),
      ],
    });
    editors.push(editor);
    editor.commands.setContent(doc(p(t("see "))));
    editor.commands.focus("end");
    expect(editor.commands.insertStepRef("step_x")).toBe(true);
    const fragment = ydoc.getXmlFragment("default");
    const back = yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON() as JSONContent;
    expect(back.content?.[0]?.content).toEqual([t("see "), ref("step_x")]);
    expect(editor.getText()).toBe("see [step step_x]");
  });

  it("insertStepRef refuses a malformed id and changes nothing", () => {
    const editor = new Editor({ extensions: documentExtensions(), content: doc(p(t("x"))) });
    editors.push(editor);
    const before = editor.getJSON();
    expect(editor.commands.insertStepRef("bad id")).toBe(false);
    expect(editor.getJSON()).toEqual(before);
  });
});
