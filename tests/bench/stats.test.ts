import { describe, expect, it } from "vitest";
import { downsampleSorted, median, quantileSorted, SampleBuffer, summarize } from "./stats.js";

describe("stats", () => {
  it("takes nearest-rank quantiles of sorted values", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileSorted(sorted, 0.5)).toBe(50);
    expect(quantileSorted(sorted, 0.99)).toBe(99);
    expect(quantileSorted(sorted, 1)).toBe(100);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it("summarizes unsorted samples", () => {
    const s = summarize([5, 1, 3, 2, 4]);
    expect(s).toMatchObject({ count: 5, p50: 3, max: 5, mean: 3 });
  });

  it("takes the median of finite values only", () => {
    expect(median([3, Number.NaN, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN])).toBeNaN();
  });

  it("downsamples keeping both ends", () => {
    const sorted = Array.from({ length: 1000 }, (_, i) => i);
    const out = downsampleSorted(sorted, 11);
    expect(out).toHaveLength(11);
    expect(out[0]).toBe(0);
    expect(out[10]).toBe(999);
  });

  it("grows a sample buffer past its capacity", () => {
    const buffer = new SampleBuffer(16);
    for (let i = 0; i < 100; i++) buffer.push(i);
    expect(buffer.length).toBe(100);
    expect(buffer.values()[99]).toBe(99);
  });
});
