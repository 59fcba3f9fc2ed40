/**
 * Comment anchors under concurrent edits: two headless Tiptap editors, each bound to its own
 * Y.Doc with Collaboration, synced by hand with Y.applyUpdate so the test decides what is
 * concurrent. The anchor is written by `addCommentMark` straight onto the Yjs text.
 */
import type { Editor, JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { collaborativeEditors, sync } from "../test/editors.js";
import {
  anchorStateOf,
  collectAnchors,
  collectAnchorsFromJson,
  replaceableRange,
} from "./anchors.js";
import { createThread } from "./commands.js";
import {
  addCommentMark,
  COMMENT_FORMAT_PREFIX,
  commentFormatKey,
  removeCommentMark,
} from "./commentMark.js";
import { readThreads } from "./records.js";

const makeEditor = collaborativeEditors();

const start: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "1. General" }] },
    {
      type: "term",
      attrs: { termId: "t-original01", category: "general" },
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "The Parties " },
            { type: "text", text: "shall", marks: [{ type: "bold" }] },
            { type: "text", text: " agree on the sequence." },
          ],
        },
      ],
    },
    { type: "paragraph" },
  ],
};

function pair() {
  const seedDoc = new Y.Doc();
  const seed = makeEditor(seedDoc);
  seed.commands.setContent(start);
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  sync(seedDoc, docA);
  sync(seedDoc, docB);
  return { a: makeEditor(docA), b: makeEditor(docB), docA, docB };
}

/** ProseMirror positions of the first occurrence of `text` inside one text block. */
function rangeOf(editor: Editor, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found || !node.isTextblock) return !found;
    const index = node.textContent.indexOf(text);
    if (index >= 0) {
      // Inline content of this block is plain text (plus marks) in these tests.
      found = { from: pos + 1 + index, to: pos + 1 + index + text.length };
    }
    return false;
  });
  if (!found) throw new Error(`"${text}" not found`);
  return found;
}

function mark(editor: Editor, doc: Y.Doc, text: string, threadId: string): void {
  const result = addCommentMark(
    doc.getXmlFragment("default"),
    editor.schema,
    rangeOf(editor, text),
    threadId,
  );
  expect(result.ok).toBe(true);
}

function anchorText(editor: Editor, threadId: string): string | null {
  const state = anchorStateOf(threadId, collectAnchors(editor.state.doc));
  return state.kind === "anchored" ? state.anchor.text : null;
}

function typeAt(editor: Editor, pos: number, text: string): void {
  editor.chain().insertContentAt(pos, text).run();
}

describe("addCommentMark", () => {
  it("anchors the thread in both editors, across marks of other kinds", () => {
    const { a, b, docA, docB } = pair();
    mark(a, docA, "Parties shall agree", "c-one");
    expect(anchorText(a, "c-one")).toBe("Parties shall agree");
    sync(docA, docB);
    expect(anchorText(b, "c-one")).toBe("Parties shall agree");
    const [anchor] = collectAnchors(b.state.doc);
    expect(anchor?.spans).toHaveLength(1);
    expect(anchor?.termId).toBe("t-original01");
    // The bold on "shall" is still there.
    const shall = b.state.doc.nodeAt(rangeOf(b, "shall").from);
    expect(shall?.marks.map((m) => m.type.name).sort()).toEqual(["bold", "comment"]);
  });

  it("produces an update that only formats existing text with `comment--` keys", () => {
    const { a, docA } = pair();
    const before = Y.encodeStateVector(docA);
    mark(a, docA, "agree on", "c-one");
    const update = Y.encodeStateAsUpdate(docA, before);
    const { structs, ds } = Y.decodeUpdate(update);
    expect(structs.length).toBeGreaterThan(0);
    for (const struct of structs) {
      expect(struct).toBeInstanceOf(Y.Item);
      const content = (struct as Y.Item).content;
      expect(content).toBeInstanceOf(Y.ContentFormat);
      expect((content as Y.ContentFormat).key.startsWith(COMMENT_FORMAT_PREFIX)).toBe(true);
    }
    // Nothing deleted: no text, no element, no other formatting.
    expect(ds.clients.size).toBe(0);
    // Removing the anchor is format-only too.
    const beforeRemoval = Y.encodeStateVector(docA);
    expect(removeCommentMark(docA.getXmlFragment("default"), "c-one")).toBe("agree on".length);
    for (const struct of Y.decodeUpdate(Y.encodeStateAsUpdate(docA, beforeRemoval)).structs) {
      expect(((struct as Y.Item).content as Y.ContentFormat).key).toBe(commentFormatKey("c-one"));
    }
    expect(collectAnchors(a.state.doc)).toEqual([]);
  });

  it("uses the key y-prosemirror gives the same mark, so the editor's own writes agree", () => {
    const { a, docA } = pair();
    const { from, to } = rangeOf(a, "agree");
    a.chain().setTextSelection({ from, to }).setMark("comment", { threadId: "c-pm" }).run();
    const keys = new Set<string>();
    const walk = (node: Y.XmlElement | Y.XmlFragment) => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlText) {
          for (const op of child.toDelta() as { attributes?: Record<string, unknown> }[]) {
            for (const key of Object.keys(op.attributes ?? {})) keys.add(key);
          }
        } else if (child instanceof Y.XmlElement) walk(child);
      }
    };
    walk(docA.getXmlFragment("default"));
    expect(keys).toContain(commentFormatKey("c-pm"));
  });

  it("refuses a range without text and a bad thread id, writing nothing", () => {
    const { a, docA } = pair();
    const before = Y.encodeStateVector(docA);
    const fragment = docA.getXmlFragment("default");
    expect(addCommentMark(fragment, a.schema, { from: 0, to: 0 }, "c-one").ok).toBe(false);
    expect(addCommentMark(fragment, a.schema, rangeOf(a, "agree"), "not an id!").ok).toBe(false);
    expect(Y.encodeStateAsUpdate(docA, before).length).toBeLessThanOrEqual(2);
  });
});

describe("anchors under concurrent edits", () => {
  it("moves with text inserted before, inside and after the anchor", () => {
    const { a, b, docA, docB } = pair();
    mark(a, docA, "agree", "c-one");
    // Concurrently, B types before, inside and after the span.
    typeAt(b, rangeOf(b, "on the sequence").to, " of steps");
    typeAt(b, rangeOf(b, "agree").from + 2, "--");
    typeAt(b, rangeOf(b, "The").from, "Both: ");
    sync(docA, docB);
    expect(a.state.doc.textContent).toBe(b.state.doc.textContent);
    expect(a.state.doc.textContent).toContain(
      "Both: The Parties shall ag--ree on the sequence of steps.",
    );
    expect(anchorText(a, "c-one")).toBe("ag--ree");
    expect(anchorText(b, "c-one")).toBe("ag--ree");
  });

  it("does not grow when someone types right at its edges", () => {
    const { a, b, docA, docB } = pair();
    mark(a, docA, "agree", "c-one");
    sync(docA, docB);
    const { from, to } = rangeOf(b, "agree");
    typeAt(b, to, "d");
    typeAt(b, from, "X");
    sync(docA, docB);
    expect(anchorText(a, "c-one")).toBe("agree");
    expect(anchorText(b, "c-one")).toBe("agree");
  });

  it("follows the anchored paragraph when it is split and joined", () => {
    const { a, b, docA, docB } = pair();
    mark(a, docA, "Parties shall agree", "c-one");
    sync(docA, docB);
    // B splits the paragraph inside the anchor ("Parties sh|all agree").
    const split = rangeOf(b, "shall").from + 2;
    b.chain().setTextSelection(split).splitBlock().run();
    sync(docA, docB);
    const spans = collectAnchors(a.state.doc)[0]?.spans.map((s) => s.text);
    expect(spans).toEqual(["Parties sh", "all agree"]);
    expect(collectAnchors(b.state.doc)[0]?.spans.map((s) => s.text)).toEqual(spans);
    // A joins them again.
    const joinAt = rangeOf(a, "all agree").from;
    a.chain().setTextSelection(joinAt).joinBackward().run();
    sync(docA, docB);
    expect(anchorText(b, "c-one")).toBe("Parties shall agree");
    expect(collectAnchors(b.state.doc)[0]?.spans).toHaveLength(1);
  });

  it("detaches, but keeps, a thread whose anchored text was deleted entirely", () => {
    const { a, b, docA, docB } = pair();
    const discussion = new Y.Doc();
    const created = createThread(
      discussion,
      { threadId: "c-one", body: "Why agree?", quote: "agree", termId: "t-original01" },
      { actor: { name: "Amira", party: "north" }, authorId: "u-amira" },
    );
    expect(created.ok).toBe(true);
    mark(a, docA, "agree", "c-one");
    sync(docA, docB);
    // Concurrently: B deletes a range holding the whole anchor, A types elsewhere.
    const { from, to } = rangeOf(b, "shall agree on");
    b.chain().deleteRange({ from, to }).run();
    typeAt(a, rangeOf(a, "General").to, " provisions");
    sync(docA, docB);
    expect(anchorStateOf("c-one", collectAnchors(a.state.doc)).kind).toBe("detached");
    expect(anchorStateOf("c-one", collectAnchors(b.state.doc)).kind).toBe("detached");
    const [view] = readThreads(discussion).threads;
    expect(view?.thread.quote).toBe("agree");
    expect(view?.thread.body).toBe("Why agree?");
  });

  it("keeps two overlapping threads apart, also when written concurrently", () => {
    const { a, b, docA, docB } = pair();
    mark(a, docA, "Parties shall agree", "c-one");
    mark(b, docB, "agree on the sequence", "c-two");
    sync(docA, docB);
    for (const editor of [a, b]) {
      expect(anchorText(editor, "c-one")).toBe("Parties shall agree");
      expect(anchorText(editor, "c-two")).toBe("agree on the sequence");
    }
    // The shared word carries both marks.
    const agree = rangeOf(a, "agree");
    const ids = a.state.doc
      .nodeAt(agree.from)
      ?.marks.filter((m) => m.type.name === "comment")
      .map((m) => m.attrs.threadId)
      .sort();
    expect(ids).toEqual(["c-one", "c-two"]);
    // Removing one leaves the other whole.
    removeCommentMark(docB.getXmlFragment("default"), "c-one");
    sync(docA, docB);
    expect(anchorText(a, "c-one")).toBeNull();
    expect(anchorText(a, "c-two")).toBe("agree on the sequence");
  });
});

describe("anchors read block by block", () => {
  it("are where the text is after edits in other blocks and in their own", () => {
    const { a, docA } = pair();
    mark(a, docA, "agree", "c-one");
    const expected = (text: string) => {
      const range = rangeOf(a, text);
      return [
        {
          threadId: "c-one",
          spans: [{ ...range, text }],
          text,
          termId: "t-original01",
          from: range.from,
        },
      ];
    };
    expect(collectAnchors(a.state.doc)).toEqual(expected("agree"));
    // another block, before it: only the positions move
    typeAt(a, rangeOf(a, "General").from, "Part ");
    expect(a.state.doc.textContent).toContain("1. Part General");
    expect(collectAnchors(a.state.doc)).toEqual(expected("agree"));
    // its own block
    typeAt(a, rangeOf(a, "agree").from + 2, "--");
    expect(collectAnchors(a.state.doc)).toEqual(expected("ag--ree"));
    // a second thread in a block with no term
    typeAt(a, a.state.doc.content.size - 1, "Closing words.");
    mark(a, docA, "Closing", "c-two");
    const two = collectAnchors(a.state.doc);
    expect(two.map((x) => [x.threadId, x.text, x.termId])).toEqual([
      ["c-one", "ag--ree", "t-original01"],
      ["c-two", "Closing", null],
    ]);
  });
});

describe("anchors from JSON and replaceable ranges", () => {
  it("reads anchors, split spans and terms from ProseMirror JSON", () => {
    const { a, docA } = pair();
    mark(a, docA, "Parties shall", "c-one");
    mark(a, docA, "General", "c-two");
    const anchors = collectAnchorsFromJson(a.getJSON());
    expect(anchors).toEqual([
      { threadId: "c-two", spans: ["General"], text: "General", termId: null },
      {
        threadId: "c-one",
        spans: ["Parties shall"],
        text: "Parties shall",
        termId: "t-original01",
      },
    ]);
  });

  it("replaces only an anchor that lies inside one text block", () => {
    const { a, docA } = pair();
    mark(a, docA, "shall", "c-one");
    const [anchor] = collectAnchors(a.state.doc);
    if (!anchor) throw new Error("no anchor");
    expect(replaceableRange(a.state.doc, anchor)).toEqual(rangeOf(a, "shall"));
    a.chain()
      .setTextSelection(rangeOf(a, "shall").from + 2)
      .splitBlock()
      .run();
    const [split] = collectAnchors(a.state.doc);
    if (!split) throw new Error("no anchor");
    expect(replaceableRange(a.state.doc, split)).toBeNull();
  });
});
