import { describe, expect, it } from "vitest";
import { diffSegments, segmentsText } from "./diffSegments.js";
import { diffText, spaceBetween, tokenizeWords } from "./wordDiff.js";

/** A text spaced as `spaceBetween` spaces its words. */
const spaced = (text: string) =>
  tokenizeWords(text).reduce<{ out: string; prev: string | null }>(
    (acc, w) => ({ out: acc.out + (spaceBetween(acc.prev, w) ? " " : "") + w, prev: w }),
    { out: "", prev: null },
  ).out;

describe("diffSegments", () => {
  it.each([
    ["Sanctions are lifted in phase one.", "All sanctions are lifted in phase two."],
    ["a b c", "c"],
    ["a b c", "a"],
    ["", "new text"],
    ["old text", ""],
    ["Verification is [ monthly quarterly ] .", "Verification is [ monthly ] yearly."],
  ])("accepting every change gives the later text, rejecting them the earlier: %s → %s", (a, b) => {
    const segments = diffSegments(diffText(a, b));
    expect(segmentsText(segments, "after")).toBe(spaced(b));
    expect(segmentsText(segments, "before")).toBe(spaced(a));
  });

  it("keeps a replaced word's space inside its deletion and insertion", () => {
    expect(diffSegments(diffText("lifted in phase one.", "lifted in phase two."))).toEqual([
      { op: "equal", text: "lifted in phase" },
      { op: "delete", text: " one." },
      { op: "insert", text: " two." },
    ]);
  });
});
