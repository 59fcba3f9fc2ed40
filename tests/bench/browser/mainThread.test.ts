import { describe, expect, it } from "vitest";
import { pageMainThread, parseSchedstat, readRendererMainThreads } from "./mainThread.js";

describe("the page's main thread from the scheduler's statistics", () => {
  it("reads schedstat's time on a core and time waiting for one", () => {
    expect(parseSchedstat("4895000000 3998000000 11474\n")).toEqual({
      runNs: 4_895_000_000,
      waitNs: 3_998_000_000,
    });
    expect(parseSchedstat("")).toBeNull();
  });

  it("takes the renderer whose main thread ran the most between the readings", () => {
    const before = new Map([
      [10, { runNs: 1e9, waitNs: 1e9 }],
      [11, { runNs: 0, waitNs: 0 }],
    ]);
    const after = new Map([
      [10, { runNs: 1.2e9, waitNs: 4e9 }], // a spare renderer: ran 200 ms, waited 3 s
      [11, { runNs: 4e9, waitNs: 2.5e9 }], // the page: ran 4 s, waited 2.5 s
      [12, { runNs: 9e9, waitNs: 0 }], // started meanwhile: no reading before
    ]);
    expect(pageMainThread(before, after)).toEqual({ runMs: 4000, waitMs: 2500 });
    expect(pageMainThread(new Map(), after)).toBeNull();
  });

  it("finds no renderer under a process that started none", () => {
    expect(readRendererMainThreads().size).toBe(0);
  });
});
