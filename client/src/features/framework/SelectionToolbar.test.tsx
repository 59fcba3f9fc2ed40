import { cleanup, render, screen } from "@testing-library/react";
import { EditorContent } from "@tiptap/react";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type SyncedEditor, syncedEditor } from "../../test/syncedEditor.js";
import { SelectionToolbar, selectSelection } from "./SelectionToolbar.js";

let open: SyncedEditor | null = null;
afterEach(() => {
  cleanup();
  open?.destroy();
  open = null;
});

function remoteText(remote: Y.XmlFragment): Y.XmlText {
  const paragraph = remote.get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error("no remote text");
  return text;
}

function setUp(): SyncedEditor {
  open = syncedEditor();
  open.editor.commands.setContent({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "The parties agree." }] }],
  });
  return open;
}

describe("the selection toolbar under remote edits", () => {
  it("reads a caret the same wherever another person's edit moves it, a selection by its range", () => {
    const { editor, remote } = setUp();
    editor.commands.setTextSelection(17);
    const before = selectSelection({ editor });
    remoteText(remote).insert(0, "Both of ");
    expect(editor.state.selection.from).toBe(25);
    expect(selectSelection({ editor })).toBe(before);
    expect(before.hasText).toBe(false);

    editor.commands.setTextSelection({ from: 21, to: 26 });
    expect(selectSelection({ editor })).toEqual({ from: 21, to: 26, hasText: true });
  });

  it("opens for selected text and stays open while another person writes before it", async () => {
    const { editor, remote } = setUp();
    render(
      <>
        <EditorContent editor={editor} />
        <SelectionToolbar
          editor={editor}
          canComment
          onComment={() => undefined}
          onBracket={null}
          onMakeTerm={null}
          panel={null}
        />
      </>,
    );
    editor.commands.setTextSelection(5);
    expect(screen.queryByRole("toolbar", { name: "Selection" })).toBeNull();
    editor.commands.setTextSelection({ from: 13, to: 18 });
    expect(await screen.findByRole("toolbar", { name: "Selection" })).toBeTruthy();
    remoteText(remote).insert(0, "Both of ");
    expect(editor.state.selection.from).toBe(21);
    expect(await screen.findByRole("toolbar", { name: "Selection" })).toBeTruthy();
    editor.commands.setTextSelection(3);
    await expect.poll(() => screen.queryByRole("toolbar", { name: "Selection" })).toBeNull();
  });
});
