import { describe, expect, it } from "vitest";
import { renderCrossProcessTarget } from "./crossProcessTarget.js";
import {
  HOCUSPOCUS_STORE_FIRST,
  HOCUSPOCUS_THREE,
  HOCUSPOCUS_TWO,
} from "./hocuspocusRedisFanout.js";
import { PARLEY_NO_FLUSH, PARLEY_THREE, PARLEY_TWO } from "./parleyClusterFanout.js";
import type { ScaleOutOutcome, ScaleOutScenario } from "./scaleOut.js";

function outcome(id: string, runs: Record<string, number[]>): ScaleOutOutcome {
  return {
    scenario: { id } as ScaleOutScenario,
    runs: Object.fromEntries(
      Object.entries(runs).map(([name, values]) => [
        name,
        values.map((remoteP99) => ({ values: { remoteP99 } })),
      ]),
    ),
    errors: [],
  };
}

const hocuspocus = outcome("scale-out-fanout-hocuspocus", {
  [HOCUSPOCUS_TWO]: [20, 10, 16],
  [HOCUSPOCUS_THREE]: [22, 12, 18],
});

describe("the cross-process target, repetition by repetition", () => {
  it("pairs each repetition's figures and judges the medians", () => {
    const parley = outcome("scale-out-fanout-parley", {
      [PARLEY_TWO]: [14, 12, 15],
      [PARLEY_THREE]: [18, 11, 15],
    });
    const text = renderCrossProcessTarget([hocuspocus, parley]) ?? "";
    expect(text).toContain(
      "| 1 | 20.0 ms | 22.0 ms | — | 14.0 ms | 18.0 ms | — | 0.90× | 0.70× | 0.82× | — | — |",
    );
    expect(text).toContain("| 2 | 10.0 ms | 12.0 ms | — | 12.0 ms | 11.0 ms | — | 1.10× |");
    // medians: Parley 3 15 ms, Hocuspocus 2 16 ms
    expect(text).toContain("**0.94×**");
    expect(text).toContain(
      "**met** (0.94×; Parley's three processes were at or under Hocuspocus's two in 2 of 3 repetitions)",
    );
  });

  it("says missed when Parley's median is over Hocuspocus's, and nothing without both scenarios", () => {
    const parley = outcome("scale-out-fanout-parley", { [PARLEY_THREE]: [21, 12, 17] });
    expect(renderCrossProcessTarget([hocuspocus, parley])).toContain("**missed** (1.06×");
    expect(renderCrossProcessTarget([parley])).toBeNull();
  });

  it("sets Parley against Hocuspocus storing first, and Parley without the flush against Hocuspocus", () => {
    const storing = outcome("scale-out-fanout-hocuspocus", {
      [HOCUSPOCUS_TWO]: [20, 10, 16],
      [HOCUSPOCUS_STORE_FIRST]: [24, 19, 21],
    });
    const parley = outcome("scale-out-fanout-parley", {
      [PARLEY_THREE]: [21, 12, 17],
      [PARLEY_NO_FLUSH]: [19, 11, 15],
    });
    const text = renderCrossProcessTarget([storing, parley]) ?? "";
    // repetition 1: Parley 3 21 ÷ storing first 24, no flush 19 ÷ Hocuspocus 2 20
    expect(text).toContain(
      "| 1 | 20.0 ms | — | 24.0 ms | — | 21.0 ms | 19.0 ms | 1.05× | — | — | 0.88× | 0.95× |",
    );
    // medians: Parley 3 17, storing first 21, no flush 15, Hocuspocus 2 16
    expect(text).toContain("against Hocuspocus + Redis's two: 0.81×, no worse");
    expect(text).toContain("0.94× against Hocuspocus + Redis as it runs, no worse");
    const slower = outcome("scale-out-fanout-parley", {
      [PARLEY_THREE]: [25, 22, 23],
      [PARLEY_NO_FLUSH]: [21, 18, 17],
    });
    const worse = renderCrossProcessTarget([storing, slower]) ?? "";
    expect(worse).toContain("two: 1.10×, worse");
    expect(worse).toContain("1.13× against Hocuspocus + Redis as it runs, worse");
  });
});
