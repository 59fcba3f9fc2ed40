import type { Actor } from "@parley/shared/model/actor";
import { wordRevisions } from "@parley/shared/test/export/wordRevisions";
import type { Comparison, TermChange } from "@parley/shared/versions/comparison";
import { diffText } from "@parley/shared/versions/wordDiff";
import { describe, expect, it } from "vitest";
import { renderComparisonDocx, revisionAuthor } from "./comparison.js";
import { unzipEntry } from "./unzipEntry.js";

const PARTIES = new Map([["p-a", "Alpha"]]);
const dana: Actor = { name: "Dana", party: "p-a" };
const eli: Actor = { name: "Eli\u0001", party: null };

function comparisonOf(terms: TermChange[]): Comparison {
  const zero = {
    termsChanged: 0,
    termsAdded: 0,
    termsRemoved: 0,
    termsMoved: 0,
    termsRenumbered: 0,
    bracketsResolved: 0,
    optionsAdded: 0,
    optionsDropped: 0,
    recordsAdded: 0,
    recordsRemoved: 0,
    recordsChanged: 0,
  };
  return {
    parties: [{ id: "p-a", name: "Alpha", shortName: "Alpha" }],
    terms,
    brackets: [],
    droppedOptions: [],
    sequencing: [],
    counts: zero,
    summary: "1 term changed",
    exact: true,
  };
}

const change = (text: [string, string], by?: Actor[]): TermChange => ({
  termId: "t-1",
  kinds: ["textChanged"],
  label: { from: "Art. 1", to: "Art. 1" },
  position: { from: 0, to: 0 },
  text: text[1],
  textDiff: diffText(...text),
  stances: [],
  ...(by ? { by } : {}),
});

describe("comparison DOCX", () => {
  it("names a revision's authors with their parties, or Parley when none is known", () => {
    expect(revisionAuthor([dana], PARTIES)).toBe("Dana (Alpha)");
    expect(revisionAuthor([dana, eli], PARTIES)).toBe("Dana (Alpha), Eli");
    expect(revisionAuthor(undefined, PARTIES)).toBe("Parley");
    expect(revisionAuthor([], PARTIES)).toBe("Parley");
  });

  it("writes valid XML from text and names carrying characters XML forbids", async () => {
    const docx = await renderComparisonDocx(
      comparisonOf([change(["a\u0002 b", "a\u0002 c\uFFFF"], [eli])]),
      { title: "T\u0000", fromName: "R\u00071", toName: "Now", at: "2026-12-06T09:00:00.123Z" },
    );
    // The strict parser throws on a forbidden character.
    expect(wordRevisions(unzipEntry(docx, "word/document.xml"))).toEqual([
      expect.objectContaining({ tag: "w:del", text: " b", author: "Eli" }),
      expect.objectContaining({ tag: "w:ins", text: " c", date: "2026-12-06T09:00:00Z" }),
    ]);
  });
});
