import { describe, expect, it } from "vitest";
import {
  applyWordDiff,
  diffText,
  diffWords,
  longestIncreasingRun,
  sourceWords,
  tokenizeWords,
} from "./wordDiff.js";

/** A small seeded generator (mulberry32): the same cases on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWords(random: () => number, length: number, vocabulary: number): string[] {
  return Array.from({ length }, () => `w${Math.floor(random() * vocabulary)}`);
}

/** Random deletions, insertions and replacements of single words. */
function mutate(random: () => number, words: readonly string[], vocabulary: number): string[] {
  const out: string[] = [];
  for (const word of words) {
    const r = random();
    if (r < 0.1) continue;
    if (r < 0.2) out.push(`w${Math.floor(random() * vocabulary)}`);
    else out.push(word);
    if (random() < 0.1) out.push(`new${Math.floor(random() * vocabulary)}`);
  }
  return out;
}

/** Reference LCS length, quadratic: only for small inputs. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) {
      next.push(x === b[j] ? (row[j] ?? 0) + 1 : Math.max(row[j + 1] ?? 0, next[j] ?? 0));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

function keptWords(diff: ReturnType<typeof diffWords>): number {
  return diff.chunks.reduce((n, c) => n + (c.op === "equal" ? c.words.length : 0), 0);
}

describe("tokenizeWords", () => {
  it("splits on any whitespace and keeps punctuation with its word", () => {
    expect(tokenizeWords("  The Party,\nshall\tact. ")).toEqual(["The", "Party,", "shall", "act."]);
    expect(tokenizeWords("")).toEqual([]);
    expect(tokenizeWords("The [shall / should] act")).toEqual([
      "The",
      "[",
      "shall",
      "/",
      "should",
      "]",
      "act",
    ]);
  });
});

describe("diffText", () => {
  it("marks a replaced word as a deletion followed by an insertion", () => {
    const diff = diffText(
      "The Party shall act within 30 days",
      "The Party should act within 60 days",
    );
    expect(diff.chunks).toEqual([
      { op: "equal", words: ["The", "Party"] },
      { op: "delete", words: ["shall"] },
      { op: "insert", words: ["should"] },
      { op: "equal", words: ["act", "within"] },
      { op: "delete", words: ["30"] },
      { op: "insert", words: ["60"] },
      { op: "equal", words: ["days"] },
    ]);
    expect(diff.exact).toBe(true);
  });

  it("handles empty texts on either side", () => {
    expect(diffText("", "").chunks).toEqual([]);
    expect(diffText("", "a b").chunks).toEqual([{ op: "insert", words: ["a", "b"] }]);
    expect(diffText("a b", "").chunks).toEqual([{ op: "delete", words: ["a", "b"] }]);
    expect(diffText("same text", "same  text").chunks).toEqual([
      { op: "equal", words: ["same", "text"] },
    ]);
  });
});

describe("diffWords, property-style over seeded random pairs", () => {
  it("applying the diff to `from` gives `to`, keeping a longest common subsequence", () => {
    const random = seeded(20261206);
    for (let round = 0; round < 300; round++) {
      const vocabulary = 2 + Math.floor(random() * 12);
      const from = randomWords(random, Math.floor(random() * 40), vocabulary);
      const to =
        random() < 0.5
          ? mutate(random, from, vocabulary)
          : randomWords(random, Math.floor(random() * 40), vocabulary);
      const diff = diffWords(from, to);
      expect(applyWordDiff(from, diff)).toEqual(to);
      expect(sourceWords(diff)).toEqual(from);
      expect(diff.exact).toBe(true);
      expect(keptWords(diff)).toBe(lcsLength(from, to));
      // No two neighbouring chunks of the same kind, no empty chunk.
      diff.chunks.forEach((chunk, i) => {
        expect(chunk.words.length).toBeGreaterThan(0);
        expect(diff.chunks[i + 1]?.op).not.toBe(chunk.op);
      });
    }
  });

  it("still turns `from` into `to` on the coarse path (a tiny table forces it)", () => {
    const random = seeded(7);
    let coarse = 0;
    for (let round = 0; round < 200; round++) {
      const vocabulary = 5 + Math.floor(random() * 50);
      const from = randomWords(random, 5 + Math.floor(random() * 60), vocabulary);
      const to = mutate(random, from, vocabulary);
      const diff = diffWords(from, to, { maxCells: 16 });
      expect(applyWordDiff(from, diff)).toEqual(to);
      expect(sourceWords(diff)).toEqual(from);
      if (!diff.exact) coarse++;
    }
    expect(coarse).toBeGreaterThan(100);
  });

  it("stays bounded on huge input: no n×m table (which would need 10 GB here)", () => {
    const random = seeded(99);
    const from = randomWords(random, 50_000, 20_000);
    const to = mutate(random, from, 20_000);
    const diff = diffWords(from, to);
    expect(diff.exact).toBe(false);
    expect(applyWordDiff(from, diff)).toEqual(to);
    // The coarse diff still finds most of what was kept (about 90% of the words).
    expect(keptWords(diff)).toBeGreaterThan(from.length * 0.6);
  });
});

describe("applyWordDiff", () => {
  it("refuses a diff that does not fit the text", () => {
    const diff = diffText("a b c", "a x c");
    expect(() => applyWordDiff(["a", "y", "c"], diff)).toThrow(/does not apply/);
    expect(() => applyWordDiff(["a", "b", "c", "d"], diff)).toThrow(/whole text/);
  });
});

describe("longestIncreasingRun", () => {
  it("returns the indices of a longest strictly increasing subsequence", () => {
    const values = [3, 0, 1, 7, 2, 8, 4];
    const run = longestIncreasingRun(values);
    expect(run.map((i) => values[i])).toEqual([0, 1, 2, 4]);
    expect(longestIncreasingRun([])).toEqual([]);
    expect(longestIncreasingRun([5, 4, 3])).toHaveLength(1);
  });
});
