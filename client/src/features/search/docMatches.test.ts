// @vitest-environment node
import { exportSchema } from "@parley/shared/export/fromYDoc";
import { describe, expect, it } from "vitest";
import { findInDoc } from "./docMatches.js";

const schema = exportSchema();

function doc(content: unknown[]) {
  return schema.nodeFromJSON({ type: "doc", content });
}

const text = (t: string, marks?: unknown[]) => ({
  type: "text",
  text: t,
  ...(marks ? { marks } : {}),
});
const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const option = (t: string) => ({ type: "bracketOption", content: [text(t)] });

describe("findInDoc", () => {
  it("finds matches across marks, as document positions that slice back to the text", () => {
    const d = doc([
      { type: "heading", attrs: { level: 1 }, content: [text("Water")] },
      paragraph(text("The "), text("water", [{ type: "bold" }]), text(" board shares water.")),
    ]);
    const matches = findInDoc(d, "WATER");
    expect(matches).toHaveLength(3);
    expect(matches.map((m) => d.textBetween(m.from, m.to))).toEqual(["Water", "water", "water"]);
    const [boardMatch] = findInDoc(d, "water board");
    expect(d.textBetween(boardMatch!.from, boardMatch!.to)).toBe("water board");
  });

  it("finds text in bracket options and inside terms, never across two options", () => {
    const d = doc([
      {
        type: "term",
        attrs: { termId: "t-1" },
        content: [
          paragraph(
            text("Parties "),
            {
              type: "bracket",
              attrs: { bracketId: "b-1" },
              content: [option("shall"), option("should")],
            },
            text(" meet."),
          ),
        ],
      },
    ]);
    const [should] = findInDoc(d, "should");
    expect(d.textBetween(should!.from, should!.to)).toBe("should");
    expect(findInDoc(d, "shallshould")).toEqual([]);
    expect(findInDoc(d, "parties")).toHaveLength(1);
  });
});
