import { describe, expect, it } from "vitest";
import { ALL_ON } from "../test/export/source.js";
import {
  ACCEPTED_LINES,
  AT_ANA,
  AT_BORIS,
  HOSTILE_AUTHOR,
  ORIGINAL_LINES,
  SUGGESTION_DOC,
  SUGGESTION_SOURCE,
} from "../test/export/suggestionFixtures.js";
import { buildExportModel, buildPlainModel } from "./buildModel.js";
import { inlineText } from "./inline.js";
import type { Block, ExportModel, Inline } from "./model.js";
import { countSuggestions, resolveSuggestions } from "./resolveSuggestions.js";
import { blockRuns } from "./walk.js";

/** One line per paragraph or heading, in document order. */
function lines(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b): string[] => {
    if (b.kind === "heading" || b.kind === "paragraph") return [inlineText(b.content)];
    if (b.kind === "list") return b.items.flatMap(lines);
    if (b.kind === "table") return b.rows.flatMap((r) => r.flatMap((c) => lines(c.blocks)));
    return lines(b.blocks);
  });
}

const model = (suggestions: "show" | "accepted" | "original"): ExportModel =>
  buildExportModel(SUGGESTION_SOURCE, { ...ALL_ON, suggestions });

const terms = (m: ExportModel) =>
  m.body.flatMap((b) => (b.kind === "term" ? [{ id: b.termId, label: b.label }] : []));

type Run = Extract<Inline, { kind: "text" }>;
const runs = (m: ExportModel): Run[] => [...blockRuns(m.body)];

describe("resolveSuggestions", () => {
  it("accepts every suggestion: insertions kept as plain text, deletions and removed blocks gone", () => {
    const accepted = model("accepted");
    expect(lines(accepted.body)).toEqual(ACCEPTED_LINES);
    expect(terms(accepted)).toEqual([
      { id: "t-one", label: "Art. 1.1" },
      { id: "t-new", label: "Art. 1.2" },
      { id: "t-last", label: "Art. 1.3" },
    ]);
    expect(runs(accepted).every((r) => !r.inserted && !r.deleted)).toBe(true);
  });

  it("rejects every suggestion: insertions and new blocks gone, a proposed break joined back", () => {
    const original = model("original");
    expect(lines(original.body)).toEqual(ORIGINAL_LINES);
    expect(terms(original)).toEqual([
      { id: "t-one", label: "Art. 1.1" },
      { id: "t-old", label: "Art. 1.2" },
      { id: "t-last", label: "Art. 1.3" },
    ]);
    expect(runs(original).every((r) => !r.inserted && !r.deleted)).toBe(true);
  });

  it("leaves no suggestion mark or attribute behind and does not change its input", () => {
    const before = JSON.stringify(SUGGESTION_DOC);
    for (const view of ["accepted", "original"] as const) {
      const json = JSON.stringify(resolveSuggestions(SUGGESTION_DOC, view));
      expect(json).not.toContain("suggestInsert");
      expect(json).not.toContain("suggestDelete");
      expect(json).not.toMatch(/"suggestion":"/);
    }
    expect(JSON.stringify(SUGGESTION_DOC)).toBe(before);
  });

  it("joins a paragraph whose removal is accepted to the one before; keeps it when none is", () => {
    const removed = JSON.stringify({
      kind: "delete",
      id: "s-j",
      author: "A",
      party: null,
      member: null,
      at: AT_ANA,
    });
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { suggestion: removed },
          content: [{ type: "text", text: "first" }],
        },
        { type: "paragraph", content: [{ type: "text", text: "one " }] },
        {
          type: "paragraph",
          attrs: { suggestion: removed },
          content: [{ type: "text", text: "two" }],
        },
      ],
    };
    const accepted = resolveSuggestions(doc, "accepted");
    expect(accepted.content?.map((p) => p.content?.map((t) => t.text).join(""))).toEqual([
      "first",
      "one two",
    ]);
    expect(resolveSuggestions(doc, "original").content).toHaveLength(3);
  });

  it("counts suggestions by id (a replacement is one)", () => {
    expect(countSuggestions(SUGGESTION_DOC)).toBe(8);
  });
});

describe("the export model with suggestions shown", () => {
  const shown = model("show");

  it("carries insert and delete spans with id, author and party label, time", () => {
    const all = runs(shown);
    const sixty = all.find((r) => r.text === "60");
    const ninety = all.find((r) => r.text === "90");
    expect(sixty?.deleted).toMatchObject({ id: "s-replace1", author: "Ana Lima (FP)", at: AT_ANA });
    expect(ninety?.inserted).toMatchObject({ id: "s-replace1", author: "Ana Lima (FP)" });
    expect(all.find((r) => r.text === " and report")?.deleted).toMatchObject({
      id: "s-delete1",
      author: "Boris Roe (SP)",
      at: AT_BORIS,
    });
    expect(all.find((r) => r.text === " online")?.inserted?.author).toBe(HOSTILE_AUTHOR);
  });

  it("gives the runs of a proposed article or list item the block's suggestion", () => {
    const article = shown.body.find((b) => b.kind === "term" && b.termId === "t-new");
    expect(article?.kind === "term" && article.suggestion).toMatchObject({
      kind: "insert",
      scope: "block",
      id: "s-newterm",
    });
    const removed = runs(shown).find((r) => r.text === "An article proposed for removal.");
    expect(removed?.deleted?.id).toBe("s-dropterm");
    const split = shown.body
      .flatMap((b) => (b.kind === "term" ? b.blocks : []))
      .find((b) => b.kind === "paragraph" && b.suggestion?.scope === "break");
    expect(split?.kind === "paragraph" && split.suggestion).toMatchObject({
      kind: "insert",
      id: "s-split1",
    });
  });

  it("lists the authors once each, in their party's colour", () => {
    expect(shown.suggestions.legend).toEqual([
      { author: "Ana Lima (FP)", party: "First Party", colour: "#1f5fa8" },
      { author: "Boris Roe (SP)", party: "Second Party", colour: "#b3412b" },
      { author: HOSTILE_AUTHOR, party: null, colour: "#5f6368" },
    ]);
  });

  it("lists the pending suggestions in order, a replacement as one", () => {
    expect(
      shown.suggestions.pending.map((p) => [p.kind, p.deleted, p.inserted, p.where, p.party]),
    ).toEqual([
      ["replace", "60", "90", "Art. 1.1", "FP"],
      ["delete", " and report", "", "Art. 1.1", "SP"],
      ["split", "", "", "Art. 1.1", "SP"],
      ["insert", "", "promptly ", "Art. 1.1", "SP"],
      ["insert", "", " online", "Art. 1.1", null],
      ["newBlock", "", "A new article on guarantees.", "Art. 1.2", "SP"],
      ["removeBlock", "An article proposed for removal.", "", "Art. 1.3", "FP"],
      ["newBlock", "", "Undeclared sites", "Art. 1.4", "FP"],
    ]);
    expect(shown.notes.at(-1)).toContain("8 pending suggestions");
  });

  it("names no one in a non-paper", () => {
    const nonPaper = buildExportModel(SUGGESTION_SOURCE, { ...ALL_ON, nonPaper: true });
    expect(nonPaper.suggestions.legend).toEqual([
      { author: "Participant", party: null, colour: "#3465a4" },
    ]);
    expect(new Set(runs(nonPaper).flatMap((r) => [r.inserted?.author, r.deleted?.author]))).toEqual(
      new Set([undefined, "Participant"]),
    );
    expect(JSON.stringify(nonPaper)).not.toContain("Ana Lima");
  });

  it("reads malformed stored attributes without failing: a bad time becomes the version's", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "x", marks: [{ type: "suggestInsert", attrs: { at: "soon" } }] },
          ],
        },
      ],
    };
    const m = buildExportModel({ ...SUGGESTION_SOURCE, doc }, { ...ALL_ON });
    expect(runs(m)[0]?.inserted).toMatchObject({
      author: "Unknown author",
      at: "2026-11-24T16:45:00.000Z",
    });
  });

  it("for plain text (Markdown): the original text with the suggestions listed", () => {
    const plain = buildPlainModel(SUGGESTION_SOURCE, { ...ALL_ON });
    expect(lines(plain.body)).toEqual(ORIGINAL_LINES);
    expect(plain.suggestions.view).toBe("show");
    expect(plain.suggestions.pending).toHaveLength(8);
    expect(plain.notes.at(-1)).toContain("listed under “Pending suggestions”");
    expect(
      buildPlainModel(SUGGESTION_SOURCE, { ...ALL_ON, suggestions: "accepted" }).notes.at(-1),
    ).toBe("The text as it would read with all 8 pending suggestions accepted.");
  });
});
