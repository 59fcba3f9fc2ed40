/**
 * The decoration plugins of the framework text (bracket options by proposer, comment highlights)
 * draw on the right text after remote edits inside, before and between the blocks they decorate:
 * the same places a reading of the whole document gives.
 */
import { collectAnchors } from "@parley/shared/comments/anchors";
import type { Party } from "@parley/shared/model/party";
import { documentExtensions } from "@parley/shared/schema/extensions";
import { NODE } from "@parley/shared/schema/nodeNames";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import type { DecorationSet } from "@tiptap/pm/view";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CommentController, commentUiKey, setHighlights } from "../comments/commentController.js";
import {
  PartyDecorations,
  partyDecorationsKey,
  setDecorationParties,
} from "../parties/partyDecorations.js";

const party: Party = {
  id: "party-a",
  name: "First Party",
  shortName: "FP",
  colour: "#1f5fa8",
  kind: "state",
  role: "party",
  removedAt: null,
};

const text = (t: string, marks?: { type: string; attrs: Record<string, string> }[]) => ({
  type: "text",
  text: t,
  ...(marks ? { marks } : {}),
});

const DOC = {
  type: "doc",
  content: [
    { type: "paragraph", content: [text("Opening words.")] },
    {
      type: "paragraph",
      content: [
        text("Within "),
        {
          type: "bracket",
          attrs: { bracketId: "b-aaaaaaaa" },
          content: [
            {
              type: "bracketOption",
              attrs: {
                optionId: "o-aaaaaaaa",
                proposedBy: "party-a",
                supportedBy: [],
                opposedBy: [],
              },
              content: [text("thirty days")],
            },
          ],
        },
        text(" of the "),
        text("request", [{ type: "comment", attrs: { threadId: "c-aaaaaaaa" } }]),
        text("."),
      ],
    },
  ],
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function open() {
  const doc = new Y.Doc();
  const remote = new Y.Doc();
  doc.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(remote, u, "local");
  });
  remote.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "local") Y.applyUpdate(doc, u, "remote");
  });
  const comments = new CommentController();
  const element = document.createElement("div");
  document.body.append(element);
  cleanups.push(() => element.remove());
  const editor = new Editor({
    element,
    extensions: [
      ...documentExtensions(),
      PartyDecorations,
      comments.extension,
      Collaboration.configure({ document: doc }),
    ],
  });
  cleanups.push(() => editor.destroy());
  editor.commands.setContent(DOC);
  editor.view.dispatch(setDecorationParties(editor.state.tr, [party]));
  setHighlights(editor.view, { visible: new Set(["c-aaaaaaaa"]) });
  // this person's caret in the first block, away from the blocks the remote person changes
  editor.commands.setTextSelection(1);
  return { editor, remote: remote.getXmlFragment("default") };
}

const spans = (set: DecorationSet | undefined) =>
  (set?.find() ?? []).map((d) => [d.from, d.to]).sort((a, b) => a[0]! - b[0]!);

/** Where the whole document says the options and the anchored text are. */
function expected(editor: Editor) {
  const options: number[][] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === NODE.bracketOption) options.push([pos, pos + node.nodeSize]);
  });
  const anchors = collectAnchors(editor.state.doc).flatMap((a) =>
    a.spans.map((s) => [s.from, s.to]),
  );
  return { options, anchors };
}

function drawn(editor: Editor) {
  return {
    options: spans(partyDecorationsKey.getState(editor.state)?.decorations),
    anchors: spans(commentUiKey.getState(editor.state)?.decorations),
  };
}

function remoteText(fragment: Y.XmlFragment, block: number): Y.XmlText {
  const element = fragment.get(block);
  const first = element instanceof Y.XmlElement ? element.get(0) : null;
  if (!(first instanceof Y.XmlText)) throw new Error(`no text in block ${block}`);
  return first;
}

describe("decorations under remote edits", () => {
  it("stay on their options and anchored text through remote edits", () => {
    const { editor, remote } = open();
    expect(drawn(editor)).toEqual(expected(editor));
    expect(drawn(editor).options).toHaveLength(1);
    expect(drawn(editor).anchors).toHaveLength(1);

    // in the block before
    remoteText(remote, 0).insert(0, "Some ");
    expect(editor.getText()).toContain("Some Opening");
    expect(drawn(editor)).toEqual(expected(editor));

    // a new block before both
    const block = new Y.XmlElement("paragraph");
    block.insert(0, [new Y.XmlText("A preamble.")]);
    remote.insert(0, [block]);
    expect(drawn(editor)).toEqual(expected(editor));

    // inside the decorated block, before the option and the anchor
    remoteText(remote, 2).insert(0, "Only ");
    expect(editor.getText()).toContain("Only Within");
    expect(drawn(editor)).toEqual(expected(editor));

    // the block removed: nothing left to draw
    remote.delete(2, 1);
    expect(drawn(editor)).toEqual({ options: [], anchors: [] });
  });

  it("redraw a new option, and an option whose proposer or supporters another person changed", () => {
    const { editor, remote } = open();
    const option = () => editor.view.dom.querySelector<HTMLElement>("[data-proposer]");
    expect(option()?.getAttribute("title")).toBe("Proposed by FP");

    const paragraph = remote.get(1) as Y.XmlElement;
    const bracket = paragraph.toArray().find((c) => c instanceof Y.XmlElement) as Y.XmlElement;
    const second = new Y.XmlElement("bracketOption");
    second.setAttribute("optionId", "o-bbbbbbbb");
    second.setAttribute("proposedBy", "party-a");
    second.insert(0, [new Y.XmlText("sixty days")]);
    bracket.push([second]);
    expect(editor.getText()).toContain("sixty days");
    expect(drawn(editor)).toEqual(expected(editor));
    expect(drawn(editor).options).toHaveLength(2);

    const first = bracket.get(0) as Y.XmlElement;
    first.setAttribute("supportedBy", ["party-a"] as unknown as string);
    expect(option()?.getAttribute("title")).toBe("Proposed by FP\nSupported by FP");

    first.setAttribute("proposedBy", "party-zz");
    expect(option()?.getAttribute("data-proposer")).toBe("unknown");
    expect(option()?.classList.contains("bracket-option-invalid")).toBe(true);
    expect(drawn(editor)).toEqual(expected(editor));
  });
});
