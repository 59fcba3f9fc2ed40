// @vitest-environment node
/// <reference path="../../../../shared/src/test/jsdom-node20.d.ts" />
import { documentExtensions } from "@parley/shared/schema/extensions";
import { readBlockSuggestion } from "@parley/shared/schema/suggestion";
import { checkSuggestionOnlyChange } from "@parley/shared/suggestions/suggestionRule";
import { installDom } from "@parley/shared/test/dom";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import type { Node as PMNode } from "@tiptap/pm/model";
import { TextSelection } from "@tiptap/pm/state";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FORMATTING_REFUSED } from "./refusals.js";
import { onSuggestingRefused, Suggesting, setEditorMode, untracked } from "./suggesting.js";
import type { SuggestionAuthor } from "./suggestionAuthor.js";

installDom();

const amira: SuggestionAuthor = { name: "Amira", party: "party-a", member: "m-amira" };
const kofi: SuggestionAuthor = { name: "Kofi", party: "party-b", member: "m-kofi" };

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function openOn(doc: Y.Doc): Editor {
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: [
      ...documentExtensions(),
      Collaboration.configure({ document: doc, field: "default" }),
      Suggesting,
    ],
  });
  editors.push(editor);
  return editor;
}

function open(paragraphs: string[], author: SuggestionAuthor = amira): Editor {
  const editor = openOn(new Y.Doc());
  editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "editing", author }));
  editors.push(editor);
  editor.commands.setContent({
    type: "doc",
    content: paragraphs.map((text) => ({
      type: "paragraph",
      content: text === "" ? [] : [{ type: "text", text }],
    })),
  });
  editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "suggesting", author }));
  return editor;
}

/** A readable picture: `[+new+]` insert, `[-old-]` delete, `{insert}`/`{delete}` block kinds. */
function picture(doc: PMNode): string[] {
  const lines: string[] = [];
  doc.forEach((block) => {
    const kind = readBlockSuggestion(block.attrs.suggestion)?.kind;
    let line = kind ? `{${kind}} ` : "";
    block.forEach((node) => {
      const text = node.text ?? "";
      const names = node.marks.map((m) => m.type.name);
      if (names.includes("suggestInsert")) line += `[+${text}+]`;
      else if (names.includes("suggestDelete")) line += `[-${text}-]`;
      else line += text;
    });
    lines.push(line);
  });
  return lines;
}

/** The suggestion ids in the text, in order of first appearance. */
function ids(doc: PMNode): string[] {
  const out = new Set<string>();
  doc.descendants((node) => {
    const block = readBlockSuggestion(node.attrs.suggestion);
    if (block) out.add(block.id);
    for (const mark of node.marks) if (mark.type.name.startsWith("suggest")) out.add(mark.attrs.id);
  });
  return [...out];
}

/** The server's rule accepts the change from `before` as the author's suggestion. */
function expectAllowed(editor: Editor, before: PMNode, author: SuggestionAuthor = amira) {
  const member = author.member ?? "";
  const result = checkSuggestionOnlyChange(before, editor.state.doc, { ...author, member });
  expect(result).toMatchObject({ ok: true });
}

function caretAt(editor: Editor, pos: number) {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
}

function type(editor: Editor, text: string) {
  for (const ch of text) {
    const { from, to } = editor.state.selection;
    editor.view.dispatch(editor.state.tr.insertText(ch, from, to));
  }
}

/**
 * A key press as a browser makes it: the editor's keymap first; a character that Backspace or
 * Delete removes inside text is the browser's own edit, which ProseMirror reads as a transaction.
 */
function press(editor: Editor, key: string, times = 1) {
  for (let i = 0; i < times; i++) {
    const before = editor.state;
    editor.commands.keyboardShortcut(key);
    if (editor.state.doc !== before.doc || !before.selection.empty) continue;
    const { $from, from } = before.selection;
    if (key === "Backspace" && $from.parentOffset > 0)
      editor.view.dispatch(editor.state.tr.delete(from - 1, from));
    if (key === "Delete" && $from.parentOffset < $from.parent.content.size)
      editor.view.dispatch(editor.state.tr.delete(from, from + 1));
  }
}

describe("Suggesting mode", () => {
  it("marks typed text as one insertion suggestion by the author", () => {
    const editor = open(["within 60 days"]);
    const before = editor.state.doc;
    caretAt(editor, 7); // after "within"
    type(editor, " all");
    expect(picture(editor.state.doc)).toEqual(["within[+ all+] 60 days"]);
    expect(ids(editor.state.doc)).toHaveLength(1);
    const mark = editor.state.doc.nodeAt(8)?.marks[0];
    expect(mark?.attrs).toMatchObject({ author: "Amira", party: "party-a", member: "m-amira" });
    expect(mark?.attrs.id).toMatch(/^s-[0-9a-z]{10}$/);
    expectAllowed(editor, before);
  });

  it("marks deleted text as a deletion suggestion and moves the caret past it", () => {
    const editor = open(["within 60 days"]);
    const before = editor.state.doc;
    caretAt(editor, 10); // after "60"
    press(editor, "Backspace", 3);
    expect(picture(editor.state.doc)).toEqual(["within[- 60-] days"]);
    expect(ids(editor.state.doc)).toHaveLength(1);
    expect(editor.state.selection.from).toBe(7);
    press(editor, "Delete");
    expect(editor.state.doc.textContent).toBe("within 60 days");
    expectAllowed(editor, before);
  });

  it("records a replaced selection as one suggestion: the deletion, then the insertion", () => {
    const editor = open(["within 60 days"]);
    const before = editor.state.doc;
    editor.view.dispatch(
      editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 8, 10)),
    );
    type(editor, "90");
    expect(picture(editor.state.doc)).toEqual(["within [-60-][+90+] days"]);
    expect(ids(editor.state.doc)).toHaveLength(1);
    expectAllowed(editor, before);
  });

  it("really removes the author's own suggested text, but only marks another author's", () => {
    const editor = open(["ab"]);
    const before = editor.state.doc;
    caretAt(editor, 2);
    type(editor, "XY");
    press(editor, "Backspace");
    expect(picture(editor.state.doc)).toEqual(["a[+X+]b"]);
    expectAllowed(editor, before);
    const beforeKofi = editor.state.doc;
    // Kofi deletes Amira's suggested X: his deletion suggestion on her insertion.
    editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "suggesting", author: kofi }));
    caretAt(editor, 3);
    press(editor, "Backspace");
    expect(editor.state.doc.textContent).toBe("aXb");
    const marks = editor.state.doc.nodeAt(2)?.marks.map((m) => m.type.name);
    expect(marks).toEqual(expect.arrayContaining(["suggestInsert", "suggestDelete"]));
    expectAllowed(editor, beforeKofi, kofi);
  });

  it("splits a paragraph as a block insertion suggestion (Enter)", () => {
    const editor = open(["first second"]);
    const before = editor.state.doc;
    caretAt(editor, 7);
    press(editor, "Enter");
    expect(picture(editor.state.doc)).toEqual(["first ", "{insert} second"]);
    type(editor, "new ");
    expect(picture(editor.state.doc)).toEqual(["first ", "{insert} [+new +]second"]);
    expect(ids(editor.state.doc)).toHaveLength(1);
    expectAllowed(editor, before);
  });

  it("joins paragraphs as a block deletion suggestion (Backspace at the start)", () => {
    const editor = open(["first", "second"]);
    const before = editor.state.doc;
    caretAt(editor, 8); // start of "second"
    press(editor, "Backspace");
    expect(picture(editor.state.doc)).toEqual(["first", "{delete} second"]);
    expect(editor.state.selection.from).toBe(6); // end of "first"
    expectAllowed(editor, before);
  });

  it("withdraws one's own split by joining it back", () => {
    const editor = open(["first second"]);
    const before = editor.state.doc;
    caretAt(editor, 7);
    press(editor, "Enter");
    press(editor, "Backspace");
    expect(picture(editor.state.doc)).toEqual(["first second"]);
    expectAllowed(editor, before);
  });

  it("inserts a new term as a block insertion suggestion", () => {
    const editor = open(["intro"]);
    const before = editor.state.doc;
    caretAt(editor, 3);
    editor.commands.insertTerm();
    const term = editor.state.doc.child(1);
    expect(term.type.name).toBe("term");
    expect(term.attrs.termId).toMatch(/^t-/);
    expect(readBlockSuggestion(term.attrs.suggestion)).toMatchObject({
      kind: "insert",
      author: "Amira",
    });
    expectAllowed(editor, before);
  });

  it("removes a term as a block deletion suggestion", () => {
    const editor = open(["intro"]);
    editor.view.dispatch(
      setEditorMode(editor.state.tr, { mode: "editing", author: amira }).insert(
        editor.state.doc.content.size,
        editor.schema.nodes.term!.create(
          null,
          editor.schema.nodes.paragraph!.create(null, editor.schema.text("Term text")),
        ),
      ),
    );
    editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "suggesting", author: amira }));
    const before = editor.state.doc;
    const termPos = editor.state.doc.child(0).nodeSize;
    const term = editor.state.doc.child(1);
    editor.view.dispatch(editor.state.tr.delete(termPos, termPos + term.nodeSize));
    const after = editor.state.doc.child(1);
    expect(after.type.name).toBe("term");
    expect(readBlockSuggestion(after.attrs.suggestion)?.kind).toBe("delete");
    expect(after.textContent).toBe("Term text");
    expectAllowed(editor, before);
  });

  it("refuses formatting with a hint, leaving the text unchanged", () => {
    const editor = open(["within 60 days"]);
    const hints: string[] = [];
    const stop = onSuggestingRefused((hint) => hints.push(hint));
    editor.view.dispatch(
      editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 1, 7)),
    );
    press(editor, "Mod-b");
    editor.commands.toggleItalic();
    editor.commands.setHeading({ level: 2 });
    stop();
    expect(hints).toEqual([FORMATTING_REFUSED, FORMATTING_REFUSED, FORMATTING_REFUSED]);
    expect(editor.getJSON().content?.[0]).toEqual({
      type: "paragraph",
      attrs: expect.anything(),
      content: [{ type: "text", text: "within 60 days" }],
    });
  });

  it("leaves decisions (untracked transactions) and Editing mode alone", () => {
    const editor = open(["abc"]);
    editor.view.dispatch(untracked(editor.state.tr.insertText("X", 2)));
    editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "editing", author: amira }));
    editor.view.dispatch(editor.state.tr.insertText("Y", 3));
    expect(picture(editor.state.doc)).toEqual(["aXYbc"]);
  });

  it("keeps the editor's own trailing paragraph out of the shared text unless editing", () => {
    const shared = new Y.Doc();
    const content = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "intro" }] },
        {
          type: "term",
          attrs: { termId: "t-0123456789" },
          content: [{ type: "paragraph", content: [{ type: "text", text: "Term" }] }],
        },
      ],
    };
    const editor = openOn(shared);
    prosemirrorJSONToYXmlFragment(editor.schema, content, shared.getXmlFragment("default"));
    const original = editor.schema.nodeFromJSON(content);
    expect(editor.state.doc.lastChild?.type.name).toBe("term");
    editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "suggesting", author: amira }));
    caretAt(editor, 6);
    type(editor, "!");
    expect(editor.state.doc.lastChild?.type.name).toBe("term");
    expectAllowed(editor, original);
    editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "editing", author: amira }));
    caretAt(editor, 3);
    expect(editor.state.doc.lastChild?.type.name).toBe("paragraph");
  });
});
