import { cleanup, render, screen } from "@testing-library/react";
import { EditorContent } from "@tiptap/react";
import { afterEach, describe, expect, it } from "vitest";
import { syncedEditor } from "../../test/syncedEditor.js";
import { term, termEditor } from "../../test/termEditor.js";
import { Toolbar } from "../toolbar/Toolbar.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const c of cleanups.splice(0)) c();
});

describe("what the term views and the toolbar show follows the editor (shared and per-frame reads)", () => {
  it("every term's category turns read-only and back with the editor", async () => {
    const editor = termEditor();
    render(<EditorContent editor={editor} />);
    editor.commands.setContent({
      type: "doc",
      content: [term("t-aaaaaaaa", "Ceasefire."), term("t-bbbbbbbb", "Amnesty.")],
    });
    const selects = () =>
      screen.queryAllByRole<HTMLSelectElement>("combobox", { name: /^Category of/ });
    await expect.poll(() => selects().map((s) => s.disabled)).toEqual([false, false]);
    editor.setEditable(false);
    await expect.poll(() => selects().map((s) => s.disabled)).toEqual([true, true]);
    editor.setEditable(true);
    await expect.poll(() => selects().map((s) => s.disabled)).toEqual([false, false]);
  });

  it("the toolbar shows the marks at the caret and offers undo after an edit", async () => {
    const open = syncedEditor();
    cleanups.push(() => open.destroy());
    const { editor } = open;
    editor.commands.setContent({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "The parties " },
            { type: "text", text: "agree", marks: [{ type: "bold" }] },
          ],
        },
      ],
    });
    render(<Toolbar editor={editor} linkFormOpen={false} onLinkFormChange={() => undefined} />);
    const bold = () => screen.getByRole("button", { name: "Bold" });
    editor.commands.setTextSelection(3);
    await expect.poll(() => bold().getAttribute("aria-pressed")).toBe("false");
    editor.commands.setTextSelection(16);
    await expect.poll(() => bold().getAttribute("aria-pressed")).toBe("true");
    editor.commands.insertContent("d");
    await expect
      .poll(
        () => screen.getByRole<HTMLButtonElement>("button", { name: "Undo my last edit" }).disabled,
      )
      .toBe(false);
  });
});
