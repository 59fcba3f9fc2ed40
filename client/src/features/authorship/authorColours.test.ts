// @vitest-environment node
/// <reference path="../../../../shared/src/test/jsdom-node20.d.ts" />
import { documentFragment } from "@parley/shared/model/maps";
import { documentExtensions } from "@parley/shared/schema/extensions";
import { installDom } from "@parley/shared/test/dom";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import type { DecorationSet } from "@tiptap/pm/view";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import {
  AuthorColours,
  type AuthorLook,
  authorColoursKey,
  REBUILD_MS,
  runAttrs,
  setAuthorColours,
  unknownWriters,
} from "./authorColours.js";

installDom();

const parties = {
  names: new Map([["party-a", "FP"]]),
  colours: new Map([["party-a", "#1f5fa8"]]),
};
const dana = { client: 101, name: "Dana", party: "party-a" };

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
  vi.useRealTimers();
});

/** An editor on a doc whose paragraph "Hello " was written by client 101 and "world" by 202. */
function open(): { editor: Editor; doc: Y.Doc } {
  const doc = new Y.Doc();
  doc.clientID = 101;
  const schemaEditor = new Editor({ extensions: documentExtensions() });
  prosemirrorJSONToYXmlFragment(
    schemaEditor.schema,
    { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hello " }] }] },
    documentFragment(doc),
  );
  schemaEditor.destroy();
  const other = new Y.Doc();
  other.clientID = 202;
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  ((documentFragment(other).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(6, "world");
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: [
      ...documentExtensions(),
      Collaboration.configure({ document: doc, field: "default" }),
      AuthorColours,
    ],
  });
  editors.push(editor);
  return { editor, doc };
}

function shown(editor: Editor): Array<[string, string | undefined]> {
  const set = authorColoursKey.getState(editor.state)?.decorations as DecorationSet;
  return set.find().map((d) => {
    const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    return [editor.state.doc.textBetween(d.from, d.to), attrs["data-author"]];
  });
}

describe("colour by author", () => {
  it("is off by default and tints each writer's text once switched on", () => {
    const { editor } = open();
    expect(shown(editor)).toEqual([]);
    const look: AuthorLook = { writers: new Map([[101, dana]]), parties };
    editor.view.dispatch(setAuthorColours(editor.state.tr, look));
    expect(shown(editor)).toEqual([
      ["Hello ", "Dana"],
      ["world", ""],
    ]);
    // 202 is not named yet: the toggle asks the server again.
    expect(unknownWriters(editor.state)).toBe(1);
    editor.view.dispatch(setAuthorColours(editor.state.tr, null));
    expect(shown(editor)).toEqual([]);
    expect(unknownWriters(editor.state)).toBe(0);
  });

  it("maps the tints through edits and reads the runs again after a pause", () => {
    vi.useFakeTimers();
    const { editor } = open();
    const look: AuthorLook = {
      writers: new Map([
        [101, dana],
        [202, { client: 202, name: "Ivan", party: "party-a" }],
      ]),
      parties,
    };
    editor.view.dispatch(setAuthorColours(editor.state.tr, look));
    editor.commands.insertContentAt(1, "Oh ");
    // Mapped: Dana's own new words stay untinted until the runs are read again.
    expect(shown(editor)).toEqual([
      ["Hello ", "Dana"],
      ["world", "Ivan"],
    ]);
    vi.advanceTimersByTime(REBUILD_MS);
    expect(shown(editor)).toEqual([
      ["Oh Hello ", "Dana"],
      ["world", "Ivan"],
    ]);
  });

  it("says who wrote a passage on hover, in the writer's party colour", () => {
    expect(runAttrs(dana, parties)).toEqual({
      class: "authored",
      style: "--author: #1f5fa8",
      title: "Written by Dana (FP)",
      "data-author": "Dana",
      "data-author-party": "party-a",
    });
    expect(runAttrs({ client: 1, name: "Mo", party: null }, parties).title).toBe(
      "Written by Mo (Mediation)",
    );
    expect(runAttrs(undefined, parties).class).toContain("authored-unknown");
  });
});
