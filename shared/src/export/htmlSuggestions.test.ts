import { describe, expect, it } from "vitest";
import { parseHtml } from "../test/export/parseHtml.js";
import { ALL_ON } from "../test/export/source.js";
import { HOSTILE_AUTHOR, SUGGESTION_SOURCE } from "../test/export/suggestionFixtures.js";
import { buildExportModel } from "./buildModel.js";
import { renderHtml } from "./html.js";

const html = (suggestions: "show" | "accepted" | "original") =>
  renderHtml(buildExportModel(SUGGESTION_SOURCE, { ...ALL_ON, suggestions }));

const texts = (root: ParentNode, selector: string) =>
  Array.from(root.querySelectorAll(selector)).map((el) => el.textContent ?? "");

describe("HTML export with suggestions", () => {
  const shown = html("show");
  const doc = parseHtml(shown);

  it("draws insertions as <ins> and deletions as <del> in the author's colour class", () => {
    expect(texts(doc, "main ins.sugg")).toEqual(
      expect.arrayContaining(["90", "promptly ", " online", "A new article on guarantees."]),
    );
    expect(texts(doc, "main del.sugg")).toEqual(
      expect.arrayContaining(["60", " and report", "An article proposed for removal."]),
    );
    const ninety = Array.from(doc.querySelectorAll("main ins.sugg")).find(
      (el) => el.textContent === "90",
    );
    expect(ninety?.className).toBe("sugg sugg-a0");
    expect(ninety?.getAttribute("data-suggestion")).toBe("s-replace1");
    expect(ninety?.getAttribute("title")).toBe(
      "Proposed insertion: Ana Lima (FP), 21 November 2026, 10:15 UTC",
    );
    expect(doc.querySelector("style")?.textContent).toContain(".sugg-a0 { --sugg: #1f5fa8; }");
  });

  it("marks a proposed paragraph break with ¶", () => {
    const reports = Array.from(doc.querySelectorAll("main p")).find((p) =>
      p.textContent?.includes("Reports are"),
    );
    expect(reports?.firstElementChild?.outerHTML).toContain("New paragraph proposed");
    expect(reports?.firstElementChild?.textContent).toBe("¶");
  });

  it("has a legend naming each author, their party and colour", () => {
    const legend = doc.querySelector("section.suggestion-legend");
    expect(legend?.textContent).toContain("Pending suggestions (8)");
    expect(texts(doc, ".legend-authors li")).toEqual([
      "Ana Lima (FP) — First Party",
      "Boris Roe (SP) — Second Party",
      HOSTILE_AUTHOR,
    ]);
    expect(
      Array.from(doc.querySelectorAll(".legend-authors li")).map((li) => li.className),
    ).toEqual(["sugg-a0", "sugg-a1", "sugg-a2"]);
  });

  it("escapes an author name made of HTML metacharacters", () => {
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    expect(shown).not.toContain("<script>");
    expect(shown).toContain("Eve &lt;/w:t&gt;&lt;w:r&gt;&amp;amp;&quot;&#39;&lt;script&gt;");
  });

  it("is clean as accepted or original: no suggestion drawn, no legend", () => {
    for (const view of ["accepted", "original"] as const) {
      const clean = parseHtml(html(view));
      expect(clean.querySelectorAll("ins, del, .suggestion-legend")).toHaveLength(0);
    }
    expect(parseHtml(html("accepted")).querySelector("main")?.textContent).toContain(
      "The Agency shall verify within 90 days.",
    );
    expect(parseHtml(html("original")).querySelector("main")?.textContent).toContain(
      "The Agency shall verify within 60 days and report.Reports are published.",
    );
  });
});
