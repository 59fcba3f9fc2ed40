import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type SyncedEditor, syncedEditor } from "../../test/syncedEditor.js";
import { useAnchors } from "./hooks.js";

let open: SyncedEditor | null = null;
afterEach(() => {
  cleanup();
  open?.destroy();
  open = null;
});

/** What the comments margin aligns its cards on: each thread's anchored text and position. */
function Anchors({ editor }: { editor: SyncedEditor["editor"] }) {
  const anchors = useAnchors(editor);
  return (
    <ul>
      {anchors.map((a) => (
        <li key={a.threadId}>{`${a.threadId}: ${a.text} @${a.from}`}</li>
      ))}
    </ul>
  );
}

describe("comment anchors under remote edits (read once per frame, a few times per second)", () => {
  it("follow their text when another person writes before it and when it is deleted", async () => {
    open = syncedEditor();
    const { editor, remote } = open;
    editor.commands.setContent({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "The parties " },
            {
              type: "text",
              text: "agree",
              marks: [{ type: "comment", attrs: { threadId: "c-aaaaaaaa" } }],
            },
            { type: "text", text: "." },
          ],
        },
      ],
    });
    render(<Anchors editor={editor} />);
    expect(await screen.findByText("c-aaaaaaaa: agree @13")).toBeTruthy();
    const paragraph = remote.get(0);
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error("no remote text");
    text.insert(0, "Both of ");
    expect(await screen.findByText("c-aaaaaaaa: agree @21")).toBeTruthy();
    // read again once the interval since the last read has passed (PANEL_INTERVAL_MS)
    text.delete(20, 5);
    await waitFor(() => expect(screen.queryByText(/c-aaaaaaaa/)).toBeNull());
  });
});
