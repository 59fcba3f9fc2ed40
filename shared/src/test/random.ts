/**
 * Test-only: the one seeded PRNG (mulberry32) of the workspace, so random tests, fixtures and
 * bench workloads replay exactly from their seed. `random()` is a float in [0, 1), like
 * `Math.random`; the methods draw the other shapes from the same sequence.
 */
export interface Random {
  (): number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Uint8Array;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return Object.assign(() => next(), {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    bytes: (n: number) => Uint8Array.from({ length: n }, () => int(256)),
  });
}
