/**
 * Test-only: headless Tiptap editors, each bound to its own Y.Doc with Collaboration, and a
 * two-way sync by hand, so a test decides exactly what is concurrent.
 */
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { afterEach } from "vitest";
import * as Y from "yjs";
import { documentExtensions } from "../schema/extensions.js";
import { installDom } from "./dom.js";

/** Exchanges everything each doc lacks, both ways. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/**
 * Call once at the top level of a test file: installs the DOM and returns `makeEditor(doc)`; the
 * editors it makes are destroyed after each test.
 */
export function collaborativeEditors(): (doc: Y.Doc) => Editor {
  installDom();
  const editors: Editor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });
  return (doc) => {
    const editor = new Editor({
      element: document.createElement("div"),
      extensions: [
        ...documentExtensions(),
        Collaboration.configure({ document: doc, field: "default" }),
      ],
    });
    editors.push(editor);
    return editor;
  };
}
