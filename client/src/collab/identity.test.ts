// @vitest-environment node
import { colourOfMember } from "@parley/shared/access/colours";
import { describe, expect, it } from "vitest";
import {
  CARET_PALETTE,
  hashString,
  identityInFramework,
  initialsOf,
  isHexColour,
  MAX_NAME_LENGTH,
  normalizeDisplayName,
  pickColour,
} from "./identity.js";

describe("normalizeDisplayName", () => {
  it("trims and collapses whitespace", () => {
    expect(normalizeDisplayName("  Amira   Haddad \n")).toEqual({ ok: true, name: "Amira Haddad" });
  });

  it("refuses an empty or blank name with a sentence", () => {
    const result = normalizeDisplayName("   ");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/name/);
  });

  it("refuses names over the limit and accepts one at the limit", () => {
    expect(normalizeDisplayName("x".repeat(MAX_NAME_LENGTH)).ok).toBe(true);
    expect(normalizeDisplayName("x".repeat(MAX_NAME_LENGTH + 1)).ok).toBe(false);
  });
});

describe("pickColour", () => {
  it("only ever returns #rrggbb colours", () => {
    for (const colour of CARET_PALETTE) expect(isHexColour(colour)).toBe(true);
    for (let i = 0; i < 200; i++) expect(pickColour(`seed-${i}`)).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("is stable for a seed", () => {
    expect(pickColour("Amira")).toBe(pickColour("Amira"));
  });

  it("avoids colours others already use", () => {
    const first = pickColour("Amira");
    const second = pickColour("Amira", [first]);
    expect(second).not.toBe(first);
    expect(isHexColour(second)).toBe(true);
  });

  it("treats taken colours case-insensitively", () => {
    const first = pickColour("Kofi");
    expect(pickColour("Kofi", [first.toUpperCase()])).not.toBe(first);
  });

  it("falls back to the hashed colour when the palette is exhausted", () => {
    expect(pickColour("Lena", CARET_PALETTE)).toBe(pickColour("Lena"));
  });

  it("spreads different seeds over the palette", () => {
    const colours = new Set(Array.from({ length: 60 }, (_, i) => pickColour(`person ${i}`)));
    expect(colours.size).toBeGreaterThan(CARET_PALETTE.length / 2);
  });
});

describe("hashString", () => {
  it("is an unsigned 32-bit integer and differs for different input", () => {
    const a = hashString("a");
    expect(Number.isInteger(a)).toBe(true);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(2 ** 32);
    expect(hashString("b")).not.toBe(a);
  });
});

describe("initialsOf", () => {
  it("takes the first and last word", () => {
    expect(initialsOf("Amira bint Haddad")).toBe("AH");
    expect(initialsOf("kofi")).toBe("K");
    expect(initialsOf("  ")).toBe("");
  });
});

describe("identityInFramework", () => {
  const device = { name: "Device name", colour: "#1f6feb" };

  it("takes the token's name and the member's colour", () => {
    expect(identityInFramework(device, { name: "Amal", member: "i-inv-000001" })).toEqual({
      name: "Amal",
      colour: colourOfMember("i-inv-000001"),
    });
  });

  it("keeps the device's name when the token fixes none, with the member's colour", () => {
    expect(identityInFramework(device, { name: null, member: "m-abc" })).toEqual({
      name: "Device name",
      colour: colourOfMember("m-abc"),
    });
  });

  it("is the device identity until the access is known", () => {
    expect(identityInFramework(device, null)).toBe(device);
  });
});
