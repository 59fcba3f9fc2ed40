import { documentFragment } from "@parley/shared/model/maps";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FragmentNodes, gateSchema } from "./fragmentNodes.js";

const AT = "2026-12-06T08:00:00.000Z";
const anna = { id: "s-1", author: "Anna", party: "p-a", member: "m-anna", at: AT };

const content = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Sequencing" }] },
    {
      type: "term",
      attrs: { termId: "t-1", category: "general" },
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Payment " },
            {
              type: "text",
              text: "within 60",
              marks: [{ type: "bold" }, { type: "suggestDelete", attrs: anna }],
            },
            { type: "text", text: "within 90", marks: [{ type: "suggestInsert", attrs: anna }] },
            {
              type: "text",
              text: " days",
              marks: [
                { type: "comment", attrs: { threadId: "c-1" } },
                { type: "comment", attrs: { threadId: "c-2" } },
              ],
            },
          ],
        },
      ],
    },
    {
      type: "paragraph",
      attrs: { suggestion: JSON.stringify({ kind: "insert", ...anna }) },
      content: [{ type: "text", text: "New" }],
    },
    {
      type: "bulletList",
      content: [
        {
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: "item" }] }],
        },
      ],
    },
  ],
};

/** The content written by y-tiptap, as the editor's binding writes it. */
function written(): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(gateSchema(), content, documentFragment(doc));
  return doc;
}

describe("FragmentNodes", () => {
  it("reads the text as y-tiptap does, without writing to the doc", () => {
    const doc = written();
    const state = Y.encodeStateVector(doc);
    const nodes = new FragmentNodes();
    const read = nodes.document(doc);
    expect(read.problems).toEqual(new Set());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const expected = yXmlFragmentToProseMirrorRootNode(documentFragment(copy), gateSchema());
    expect(read.node.toJSON()).toEqual(expected.toJSON());
    expect(Y.encodeStateVector(doc)).toEqual(state);
  });

  it("rebuilds only the blocks a transaction changed, and reports what the schema cannot hold", () => {
    const doc = written();
    const nodes = new FragmentNodes();
    const first = nodes.document(doc).node;
    const term = documentFragment(doc).get(1) as Y.XmlElement;
    ((term.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Net ");
    const second = nodes.document(doc).node;
    expect(second.child(0)).toBe(first.child(0));
    expect(second.child(1)).not.toBe(first.child(1));
    expect(second.child(1).textContent.startsWith("Net Payment")).toBe(true);
    (documentFragment(doc).get(0) as Y.XmlElement).setAttribute("onclick", "x");
    documentFragment(doc).push([new Y.XmlElement("script")]);
    expect([...nodes.document(doc).problems].map((p) => p.split(": ")[1])).toEqual([
      'attribute "onclick"',
      'node "script"',
    ]);
  });
});
