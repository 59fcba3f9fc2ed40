import { describe, expect, it } from "vitest";
import { spliceBrowserSection } from "./browserReport.js";
import {
  formatKeydown,
  formatRatio,
  frameCauses,
  frameFigures,
  keydownFigures,
  recordSince,
} from "./browserStats.js";
import type { FrameEntry } from "./pageProbe.js";

const key = (duration: number, inputDelay = 0, handlerTime = 0, startTime = 0) => ({
  startTime,
  duration,
  inputDelay,
  handlerTime,
});

const frame = (
  startTime: number,
  duration: number,
  scripts: FrameEntry["scripts"] = [],
): FrameEntry => ({
  startTime,
  duration,
  scriptTime: scripts.reduce((s, x) => s + x.duration, 0),
  styleAndLayout: 10,
  scripts,
});

describe("browser bench statistics", () => {
  it("counts the keystrokes the browser did not report as faster than the threshold", () => {
    const figures = keydownFigures([key(40, 20, 10), key(24)], 100);
    expect(figures).toMatchObject({ pressed: 100, reported: 2, p50: 0, p95: 0, max: 40 });
    expect(figures.p99).toBe(24);
    expect(formatKeydown(figures.p50)).toBe("< 16 ms");
    expect(formatKeydown(figures.p99)).toBe("24 ms");
  });

  it("takes percentiles over the reported entries when every keystroke was reported", () => {
    const entries = Array.from({ length: 100 }, (_, i) => key(16 + i));
    const figures = keydownFigures(entries, 100);
    expect(figures.p50).toBe(65);
    expect(figures.p95).toBe(110);
    expect(figures.p99).toBe(114);
  });

  it("counts only frames over 50 ms, with the longest and the time beyond 50 ms", () => {
    const figures = frameFigures({
      frames: [frame(0, 50), frame(10, 80), frame(20, 120)],
      longTasks: [{ startTime: 0, duration: 70 }],
    });
    expect(figures).toEqual({
      longFrames: 2,
      longestFrame: 120,
      longTasks: 1,
      longestTask: 70,
      blockingMs: 100,
    });
  });

  it("keeps only what happened from the start of the measured window", () => {
    const part = recordSince(
      { keydowns: [key(20, 0, 0, 5), key(30, 0, 0, 15)], frames: [frame(1, 60)], longTasks: [] },
      10,
    );
    expect(part.keydowns.map((k) => k.duration)).toEqual([30]);
    expect(part.frames).toEqual([]);
  });

  it("adds up the long frames' scripts by source, longest first", () => {
    const causes = frameCauses([
      frame(0, 100, [{ invoker: "a", source: "f@x.js", duration: 60, forcedLayout: 5 }]),
      frame(1, 100, [
        { invoker: "a", source: "f@x.js", duration: 30, forcedLayout: 0 },
        { invoker: "b", source: "g@y.js", duration: 50, forcedLayout: 0 },
      ]),
    ]);
    expect(causes.topSources[0]).toEqual({ source: "a → f@x.js", ms: 90, frames: 2 });
    expect(causes.forcedLayoutMs).toBe(5);
    expect(causes.scriptShare).toBeCloseTo(0.7);
  });

  it("reads a ratio under the threshold as a bound, not a number", () => {
    expect(formatRatio(48, 24)).toBe("2.00×");
    expect(formatRatio(10, 8)).toBe("≈ 1 (both < 16 ms)");
    expect(formatRatio(32, 0)).toBe("> 2.0×");
  });

  it("replaces the Browser section and leaves the sections around it", () => {
    const before =
      "# B\n\n## Server\n\nx\n\n## Browser\n\nold\n\n### sub\n\nold too\n\n## After\n\ny\n";
    const out = spliceBrowserSection(before, "## Browser\n\nnew\n");
    expect(out).toBe("# B\n\n## Server\n\nx\n\n## Browser\n\nnew\n\n## After\n\ny\n");
    expect(spliceBrowserSection("# B\n", "## Browser\n\nnew")).toBe("# B\n\n## Browser\n\nnew\n");
  });
});
