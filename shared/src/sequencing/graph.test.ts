import { describe, expect, it } from "vitest";
import { elementaryCycles } from "./graph.js";

const graph = (edges: Record<string, string[]>) => (n: string) => edges[n] ?? [];

describe("elementaryCycles", () => {
  it("finds a self-loop as a cycle of length 1", () => {
    expect(elementaryCycles(["a", "b"], graph({ a: ["a"], b: ["a"] })).cycles).toEqual([["a"]]);
  });

  it("reports every elementary cycle of a complete graph on 3 nodes exactly once", () => {
    const k3 = graph({ a: ["b", "c"], b: ["a", "c"], c: ["a", "b"] });
    const { cycles, truncated } = elementaryCycles(["c", "b", "a"], k3);
    expect(truncated).toBe(false);
    expect(cycles.map((c) => c.join("")).sort()).toEqual(["ab", "abc", "ac", "acb", "bc"]);
  });

  it("finds nothing in a DAG and ignores edges to unknown nodes", () => {
    const dag = graph({ a: ["b", "x"], b: ["c"], c: [] });
    expect(elementaryCycles(["a", "b", "c"], dag).cycles).toEqual([]);
  });

  it("stops at the limit and says so", () => {
    const k4 = graph({
      a: ["b", "c", "d"],
      b: ["a", "c", "d"],
      c: ["a", "b", "d"],
      d: ["a", "b", "c"],
    });
    const { cycles, truncated } = elementaryCycles(["a", "b", "c", "d"], k4, 3);
    expect(cycles).toHaveLength(3);
    expect(truncated).toBe(true);
  });
});
