import { describe, expect, it } from "vitest";
import { colourOfMember, hashString, PERSON_PALETTE } from "./colours.js";

describe("colourOfMember", () => {
  it("is a #rrggbb palette colour", () => {
    for (let i = 0; i < 100; i++) {
      const colour = colourOfMember(`m-${i}`);
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(PERSON_PALETTE).toContain(colour);
    }
  });

  it("is the same for the same member, whoever else is there and in whatever order they came", () => {
    const members = ["i-inv-000001", "m-Xa81kd", "m-77Qe0p", "s-inv-000002", "admin"];
    const first = new Map(members.map((m) => [m, colourOfMember(m)]));
    const reversed = new Map([...members].reverse().map((m) => [m, colourOfMember(m)]));
    const withMore = new Map(
      [...members, "m-late1", "m-late2"].map((m) => [m, colourOfMember(m)] as const),
    );
    for (const member of members) {
      expect(reversed.get(member)).toBe(first.get(member));
      expect(withMore.get(member)).toBe(first.get(member));
    }
  });

  it("depends on the member id, not on the display name: two members get their own hashes", () => {
    expect(colourOfMember("i-inv-000001")).toBe(
      PERSON_PALETTE[hashString("i-inv-000001") % PERSON_PALETTE.length],
    );
  });

  it("spreads members over the whole palette", () => {
    const colours = new Set(Array.from({ length: 200 }, (_, i) => colourOfMember(`m-${i}x`)));
    expect(colours.size).toBe(PERSON_PALETTE.length);
  });
});
