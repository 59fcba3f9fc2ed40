import { describe, expect, it } from "vitest";
import { findMatches, MAX_QUERY_LENGTH, normalizeQuery, snippetAt } from "./textMatch.js";

describe("normalizeQuery", () => {
  it("trims and collapses whitespace, and refuses too short or too long queries", () => {
    expect(normalizeQuery("  water \n rights ")).toBe("water rights");
    expect(normalizeQuery(" a ")).toBeNull();
    expect(normalizeQuery("x".repeat(MAX_QUERY_LENGTH + 1))).toBeNull();
    expect(normalizeQuery("x".repeat(MAX_QUERY_LENGTH))).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe("findMatches", () => {
  it("finds every occurrence ignoring case, as ranges of the original text", () => {
    const text = "Water flows. The WATER board meets; water.";
    const ranges = findMatches(text, "water");
    expect(ranges.map((r) => text.slice(r.from, r.to))).toEqual(["Water", "WATER", "water"]);
  });

  it("lets a space of the query match any run of whitespace, and treats the query literally", () => {
    const text = "the joint\n  commission [shall] meet (a+b)";
    expect(findMatches(text, "joint commission").map((r) => text.slice(r.from, r.to))).toEqual([
      "joint\n  commission",
    ]);
    const at = text.indexOf("[shall]");
    expect(findMatches(text, "[shall]")).toEqual([{ from: at, to: at + 7 }]);
    expect(findMatches(text, "(a+b)")).toHaveLength(1);
  });

  it("stops at the limit and finds nothing for a query too short", () => {
    expect(findMatches("aa aa aa aa", "aa", 2)).toHaveLength(2);
    expect(findMatches("a a a", "a")).toEqual([]);
  });
});

describe("snippetAt", () => {
  it("shows the match with context cut at word boundaries and marked with ellipses", () => {
    const text = `${"lorem ipsum ".repeat(10)}the ceasefire line holds ${"dolor sit ".repeat(10)}`;
    const [range] = findMatches(text, "ceasefire");
    const snippet = snippetAt(text, range!, 20);
    expect(snippet.match).toBe("ceasefire");
    expect(snippet.before.startsWith("…")).toBe(true);
    expect(snippet.after.endsWith("…")).toBe(true);
    expect(snippet.before).toMatch(/^…\S/);
    expect(`${snippet.before}${snippet.match}${snippet.after}`.length).toBeLessThanOrEqual(52);
  });

  it("has no ellipses when the whole text fits", () => {
    const text = "Short text here";
    expect(snippetAt(text, { from: 6, to: 10 })).toEqual({
      before: "Short ",
      match: "text",
      after: " here",
    });
  });
});
