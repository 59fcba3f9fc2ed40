// @vitest-environment node
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { bracketTerms, describeReferences } from "./referenceText.js";

const option = (id: string, text: string): JSONContent => ({
  type: "bracketOption",
  attrs: { optionId: id, proposedBy: "p-a", supportedBy: [], opposedBy: [] },
  content: [{ type: "text", text }],
});

const doc: JSONContent = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        {
          type: "bracket",
          attrs: { bracketId: "b-out" },
          content: [option("o-1", "x"), option("o-2", "y")],
        },
      ],
    },
    {
      type: "term",
      attrs: { termId: "t-1", category: "general" },
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "bracket",
              attrs: { bracketId: "b-in" },
              content: [option("o-3", "a"), option("o-4", "b")],
            },
          ],
        },
      ],
    },
  ],
};

describe("party references in words", () => {
  it("finds the term around each bracket", () => {
    expect(bracketTerms(doc)).toEqual(
      new Map([
        ["b-out", null],
        ["b-in", "t-1"],
      ]),
    );
  });

  it("says what refers to the party, by article number, merging repeats", () => {
    const labels = new Map([["t-1", "Art. 1.1"]]);
    const lines = describeReferences(
      [
        { kind: "stance", termId: "t-1" },
        { kind: "stance", termId: "t-gone" },
        { kind: "optionProposer", bracketId: "b-in", optionId: "o-3" },
        { kind: "optionSupporter", bracketId: "b-in", optionId: "o-4" },
        { kind: "optionSupporter", bracketId: "b-in", optionId: "o-3" },
        { kind: "optionOpponent", bracketId: "b-out", optionId: "o-1" },
      ],
      doc,
      labels,
    );
    expect(lines).toEqual([
      "Stance on Art. 1.1",
      "Stance on a term no longer in the text",
      "Proposed an option in a bracket in Art. 1.1",
      "Supports an option in a bracket in Art. 1.1 (2×)",
      "Opposes an option in a bracket in the text outside terms",
    ]);
  });
});
