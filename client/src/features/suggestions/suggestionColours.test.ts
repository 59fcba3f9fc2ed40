import type { Party } from "@parley/shared/model/party";
import { describe, expect, it } from "vitest";
import { suggestionColourRules } from "./SuggestionColours.js";

const party = (id: string, colour: string): Party => ({
  id,
  name: id,
  shortName: id,
  colour,
  kind: "state",
  role: "party",
  removedAt: null,
});

describe("suggestionColourRules", () => {
  it("colours each party's marks and block suggestions, and skips anything not an id or a colour", () => {
    const css = suggestionColourRules([
      party("party-a", "#1f5fa8"),
      party('x"] {}', "#000000"),
      party("party-b", "red; } body { display: none"),
    ]);
    expect(css).toContain('.suggestion[data-party="party-a"]');
    expect(css).toContain(`[data-suggestion*='"party":"party-a"']`);
    expect(css).toContain("--suggestion: #1f5fa8");
    expect(css).not.toContain("party-b");
    expect(css.split("\n")).toHaveLength(1);
  });
});
