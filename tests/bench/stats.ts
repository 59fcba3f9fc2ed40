/**
 * Small, pure statistics helpers for the benchmark: percentiles over latency samples, medians
 * over repetitions, and a bounded sample reservoir so that charts stay small.
 */

/** The q-quantile (0..1) of already sorted values, nearest-rank; NaN for an empty list. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: quantileSorted(sorted, 0.5),
    p99: quantileSorted(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  };
}

/** Median of the finite values; NaN when there are none (a failed run is left out). */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/** Every k-th value of the sorted samples so that at most `limit` remain (keeps the shape of a CDF). */
export function downsampleSorted(sorted: readonly number[], limit: number): number[] {
  if (sorted.length <= limit) return [...sorted];
  const out: number[] = [];
  const step = (sorted.length - 1) / (limit - 1);
  for (let i = 0; i < limit; i++) out.push(sorted[Math.round(i * step)]!);
  return out;
}

/** A growable list of float samples without per-sample allocation. */
export class SampleBuffer {
  private data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
