// @vitest-environment node
import { diffText } from "@parley/shared/versions/wordDiff";
import { describe, expect, it } from "vitest";
import {
  authorsByParty,
  comparisonAuthors,
  diffSegments,
  NO_PARTY_COLOUR,
  partyColour,
  partyLook,
  partyNames,
  termHeading,
} from "./comparisonView.js";
import { IVAN, LEILA, testComparison } from "./testComparison.js";

describe("diffSegments", () => {
  it("draws the diff as runs that read as the new text without the deletions", () => {
    const from = "The Party [ shall / should ] act.";
    const to = "The Party [ shall ] act promptly.";
    const diff = diffText(from, to);
    const segments = diffSegments(diff);
    const text = (keep: (op: string) => boolean) =>
      segments
        .filter((s) => keep(s.op))
        .map((s) => s.gap + s.text)
        .join("");
    expect(text((op) => op !== "delete").replace(/\s+/g, " ")).toBe(
      "The Party [shall] act promptly.",
    );
    expect(segments.some((s) => s.op === "delete" && s.text.includes("should"))).toBe(true);
    expect(new Set(segments.map((s) => s.key)).size).toBe(segments.length);
  });
});

describe("authors by party", () => {
  it("groups people by party, each party with one colour, the mediation team in grey", () => {
    const names = new Map([
      ["party-a", "FP"],
      ["party-b", "SP"],
    ]);
    const groups = authorsByParty(
      [LEILA, IVAN, { name: "Sam", party: "party-a" }, LEILA, { name: "Ana", party: null }],
      names,
    );
    expect(groups.map((g) => [g.label, g.names])).toEqual([
      ["FP", ["Leila Karimi", "Sam"]],
      ["SP", ["Ivan Petrov"]],
      ["Mediation", ["Ana"]],
    ]);
    expect(groups[0]?.colour).toBe(partyColour("party-a"));
    expect(partyColour("party-a")).toMatch(/^#[0-9a-f]{6}$/);
    expect(groups[2]?.colour).toBe(NO_PARTY_COLOUR);
  });

  it("uses a party's own colour when the comparison carries it", () => {
    const first = { id: "party-a", name: "First Party", shortName: "FP", colour: "#1d4ed8" };
    const second = { id: "party-b", name: "Second Party", shortName: "SP", colour: "not a colour" };
    const look = partyLook([first, second]);
    const groups = authorsByParty([LEILA, IVAN], look.names, look.colours);
    expect(groups.map((g) => g.colour)).toEqual(["#1d4ed8", partyColour("party-b")]);
  });

  it("names everyone a real comparison says made a change", () => {
    const comparison = testComparison();
    const names = partyNames(comparison.parties);
    const groups = authorsByParty(comparisonAuthors(comparison), names);
    expect(groups.map((g) => g.names)).toEqual([["Leila Karimi"], ["Ivan Petrov"]]);
    expect(groups.map((g) => g.label)).toEqual(["FP", "SP"]);
  });
});

describe("termHeading", () => {
  it("shows a renumbered term's number then and now, else the one it has", () => {
    const [change] = testComparison().terms.filter((t) => t.termId === "t-2");
    expect(change && termHeading(change)).toBe("Art. 2");
    if (!change) return;
    expect(termHeading({ ...change, label: { from: "Art. 2", to: "Art. 3" } })).toBe(
      "Art. 2 → Art. 3",
    );
    expect(termHeading({ ...change, label: { from: "Art. 2", to: null } })).toBe("Art. 2");
  });
});
