// @vitest-environment node
import { describe, expect, it } from "vitest";
import { FALLBACK_COLOUR, participantsFrom } from "./presence.js";

describe("participantsFrom", () => {
  it("lists me first, then others by name", () => {
    const states = new Map<number, unknown>([
      [3, { user: { name: "Zaid", color: "#1f6feb" } }],
      [1, { user: { name: "Amira", color: "#c2410c" } }],
      [2, { user: { name: "Me", color: "#15803d" } }],
    ]);
    expect(participantsFrom(states, 2).map((p) => [p.name, p.isSelf])).toEqual([
      ["Me", true],
      ["Amira", false],
      ["Zaid", false],
    ]);
  });

  it("leaves out states without a named user", () => {
    const states = new Map<number, unknown>([
      [1, {}],
      [2, { user: { name: "   " } }],
      [3, null],
      [4, { user: "Kofi" }],
      [5, { user: { name: "Lena", color: "#0e7490" } }],
    ]);
    expect(participantsFrom(states, 99).map((p) => p.clientId)).toEqual([5]);
  });

  it("replaces a colour that is not #rrggbb", () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: "A", color: "red" } }],
      [2, { user: { name: "B", color: "#12345" } }],
      [3, { user: { name: "C", color: "#abcdef" } }],
    ]);
    expect(participantsFrom(states, 0).map((p) => p.colour)).toEqual([
      FALLBACK_COLOUR,
      FALLBACK_COLOUR,
      "#abcdef",
    ]);
  });

  it("keeps two people with the same name apart", () => {
    const states = new Map<number, unknown>([
      [7, { user: { name: "Sam", color: "#1f6feb" } }],
      [4, { user: { name: "Sam", color: "#c2410c" } }],
    ]);
    expect(participantsFrom(states, 0).map((p) => p.clientId)).toEqual([4, 7]);
  });
});
