// @vitest-environment node
/// <reference path="../../../../shared/src/test/jsdom-node20.d.ts" />
import { addParty } from "@parley/shared/model/party";
import { setStance, stanceContext } from "@parley/shared/model/stance";
import { setTermStatus } from "@parley/shared/model/term";
import { documentExtensions } from "@parley/shared/schema/extensions";
import { installDom } from "@parley/shared/test/dom";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocJsonCache, FrameworkStore } from "./frameworkStore.js";

installDom();

const actor = { name: "Amira", party: null };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function open() {
  const framework = new Y.Doc();
  const discussion = new Y.Doc();
  const editor = new Editor({
    extensions: [...documentExtensions(), Collaboration.configure({ document: framework })],
  });
  editor.commands.setContent({
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "1. General" }] },
      {
        type: "term",
        attrs: { termId: "t-first", category: "general" },
        content: [{ type: "paragraph", content: [{ type: "text", text: "First." }] }],
      },
    ],
  });
  const store = new FrameworkStore(framework, discussion, editor);
  let calls = 0;
  store.subscribe(() => calls++);
  cleanups.push(() => {
    store.destroy();
    editor.destroy();
  });
  return { framework, discussion, editor, store, calls: () => calls };
}

describe("FrameworkStore", () => {
  it("numbers the terms of the text and renumbers after an edit", async () => {
    const { editor, store } = open();
    expect(store.getSnapshot().labels.get("t-first")).toBe("Art. 1.1");
    editor.commands.insertContentAt(0, {
      type: "term",
      attrs: { termId: "t-zero", category: "general" },
      content: [{ type: "paragraph", content: [{ type: "text", text: "Zero." }] }],
    });
    await expect.poll(() => store.getSnapshot().labels.get("t-zero")).toBe("Art. 1");
    expect(store.getSnapshot().labels.get("t-first")).toBe("Art. 1.1");
  });

  it("follows parties and statuses of the framework room, and stances of the discussion room", () => {
    const { framework, discussion, store, calls } = open();
    const before = store.getSnapshot();
    const party = addParty(framework, {
      name: "First Party",
      shortName: "FP",
      colour: "#1f5fa8",
      kind: "state",
      role: "party",
    });
    if (!party.ok) throw new Error(party.error.message);
    expect(store.getSnapshot().parties.map((p) => p.shortName)).toEqual(["FP"]);
    expect(setTermStatus(framework, "t-first", "agreed", { actor }).ok).toBe(true);
    expect(store.getSnapshot().statuses.get("t-first")).toMatchObject({
      valid: true,
      value: { status: "agreed" },
    });
    const stance = setStance(
      discussion,
      { termId: "t-first", partyId: party.value.id, stance: "rejects" },
      stanceContext(framework),
      { actor },
    );
    expect(stance.ok).toBe(true);
    expect(store.getSnapshot().stances).toHaveLength(1);
    expect(calls()).toBeGreaterThanOrEqual(3);
    // Fields whose source did not change keep their identity (selectors do not re-render).
    expect(store.getSnapshot().terms).toBe(before.terms);
  });

  it("stops listening when destroyed", () => {
    const { framework, store, calls } = open();
    store.destroy();
    const seen = calls();
    addParty(framework, {
      name: "Late",
      shortName: "LT",
      colour: "#000000",
      kind: "bloc",
      role: "observer",
    });
    expect(calls()).toBe(seen);
    expect(store.getSnapshot().parties).toEqual([]);
  });
});

describe("FrameworkStore and typing", () => {
  it("keeps parties, statuses and stances as they were when only the text changes", async () => {
    const { editor, store } = open();
    const before = store.getSnapshot();
    editor.commands.insertContentAt(editor.state.doc.content.size, {
      type: "paragraph",
      content: [{ type: "text", text: "More text." }],
    });
    await expect.poll(() => store.getSnapshot().json).not.toBe(before.json);
    const after = store.getSnapshot();
    expect(after.parties).toBe(before.parties);
    expect(after.statuses).toBe(before.statuses);
    expect(after.stances).toBe(before.stances);
    expect(after.resolutions).toBe(before.resolutions);
  });
});

describe("FrameworkStore under many edits", () => {
  it("reads a burst of edits once, and keeps the numbering while only a term's words change", async () => {
    const { editor, store, calls } = open();
    const before = store.getSnapshot();
    const seen = calls();
    let end = -1;
    editor.state.doc.descendants((node, pos) => {
      if (node.isText && node.text === "First.") end = pos + node.nodeSize;
    });
    for (const word of [" One", " two", " three"]) {
      editor.view.dispatch(editor.state.tr.insertText(word, end));
      end += word.length;
    }
    expect(editor.getText()).toContain("First. One two three");
    await expect.poll(() => store.getSnapshot().terms[0]?.text).toBe("First. One two three");
    expect(calls()).toBe(seen + 1);
    const after = store.getSnapshot();
    expect(after.json).not.toBe(before.json);
    expect(after.labels).toBe(before.labels);
    expect(after.labels.get("t-first")).toBe("Art. 1.1");
  });

  it("serializes again only the blocks that changed, and the JSON reads as the editor's", () => {
    const { editor } = open();
    const cache = new DocJsonCache();
    const first = cache.read(editor.state.doc);
    expect(first).toEqual(editor.getJSON());
    editor.commands.insertContentAt(editor.state.doc.content.size, {
      type: "paragraph",
      content: [{ type: "text", text: "Added." }],
    });
    const second = cache.read(editor.state.doc);
    expect(second).toEqual(editor.getJSON());
    // the heading did not change: its JSON is the same object
    expect(second.content?.[0]).toBe(first.content?.[0]);
  });
});
