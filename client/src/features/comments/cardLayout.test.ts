// @vitest-environment node
import { describe, expect, it } from "vitest";
import { layoutCards } from "./cardLayout.js";

describe("layoutCards", () => {
  it("puts cards at their anchors when there is room", () => {
    const tops = layoutCards(
      [
        { id: "a", top: 10, height: 50 },
        { id: "b", top: 200, height: 50 },
      ],
      null,
    );
    expect(Object.fromEntries(tops)).toEqual({ a: 10, b: 200 });
  });

  it("pushes later cards down so that none overlap", () => {
    const tops = layoutCards(
      [
        { id: "a", top: 10, height: 100 },
        { id: "b", top: 20, height: 50 },
        { id: "c", top: 30, height: 50 },
      ],
      null,
      8,
    );
    expect(Object.fromEntries(tops)).toEqual({ a: 10, b: 118, c: 176 });
  });

  it("keeps the focused card at its anchor and moves earlier cards up", () => {
    const tops = layoutCards(
      [
        { id: "a", top: 100, height: 100 },
        { id: "b", top: 120, height: 50 },
      ],
      "b",
      8,
    );
    expect(tops.get("b")).toBe(120);
    expect(tops.get("a")).toBe(12);
  });

  it("never goes above the top of the margin", () => {
    const tops = layoutCards(
      [
        { id: "a", top: 0, height: 100 },
        { id: "b", top: 10, height: 50 },
      ],
      "b",
      8,
    );
    expect(tops.get("a")).toBe(0);
    expect(tops.get("b")).toBe(108);
  });
});
