/**
 * Stable term ids under concurrent edits: two headless Tiptap editors, each bound to its own
 * Y.Doc with Collaboration, synced by hand with Y.applyUpdate so the test decides what is
 * concurrent.
 */
import type { Editor, JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { collaborativeEditors, sync } from "../test/editors.js";

const makeEditor = collaborativeEditors();

function termIds(editor: Editor): unknown[] {
  const ids: unknown[] = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === "term") ids.push(node.attrs.termId);
    return true;
  });
  return ids;
}

function termPositions(editor: Editor): number[] {
  const out: number[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === "term") out.push(pos);
    return true;
  });
  return out;
}

const unique = (ids: unknown[]) =>
  new Set(ids).size === ids.length && ids.every((id) => typeof id === "string");

const start: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "1. General" }] },
    {
      type: "term",
      attrs: { termId: "t-original01", category: "general" },
      content: [{ type: "paragraph", content: [{ type: "text", text: "The Parties agree." }] }],
    },
    { type: "paragraph" },
  ],
};

/**
 * Two editors on two docs that share `start`, written by a third editor (so that neither A's nor
 * B's undo history holds it).
 */
function pair() {
  const seedDoc = new Y.Doc();
  const seed = makeEditor(seedDoc);
  seed.commands.setContent(start);
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  sync(seedDoc, docA);
  sync(seedDoc, docB);
  const a = makeEditor(docA);
  const b = makeEditor(docB);
  return { a, b, docA, docB };
}

describe("structural ids", () => {
  it("sets the category of the term at the selection", () => {
    const { a } = pair();
    const inside = (termPositions(a)[0] ?? 0) + 2;
    a.commands.setTextSelection(inside);
    expect(a.commands.setTermCategory("sequencing")).toBe(true);
    expect(a.state.doc.nodeAt(termPositions(a)[0] ?? 0)?.attrs.category).toBe("sequencing");
    a.commands.setTextSelection(2);
    expect(a.commands.setTermCategory("general")).toBe(false);
  });

  it("gives a new term an id at once", () => {
    const { a } = pair();
    a.commands.setTextSelection(a.state.doc.content.size - 1);
    a.commands.insertTerm({ category: "verification" });
    const ids = termIds(a);
    expect(ids).toHaveLength(2);
    expect(unique(ids)).toBe(true);
    expect(ids[0]).toBe("t-original01");
  });

  it("keeps ids distinct and identical on both sides when two people insert a term at the same place", async () => {
    const { a, b, docA, docB } = pair();
    const end = a.state.doc.content.size - 1;
    a.commands.setTextSelection(end);
    b.commands.setTextSelection(end);
    a.commands.insertTerm();
    b.commands.insertTerm();
    sync(docA, docB);
    await expect
      .poll(() => {
        sync(docA, docB);
        return termIds(a);
      })
      .toHaveLength(3);
    expect(unique(termIds(a))).toBe(true);
    expect(termIds(b)).toEqual(termIds(a));
  });

  it("repairs the same duplicate the same way on both sides (both paste one copied term)", async () => {
    const { a, b, docA, docB } = pair();
    const copied: JSONContent = {
      type: "term",
      attrs: { termId: "t-clipboard1", category: "guarantees" },
      content: [{ type: "paragraph", content: [{ type: "text", text: "Copied." }] }],
    };
    const end = a.state.doc.content.size;
    a.commands.insertContentAt(end, copied);
    b.commands.insertContentAt(end, copied);
    // Each side alone has no duplicate: the pasted id is kept.
    expect(termIds(a)).toContain("t-clipboard1");
    expect(termIds(b)).toContain("t-clipboard1");
    await expect
      .poll(() => {
        sync(docA, docB);
        return (
          unique(termIds(a)) &&
          unique(termIds(b)) &&
          JSON.stringify(termIds(a)) === JSON.stringify(termIds(b))
        );
      })
      .toBe(true);
    const ids = termIds(a);
    expect(ids).toHaveLength(3);
    // The earlier occurrence keeps the id; the later one gets the derived id.
    expect(ids.filter((id) => id === "t-clipboard1")).toHaveLength(1);
    expect(b.getJSON()).toEqual(a.getJSON());
  });

  it("gives a pasted copy of a term a new id and leaves the original's id alone", () => {
    const { a } = pair();
    const html = a.getHTML();
    expect(html).toContain('data-term-id="t-original01"');
    const termHtml = /<section[^>]*data-type="term"[^>]*>.*?<\/section>/.exec(html)?.[0] ?? "";
    // Paste the copy BEFORE the original: the copy must still be the one renamed.
    a.commands.setTextSelection(1);
    // jsdom has no ClipboardEvent; a plain paste event does for ProseMirror.
    a.view.pasteHTML(termHtml, new Event("paste") as ClipboardEvent);
    const ids = termIds(a);
    expect(ids).toHaveLength(2);
    expect(unique(ids)).toBe(true);
    const positions = termPositions(a);
    const originalAt = ids.indexOf("t-original01");
    expect(originalAt).toBeGreaterThanOrEqual(0);
    // The original is the later one here (the copy was pasted above it) and kept its id.
    expect(positions[originalAt]).toBe(Math.max(...positions));
  });

  it("does not resurrect a duplicate on undo/redo of a paste", () => {
    const { a } = pair();
    const pos = termPositions(a)[0] ?? 0;
    const slice = a.state.doc.slice(pos, pos + (a.state.doc.nodeAt(pos)?.nodeSize ?? 0));
    a.view.dispatch(a.state.tr.insert(a.state.doc.content.size, slice.content));
    const afterPaste = termIds(a);
    expect(unique(afterPaste)).toBe(true);
    a.commands.undo();
    expect(termIds(a)).toEqual(["t-original01"]);
    a.commands.redo();
    expect(termIds(a)).toEqual(afterPaste);
  });

  it("repairs a duplicate that an undo brings back, identically on both sides", async () => {
    const { a, b, docA, docB } = pair();
    // A deletes the term; B, not yet synced, pastes a copy of it (same id) at the end.
    const pos = termPositions(a)[0] ?? 0;
    const size = a.state.doc.nodeAt(pos)?.nodeSize ?? 0;
    a.view.dispatch(a.state.tr.delete(pos, pos + size));
    sync(docA, docB);
    expect(termIds(b)).toEqual([]);
    b.commands.insertContentAt(b.state.doc.content.size, start.content?.[1] ?? {});
    expect(termIds(b)).toEqual(["t-original01"]);
    sync(docA, docB);
    // A undoes its deletion: the original comes back next to B's copy with the same id.
    a.commands.undo();
    await expect
      .poll(() => {
        sync(docA, docB);
        const ids = termIds(a);
        return (
          ids.length === 2 && unique(ids) && JSON.stringify(ids) === JSON.stringify(termIds(b))
        );
      })
      .toBe(true);
    expect(termIds(a)[0]).toBe("t-original01");
  });

  it("gives a term stored without an id (old client) an id", async () => {
    const doc = new Y.Doc();
    const term = new Y.XmlElement("term");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("No id.")]);
    term.insert(0, [paragraph]);
    doc.getXmlFragment("default").insert(0, [term]);
    const editor = makeEditor(doc);
    // Written back to Yjs at once, without waiting for the person to type.
    await expect.poll(() => typeof term.getAttribute("termId")).toBe("string");
    expect(termIds(editor)).toEqual([term.getAttribute("termId")]);
  });
});
