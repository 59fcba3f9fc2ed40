import type { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { mountCollaborativeEditor } from "../test/collaborativeEditor.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** This page's editor on `doc`, and a remote person's doc and awareness state kept in sync with it. */
function twoPeople() {
  const doc = new Y.Doc();
  const remote = new Y.Doc();
  doc.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(remote, u, "local");
  });
  remote.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "local") Y.applyUpdate(doc, u, "remote");
  });
  const awareness = new Awareness(doc);
  const provider = { awareness } as unknown as WebsocketProvider;
  const { editor, destroy } = mountCollaborativeEditor(doc, provider);
  cleanups.push(destroy);
  // the remote person writes two paragraphs
  const fragment = remote.getXmlFragment("default");
  remote.transact(() => {
    for (const text of ["First paragraph.", "Second paragraph."]) {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(text)]);
      fragment.push([p]);
    }
  });
  const peer = awareness.clientID + 1;
  /** The remote person's caret at `offset` in paragraph `index`, as their awareness update says. */
  const moveCaret = (index: number, offset: number) => {
    const paragraph = fragment.get(index) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, offset));
    const clock = (awareness.meta.get(peer)?.clock ?? 0) + 1;
    const added = !awareness.states.has(peer);
    awareness.states.set(peer, {
      user: { name: "Bruno", color: "#a81f5f" },
      cursor: { anchor: at, head: at },
    });
    awareness.meta.set(peer, { clock, lastUpdated: Date.now() });
    awareness.emit("change", [
      { added: added ? [peer] : [], updated: added ? [] : [peer], removed: [] },
      "remote",
    ]);
  };
  return { editor, remote, moveCaret };
}

function caretParagraph(editor: Editor): string | null {
  const caret = editor.view.dom.querySelector('.collaboration-carets__caret[data-user="Bruno"]');
  return caret?.closest("p")?.textContent?.replace("Bruno", "") ?? null;
}

describe("remote carets", () => {
  it("show where the other person is and follow them when they move", async () => {
    const { editor, moveCaret } = twoPeople();
    expect(editor.getText()).toContain("Second paragraph.");
    moveCaret(0, 5);
    // the caret plugin batches awareness changes into one tick (y-tiptap `setMeta`)
    await expect.poll(() => caretParagraph(editor)).toBe("First paragraph.");
    moveCaret(1, 3);
    await expect.poll(() => caretParagraph(editor)).toBe("Second paragraph.");
  });

  it("stay on their text when the other person's own edits arrive before it", async () => {
    const { editor, remote, moveCaret } = twoPeople();
    moveCaret(1, 6);
    await expect.poll(() => caretParagraph(editor)).toBe("Second paragraph.");
    const fragment = remote.getXmlFragment("default");
    const second = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    // a remote edit in the same paragraph, before the caret
    second.insert(0, "The ");
    expect(editor.getText()).toContain("The Second paragraph.");
    expect(caretParagraph(editor)).toBe("The Second paragraph.");
    const caret = editor.view.dom.querySelector(".collaboration-carets__caret");
    expect(caret?.previousSibling?.textContent).toBe("The Second");
  });
});
