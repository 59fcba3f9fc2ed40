import { describe, expect, it } from "vitest";
import {
  ARABIC,
  CYRILLIC,
  HOSTILE_IMG,
  HOSTILE_SCRIPT,
  NON_ASCII_TITLE,
} from "../test/export/fixtures.js";
import { parseHtml } from "../test/export/parseHtml.js";
import { fixtureModel } from "../test/export/source.js";
import { renderHtml } from "./html.js";

const all = (root: ParentNode, selector: string): Element[] =>
  Array.from(root.querySelectorAll(selector));

describe("renderHtml", () => {
  const html = renderHtml(fixtureModel());
  const doc = parseHtml(html);

  it("is one standalone file: no script, no event handler, no external resource", () => {
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    expect(doc.querySelectorAll("img, iframe, object, embed, link")).toHaveLength(0);
    const handlers = all(doc, "*").flatMap((el) =>
      Array.from(el.attributes)
        .filter((a) => a.name.startsWith("on"))
        .map((a) => a.name),
    );
    expect(handlers).toEqual([]);
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content"),
    ).toContain("default-src 'none'");
    expect(doc.querySelector("style")?.textContent).toContain("@page");
  });

  it("shows hostile user text as text", () => {
    const preamble = doc.querySelector("main > p")?.textContent ?? "";
    expect(preamble).toContain(HOSTILE_SCRIPT);
    expect(preamble).toContain(HOSTILE_IMG);
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    const comments = doc.querySelector("section.comments")?.textContent ?? "";
    expect(comments).toContain(HOSTILE_SCRIPT);
    const hrefs = all(doc, "a[href]").map((a) => a.getAttribute("href"));
    expect(hrefs.every((h) => h?.startsWith("https:") || h?.startsWith("#"))).toBe(true);
  });

  it("has the title block, numbered articles with status, lists and tables", () => {
    expect(doc.querySelector("h1.title")?.textContent).toBe(NON_ASCII_TITLE);
    expect(doc.title).toBe(NON_ASCII_TITLE);
    expect(doc.querySelector(".version")?.textContent).toMatch(
      /^Draft of 24 November 2026, 16:45 UTC/,
    );
    const numbers = all(doc, "section.term .term-number").map((el) => el.firstChild?.textContent);
    expect(numbers).toEqual(["Art. 1", "Art. 1.1", "Art. 1.2", "Art. 2.1"]);
    expect(doc.querySelector("#t-one .term-status")?.textContent).toBe("Agreed ad referendum");
    expect(all(doc, "#t-one ul > li").map((li) => li.textContent)).toEqual([
      "Declared sites",
      "Undeclared sites",
    ]);
    expect(all(doc, "#t-three ol > li").map((li) => li.textContent)).toEqual([
      "First phase",
      "Second phase",
    ]);
    const cells = all(doc, "main table th, main table td").map((c) => c.textContent);
    expect(cells).toEqual(["Phase", "Duration", "One", "90 days | 3 months"]);
  });

  it("shows brackets with options and proposers, and comment markers linked to the threads", () => {
    const options = all(doc, "#t-one .bracket-option").map((o) => o.textContent);
    expect(options).toEqual(["[shall]FP", "[should]SP"]);
    const commented = all(doc, ".commented")
      .map((s) => s.textContent)
      .join("");
    expect(commented).toBe(`${ARABIC} and ${CYRILLIC} at every site.`);
    expect(all(doc, ".comment-ref a").map((a) => a.getAttribute("href"))).toEqual(["#c1"]);
    const thread = doc.getElementById("c1")?.textContent ?? "";
    expect(thread).toContain("Leila Karimi (FP)");
    expect(thread).toContain("Ivan Petrov (SP)");
    expect(thread).toContain("Proposed wording: “verify all sites”");
    expect(doc.getElementById("c2")?.textContent).toContain("(on text since deleted)");
  });

  it("clean non-paper text flags open brackets and names nobody", () => {
    const clean = parseHtml(renderHtml(fixtureModel({ text: "clean", nonPaper: true })));
    expect(clean.querySelectorAll(".bracket")).toHaveLength(0);
    expect(clean.querySelectorAll(".open-flag")).toHaveLength(2);
    expect(clean.querySelector("#t-one .term-body p")?.textContent).toContain(
      "The Agency shall† verify",
    );
    expect(clean.querySelectorAll(".proposer")).toHaveLength(0);
    expect(clean.body.textContent).not.toMatch(/Karimi|Petrov|Weber/);
    expect(clean.querySelector(".designation")?.textContent).toBe("Non-paper");
  });
});
