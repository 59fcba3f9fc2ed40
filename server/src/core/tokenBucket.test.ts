import { describe, expect, it } from "vitest";
import { TokenBucket } from "./tokenBucket.js";

describe("TokenBucket", () => {
  it("allows a burst, refuses past it, and refills at the rate", () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true]);
    expect(bucket.take()).toBe(false);
    now = 100; // 0.1 s at 10/s: one token back
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 10_000; // refills to the burst, not beyond
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
