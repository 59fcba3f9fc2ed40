import { documentExtensions } from "@parley/shared/schema/extensions";
import { cleanup, render, screen } from "@testing-library/react";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent } from "@tiptap/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { frameworkEditorExtensions } from "../framework/frameworkExtensions.js";
import { updateTermView } from "./termViewUpdate.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const c of cleanups.splice(0)) c();
});

function termDoc(text: string, category = "general") {
  return {
    type: "doc",
    content: [
      {
        type: "term",
        attrs: { termId: "t-aaaaaaaa", category },
        content: [{ type: "paragraph", content: [{ type: "text", text }] }],
      },
    ],
  };
}

describe("updateTermView", () => {
  const editor = new Editor({ extensions: documentExtensions() });
  const nodeOf = (json: ReturnType<typeof termDoc>) => {
    editor.commands.setContent(json);
    return editor.state.doc.child(0);
  };

  it("keeps the view for an edit of the term's text, re-renders it for a changed attribute", () => {
    const before = nodeOf(termDoc("Ceasefire."));
    const typed = nodeOf(termDoc("Ceasefire within 24 hours."));
    const recategorized = nodeOf(termDoc("Ceasefire.", "security"));
    const updateProps = vi.fn();
    expect(updateTermView({ oldNode: before, newNode: typed, updateProps })).toBe(true);
    expect(updateProps).not.toHaveBeenCalled();
    expect(updateTermView({ oldNode: before, newNode: recategorized, updateProps })).toBe(true);
    expect(updateProps).toHaveBeenCalledTimes(1);
    const paragraph = typed.child(0);
    expect(updateTermView({ oldNode: before, newNode: paragraph, updateProps })).toBe(false);
  });
});

describe("the term view in the editor", () => {
  it("shows another person's change of the category, and their words in the text", async () => {
    const doc = new Y.Doc();
    const remote = new Y.Doc();
    doc.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== "remote") Y.applyUpdate(remote, u, "local");
    });
    remote.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== "local") Y.applyUpdate(doc, u, "remote");
    });
    const replaced = new Set(["term"]);
    const editor = new Editor({
      extensions: [
        ...documentExtensions().filter((e) => !replaced.has(e.name)),
        ...frameworkEditorExtensions(),
        Collaboration.configure({ document: doc }),
      ],
    });
    cleanups.push(() => editor.destroy());
    render(<EditorContent editor={editor} />);
    editor.commands.setContent(termDoc("Ceasefire."));
    const select = await screen.findByRole<HTMLSelectElement>("combobox", {
      name: "Category of Term",
    });
    expect(select.value).toBe("general");

    const term = remote.getXmlFragment("default").get(0);
    if (!(term instanceof Y.XmlElement)) throw new Error("no term in the remote copy");
    const paragraph = term.get(0);
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error("no text in the remote term");
    text.insert(text.length - 1, " within 24 hours");
    expect(editor.getText()).toContain("Ceasefire within 24 hours.");
    await expect.poll(() => document.body.textContent).toContain("Ceasefire within 24 hours.");

    term.setAttribute("category", "securityAssurances");
    await expect.poll(() => select.value).toBe("securityAssurances");
  });
});
