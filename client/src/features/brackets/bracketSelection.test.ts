// @vitest-environment node
import { documentExtensions } from "@parley/shared/schema/extensions";
import { getSchema, type JSONContent } from "@tiptap/core";
import { EditorState, NodeSelection, TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { bracketsAtSelection } from "./bracketSelection.js";

const schema = getSchema(documentExtensions());

const option = (id: string, content: JSONContent[], proposedBy: unknown = null): JSONContent => ({
  type: "bracketOption",
  attrs: { optionId: id, proposedBy, supportedBy: [], opposedBy: [] },
  content,
});

// "The Party [[shall][must]][should] act." inside term t-1; the bracket is at position 12.
const json: JSONContent = {
  type: "doc",
  content: [
    {
      type: "term",
      attrs: { termId: "t-1", category: "general" },
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "The Party " },
            {
              type: "bracket",
              attrs: { bracketId: "b-outer" },
              content: [
                option("o-1", [
                  {
                    type: "bracket",
                    attrs: { bracketId: "b-inner" },
                    content: [
                      option("o-3", [{ type: "text", text: "shall" }], "p-a"),
                      option("o-4", [{ type: "text", text: "must" }], 7),
                    ],
                  },
                ]),
                option("o-2", [{ type: "text", text: "should" }], "p-b"),
              ],
            },
            { type: "text", text: " act." },
          ],
        },
      ],
    },
  ],
};

function stateAt(find: string): EditorState {
  const doc = schema.nodeFromJSON(json);
  let pos = -1;
  doc.descendants((node, at) => {
    if (pos < 0 && node.isText && node.text?.includes(find))
      pos = at + (node.text.indexOf(find) ?? 0) + 1;
    return pos < 0;
  });
  return EditorState.create({ doc, selection: TextSelection.create(doc, pos) });
}

describe("brackets at the selection", () => {
  it("is empty outside brackets", () => {
    expect(bracketsAtSelection(stateAt("act"))).toEqual([]);
  });

  it("lists the brackets around the cursor innermost first, with their term", () => {
    const brackets = bracketsAtSelection(stateAt("must"));
    expect(brackets.map((b) => [b.bracketId, b.depth, b.termId])).toEqual([
      ["b-inner", 1, "t-1"],
      ["b-outer", 0, "t-1"],
    ]);
    expect(brackets[1]?.options.map((o) => o.text)).toEqual(["[shall / must]", "should"]);
  });

  it("reads option attributes without throwing on bad ones", () => {
    const [inner] = bracketsAtSelection(stateAt("shall"));
    expect(inner?.options[0]?.attrs.proposedBy).toEqual({ valid: true, value: "p-a" });
    expect(inner?.options[1]?.attrs.proposedBy.valid).toBe(false);
    expect(inner?.options[1]?.optionId).toBe("o-4");
  });

  it("includes a bracket that is itself selected", () => {
    const doc = schema.nodeFromJSON(json);
    let pos = -1;
    doc.descendants((node, at) => {
      if (pos < 0 && node.type.name === "bracket") pos = at;
      return pos < 0;
    });
    const state = EditorState.create({ doc, selection: NodeSelection.create(doc, pos) });
    expect(bracketsAtSelection(state).map((b) => b.bracketId)).toEqual(["b-outer"]);
  });
});
