import { createHash, timingSafeEqual } from "node:crypto";

/** Compares two secrets in constant time (whatever their lengths); false if either is null. */
export function sameSecret(given: string | null, expected: string | null): boolean {
  if (given === null || expected === null) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
