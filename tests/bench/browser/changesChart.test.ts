import { describe, expect, it } from "vitest";
import { type ChangeStep, changesSvg, changesText } from "./changesChart.js";

const page = (p99: number, longFrames: number) => ({ p99, longFrames, longest: 0, load: 0 });
const steps: ChangeStep[] = [
  { label: "before", commit: "a", runs: { doc: { parley: page(300, 40), bare: page(100, 4) } } },
  { label: "after", commit: "b", runs: { doc: { parley: page(120, 8), bare: page(100, 5) } } },
];

describe("the chart of the browser changes", () => {
  it("draws two bars per change with Parley's keydown p99 over the bare editor's", () => {
    const svg = changesSvg(steps, ["doc"]);
    expect(svg.match(/<rect x="[\d.]+" y=/g)).toHaveLength(4);
    expect(svg).toContain(">3.0×<");
    expect(svg).toContain(">1.2×<");
  });

  it("writes one text line per change, frames and ratio", () => {
    const lines = changesText(steps, ["doc"]).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("40 (bare 4), p99 3.00×");
    expect(lines[2]).toContain("8 (bare 5), p99 1.20×");
  });
});
