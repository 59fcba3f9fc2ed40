import { describe, expect, it } from "vitest";
import { MAX_SEARCH_MATCHES, MAX_SEARCH_SNIPPETS, searchFramework } from "./frameworkSearch.js";

describe("searchFramework", () => {
  it("reports a title match and the text matches with snippets", () => {
    const hit = searchFramework(
      "Water sharing",
      ["Intro", "The basin water is shared.", "No more WATER disputes."],
      "water",
    );
    expect(hit).toEqual({
      titleMatch: true,
      matchCount: 2,
      snippets: [
        { before: "The basin ", match: "water", after: " is shared." },
        { before: "No more ", match: "WATER", after: " disputes." },
      ],
    });
  });

  it("answers null when nothing matches or the query is unusable", () => {
    expect(searchFramework("Water", ["river"], "desert")).toBeNull();
    expect(searchFramework("Water", ["river"], "w")).toBeNull();
  });

  it("bounds the count and the snippets", () => {
    const blocks = Array.from({ length: 300 }, () => "salt and salt");
    const hit = searchFramework("Untitled", blocks, "salt");
    expect(hit?.matchCount).toBe(MAX_SEARCH_MATCHES);
    expect(hit?.snippets).toHaveLength(MAX_SEARCH_SNIPPETS);
  });
});
