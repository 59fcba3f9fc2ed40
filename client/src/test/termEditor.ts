/**
 * Term views under test: a Tiptap editor with the document schema and the framework's own term
 * view (as the page builds it, without collaboration), and a term node to put in it. Editors are
 * destroyed after each test.
 */
import { documentExtensions } from "@parley/shared/schema/extensions";
import { Editor } from "@tiptap/core";
import { afterEach } from "vitest";
import { frameworkEditorExtensions } from "../features/framework/frameworkExtensions.js";

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** A term node of the general category holding one paragraph of `text`. */
export function term(id: string, text: string) {
  return {
    type: "term",
    attrs: { termId: id, category: "general" },
    content: [{ type: "paragraph", content: [{ type: "text", text }] }],
  };
}

/** An editor whose terms render through the framework's term view. */
export function termEditor(): Editor {
  const replaced = new Set(["term"]);
  const editor = new Editor({
    extensions: [
      ...documentExtensions().filter((e) => !replaced.has(e.name)),
      ...frameworkEditorExtensions(),
    ],
  });
  editors.push(editor);
  return editor;
}
