import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { remoteBlock, type SyncedEditor, syncedEditor } from "../../test/syncedEditor.js";
import { Outline } from "./Outline.js";

let open: SyncedEditor | null = null;
afterEach(() => {
  cleanup();
  open?.destroy();
  open = null;
});

const frame = () =>
  act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

describe("Outline under remote edits (read once per frame)", () => {
  it("shows a heading another person adds, and its new text", async () => {
    open = syncedEditor();
    const { editor, remote } = open;
    render(<Outline editor={editor} />);
    expect(screen.getByText(/Headings you add appear here/)).toBeTruthy();
    remote.push([remoteBlock("paragraph", "Preamble."), remoteBlock("heading", "Scope")]);
    expect(await screen.findByRole("button", { name: "Scope" })).toBeTruthy();
    const heading = remote.get(1);
    const text = heading instanceof Y.XmlElement ? heading.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error("no heading text");
    text.insert(5, " and definitions");
    expect(await screen.findByRole("button", { name: "Scope and definitions" })).toBeTruthy();
  });

  it("after a burst of remote edits within one frame, shows the last state", async () => {
    open = syncedEditor();
    const { editor, remote } = open;
    render(<Outline editor={editor} />);
    for (const name of ["One", "Two", "Three", "Four"]) remote.push([remoteBlock("heading", name)]);
    remote.delete(0, 1);
    await frame();
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Two",
      "Three",
      "Four",
    ]);
  });
});
