import { cleanup, render } from "@testing-library/react";
import { EditorContent } from "@tiptap/react";
import { afterEach, describe, expect, it } from "vitest";
import { term, termEditor } from "../../test/termEditor.js";

afterEach(cleanup);

/** Each term's text as shown inside its view's body (where ProseMirror keeps it editable). */
function bodies(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll("section.term")).map(
    (section) => section.querySelector(":scope > .term-body")?.textContent ?? "(no body)",
  );
}

describe("a term's text in its view (moved into place without the selection when unfocused)", () => {
  it("is inside each term's body after the framework opens, with nothing left beside the views", async () => {
    const editor = termEditor();
    const { container } = render(<EditorContent editor={editor} />);
    editor.commands.setContent({
      type: "doc",
      content: [term("t-aaaaaaaa", "Ceasefire."), term("t-bbbbbbbb", "Prisoner exchange.")],
    });
    expect(editor.view.hasFocus()).toBe(false);
    await expect.poll(() => bodies(container)).toEqual(["Ceasefire.", "Prisoner exchange."]);
    // Tiptap's content element waits beside the React wrapper until it is moved: none is left
    expect(container.querySelectorAll("[data-node-view-content-react]")).toHaveLength(2);
    for (const content of container.querySelectorAll("[data-node-view-content-react]"))
      expect(content.parentElement?.classList.contains("term-body")).toBe(true);
  });

  it("is inside the body of a term added while the person is in the editor, and stays editable", async () => {
    const editor = termEditor();
    const { container } = render(<EditorContent editor={editor} />);
    editor.commands.setContent({ type: "doc", content: [term("t-aaaaaaaa", "Ceasefire.")] });
    await expect.poll(() => bodies(container)).toEqual(["Ceasefire."]);
    editor.view.focus();
    await expect.poll(() => editor.view.hasFocus()).toBe(true);
    editor.commands.insertContentAt(editor.state.doc.content.size, term("t-bbbbbbbb", "Amnesty"));
    await expect.poll(() => bodies(container)).toEqual(["Ceasefire.", "Amnesty"]);
    editor.commands.insertContentAt(editor.state.doc.content.size - 3, " for all");
    await expect.poll(() => bodies(container)).toEqual(["Ceasefire.", "Amnesty for all"]);
  });
});
