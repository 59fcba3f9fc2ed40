import { buildExportModel } from "@parley/shared/export/buildModel";
import { ALL_ON } from "@parley/shared/test/export/source";
import {
  AT_ANA,
  AT_BORIS,
  HOSTILE_AUTHOR,
  SUGGESTION_SOURCE,
} from "@parley/shared/test/export/suggestionFixtures";
import { resolvedParagraphs, wordRevisions } from "@parley/shared/test/export/wordRevisions";
import { describe, expect, it } from "vitest";
import { markSuggestion } from "./blocks.js";
import { renderDocx } from "./document.js";
import { unzipEntry } from "./unzipEntry.js";

async function documentXml(
  suggestions: "show" | "accepted" | "original",
  text: "brackets" | "clean" = "brackets",
): Promise<string> {
  const model = buildExportModel(SUGGESTION_SOURCE, {
    ...ALL_ON,
    annexes: false,
    suggestions,
    text,
  });
  return unzipEntry(await renderDocx(model), "word/document.xml");
}

const ana = { author: "Ana Lima (FP)", date: AT_ANA.replace(".000Z", "Z") };
const boris = { author: "Boris Roe (SP)", date: AT_BORIS.replace(".000Z", "Z") };

/** The body after the title block (designation, title, version, notes, rule). */
const body = (lines: string[]) => lines.slice(lines.indexOf("Verification"));

describe("DOCX tracked changes", () => {
  it("writes insertions as w:ins and deletions as w:del with w:delText, author and date", async () => {
    const revisions = wordRevisions(await documentXml("show"));
    const text = revisions.filter((r) => !r.paragraphMark);
    expect(text).toContainEqual(expect.objectContaining({ tag: "w:del", text: "60", ...ana }));
    expect(text).toContainEqual(expect.objectContaining({ tag: "w:ins", text: "90", ...ana }));
    expect(text).toContainEqual(
      expect.objectContaining({ tag: "w:del", text: " and report", ...boris }),
    );
    expect(text).toContainEqual(
      expect.objectContaining({ tag: "w:ins", text: "promptly ", ...boris }),
    );
    expect(text).toContainEqual(
      expect.objectContaining({
        tag: "w:ins",
        text: "A new article on guarantees.",
        ...boris,
      }),
    );
    expect(text).toContainEqual(
      expect.objectContaining({ tag: "w:del", text: "An article proposed for removal.", ...ana }),
    );
  });

  it("gives every revision element its own numeric id, after the comment ids", async () => {
    const revisions = wordRevisions(await documentXml("show"));
    const ids = revisions.map((r) => r.id);
    expect(ids.every((id) => /^\d+$/.test(id ?? ""))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("revises paragraph marks for a proposed break, a new article and a removed one", async () => {
    const marks = wordRevisions(await documentXml("show")).filter((r) => r.paragraphMark);
    expect(marks.map((m) => [m.tag, m.author])).toEqual([
      ["w:ins", boris.author], // the break before "Reports are …" (on the paragraph before it)
      ["w:ins", boris.author], // the new article's paragraph
      ["w:del", ana.author], // the article proposed for removal
      ["w:ins", ana.author], // the proposed list item
    ]);
  });

  it("reads, with every change accepted or rejected as Word does it, like the accepted or original export", async () => {
    // Clean text: no term status, which the export appends to an article's first paragraph.
    const shown = await documentXml("show", "clean");
    const accepted = resolvedParagraphs(await documentXml("accepted", "clean"), "accepted");
    const original = resolvedParagraphs(await documentXml("original", "clean"), "original");
    expect(body(resolvedParagraphs(shown, "accepted"))).toEqual(body(accepted));
    expect(body(resolvedParagraphs(shown, "original"))).toEqual(body(original));
    expect(body(accepted)).toContain("The Agency shall verify within 90 days.");
    expect(body(original)).toContain(
      "The Agency shall verify within 60 days and report.Reports are published.",
    );
  });

  it("escapes an author name made of XML metacharacters (the file stays well-formed)", async () => {
    const xml = await documentXml("show");
    const revisions = wordRevisions(xml); // parses strictly: throws on broken XML
    expect(revisions).toContainEqual(
      expect.objectContaining({ tag: "w:ins", text: " online", author: HOSTILE_AUTHOR }),
    );
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("</w:t><w:r>&amp;");
  });

  it("drops characters XML forbids from an author name (Word would refuse the file)", async () => {
    const doc = JSON.parse(JSON.stringify(SUGGESTION_SOURCE.doc), (key, value) =>
      key === "author" && value === "Boris Roe" ? "Boris\u0000Roe\u001b" : value,
    );
    const model = buildExportModel({ ...SUGGESTION_SOURCE, doc }, { ...ALL_ON, annexes: false });
    const xml = unzipEntry(await renderDocx(model), "word/document.xml");
    const authors = new Set(wordRevisions(xml).map((r) => r.author));
    expect(authors).toContain("BorisRoe (SP)");
  });

  it("writes no revision for accepted or original", async () => {
    expect(wordRevisions(await documentXml("accepted"))).toEqual([]);
    expect(wordRevisions(await documentXml("original"))).toEqual([]);
  });
});

describe("markSuggestion", () => {
  const ref = { id: "s-1", author: "A", legend: 0, at: AT_ANA };
  const split = { ...ref, kind: "insert" as const, scope: "break" as const };
  const whole = { ...ref, kind: "delete" as const, scope: "block" as const };
  const p = (suggestion?: typeof split | typeof whole) => ({
    kind: "paragraph" as const,
    content: [],
    ...(suggestion ? { suggestion } : {}),
  });

  it("puts a proposed break on the mark of the paragraph before it, a whole block on its own", () => {
    const blocks = [p(), p(split), p(whole)];
    expect(markSuggestion(blocks, 0)).toBe(split);
    expect(markSuggestion(blocks, 1)).toBeUndefined();
    expect(markSuggestion(blocks, 2)).toBe(whole);
  });

  it("revises no mark for a proposed break with no paragraph before it", () => {
    expect(markSuggestion([p(split), p()], 0)).toBeUndefined();
    expect(
      markSuggestion([{ kind: "list", ordered: false, start: 1, items: [] }, p(split)], 0),
    ).toBeUndefined();
  });
});
