import { act, useState } from "react";
import { createRoot } from "react-dom/client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Awareness } from "y-protocols/awareness";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { mountCollaborativeEditor } from "../test/collaborativeEditor.js";
import { hideSelectionFromReact } from "./reactCommitSelection.js";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has no `contentEditable` property (React then never walks); give it the browser's, which
// reflects the attribute, for this file.
const hadProperty = "contentEditable" in HTMLElement.prototype;
beforeAll(() => {
  if (hadProperty) return;
  Object.defineProperty(HTMLElement.prototype, "contentEditable", {
    configurable: true,
    get(this: HTMLElement) {
      const value = this.getAttribute("contenteditable");
      return value === null ? "inherit" : value === "" ? "true" : value;
    },
    set(this: HTMLElement, value: string) {
      this.setAttribute("contenteditable", value);
    },
  });
});
afterAll(() => {
  if (!hadProperty) Reflect.deleteProperty(HTMLElement.prototype, "contentEditable");
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.restoreAllMocks();
});

function editorWithText() {
  const doc = new Y.Doc();
  const provider = { awareness: new Awareness(doc) } as unknown as WebsocketProvider;
  const { editor, destroy } = mountCollaborativeEditor(doc, provider);
  cleanups.push(destroy);
  editor.commands.setContent("<p>First paragraph.</p><p>Second paragraph.</p>");
  return editor;
}

function Counter({ onBump }: { onBump: (bump: () => void) => void }) {
  const [n, setN] = useState(0);
  onBump(() => setN((v) => v + 1));
  return <span>{n}</span>;
}

/** A React panel beside the editor, and a way to make it commit. */
function panel() {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  let bump: () => void = () => {};
  act(() =>
    root.render(
      <Counter
        onBump={(b) => {
          bump = b;
        }}
      />,
    ),
  );
  cleanups.push(() => {
    act(() => root.unmount());
    host.remove();
  });
  return { commit: () => act(() => bump()), text: () => host.textContent };
}

/** How often React asked for the document's selection during one commit of the panel. */
function selectionReadsDuringCommit(commit: () => void): number {
  const spy = vi.spyOn(window, "getSelection");
  commit();
  const reads = spy.mock.calls.length;
  spy.mockRestore();
  return reads;
}

describe("React's commits and the editor's selection", () => {
  it("a panel's commit reads no selection offsets from the focused editor", () => {
    const editor = editorWithText();
    const { commit, text } = panel();
    editor.view.dom.focus();
    expect(document.activeElement).toBe(editor.view.dom);

    expect(selectionReadsDuringCommit(commit)).toBe(0);
    expect(text()).toBe("1");
  });

  it("without it, React walks the focused editor's text to read the selection (the cost it avoids)", () => {
    const element = document.createElement("div");
    element.setAttribute("contenteditable", "true");
    element.innerHTML = "<p>First paragraph.</p>";
    document.body.append(element);
    cleanups.push(() => element.remove());
    const { commit } = panel();
    element.focus();
    expect(selectionReadsDuringCommit(commit)).toBeGreaterThan(0);

    hideSelectionFromReact(element);
    expect(selectionReadsDuringCommit(commit)).toBe(0);
  });

  it("the editor stays editable and its editable switch still reaches the DOM", () => {
    const editor = editorWithText();
    const dom = editor.view.dom;
    expect(dom.getAttribute("contenteditable")).toBe("true");
    expect(dom.contentEditable).toBe("inherit");

    editor.setEditable(false);
    expect(dom.getAttribute("contenteditable")).toBe("false");
    editor.setEditable(true);
    expect(dom.getAttribute("contenteditable")).toBe("true");

    // setting the property still sets the attribute
    dom.contentEditable = "false";
    expect(dom.getAttribute("contenteditable")).toBe("false");
  });
});
