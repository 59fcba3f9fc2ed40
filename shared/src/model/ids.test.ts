import { describe, expect, it } from "vitest";
import { derivedId, isId, newId, planIdRepairs } from "./ids.js";

describe("ids", () => {
  it("makes fresh ids with a prefix", () => {
    const a = newId("t");
    expect(a).toMatch(/^t-[0-9a-z]{10}$/);
    expect(newId("t")).not.toBe(a);
    expect(isId(a)).toBe(true);
    expect(isId("bad id")).toBe(false);
  });

  it("derives the same repair id everywhere, keeping the prefix", () => {
    expect(derivedId("t-abc", 1)).toBe(derivedId("t-abc", 1));
    expect(derivedId("t-abc", 1)).not.toBe(derivedId("t-abc", 2));
    expect(derivedId("t-abc", 1)).toMatch(/^t-/);
  });

  it("plans repairs: later duplicate renamed, fresh copy renamed first, missing ids filled", () => {
    expect(planIdRepairs([{ id: "t-a" }, { id: "t-b" }], "t").size).toBe(0);
    expect([...planIdRepairs([{ id: "t-a" }, { id: "t-a" }], "t")]).toEqual([
      [1, derivedId("t-a", 1)],
    ]);
    expect([...planIdRepairs([{ id: "t-a", fresh: true }, { id: "t-a" }], "t")]).toEqual([
      [0, derivedId("t-a", 1)],
    ]);
    const three = planIdRepairs([{ id: "t-a" }, { id: "t-a" }, { id: "t-a" }], "t");
    expect(new Set(three.values()).size).toBe(2);
    let n = 0;
    const fresh = planIdRepairs(
      [{ id: null, fresh: true }, { id: 7, fresh: true }, { id: "t-2" }],
      "t",
      () => `t-${++n}`,
    );
    // t-1 is free; t-2 is taken by the third occurrence, so the second gets t-3.
    expect([...fresh]).toEqual([
      [0, "t-1"],
      [1, "t-3"],
    ]);
    // Missing ids that arrived from elsewhere are derived: the same on every client.
    const arrived = planIdRepairs([{ id: null }, { id: "" }], "t");
    expect([...arrived]).toEqual([
      [0, derivedId("t-anonymous", 1)],
      [1, derivedId("t-anonymous", 2)],
    ]);
  });

  it("skips a derived id that is already taken", () => {
    const taken = derivedId("t-a", 1);
    const plan = planIdRepairs([{ id: "t-a" }, { id: taken }, { id: "t-a" }], "t");
    expect(plan.get(2)).toBe(derivedId("t-a", 2));
  });
});
