/**
 * A word-level diff: which words of one text were kept, deleted and inserted to make another.
 *
 * Exact (a longest common subsequence of words) while the part that differs is small enough for
 * a table of `maxCells` entries; beyond that, coarser but bounded: the words that occur exactly
 * once on both sides anchor the alignment (patience diff), the gaps between anchors are diffed
 * the same way, and a gap with no anchor becomes one deletion and one insertion. Memory never
 * exceeds `maxCells` table entries, whatever the input; the result always turns `from` into `to`.
 */

export type WordOp = "equal" | "delete" | "insert";

export interface WordChunk {
  op: WordOp;
  words: string[];
}

export interface WordDiff {
  chunks: WordChunk[];
  /** False when part of the input was too large for the exact diff and was compared coarsely. */
  exact: boolean;
}

export interface WordDiffOptions {
  /** Largest LCS table (rows × columns) built for one gap; default `DEFAULT_MAX_CELLS`. */
  maxCells?: number;
}

/** 1 M entries of 4 bytes: a 1000 × 1000-word change is still diffed exactly. */
export const DEFAULT_MAX_CELLS = 1_000_000;
/** How often a gap between anchors is split again before it is compared coarsely. */
const MAX_ANCHOR_DEPTH = 6;

/**
 * The words of a text: runs of non-space characters (punctuation stays with its word), except
 * that the square brackets of bracketed text are words of their own, so that a change inside a
 * bracket is not glued to it.
 */
export function tokenizeWords(text: string): string[] {
  return text.match(/[[\]]|[^\s[\]]+/g) ?? [];
}

/** Whether words are written with a space between them (none inside `[` … `]`). */
export function spaceBetween(previous: string | null, word: string): boolean {
  return previous !== null && previous !== "[" && word !== "]";
}

/** Rebuilds `to` from `from` by applying the diff; throws if the diff does not fit `from`. */
export function applyWordDiff(from: readonly string[], diff: WordDiff): string[] {
  const out: string[] = [];
  let at = 0;
  for (const chunk of diff.chunks) {
    if (chunk.op === "insert") {
      out.push(...chunk.words);
      continue;
    }
    for (const word of chunk.words) {
      if (from[at] !== word) throw new Error(`diff does not apply at word ${at}`);
      if (chunk.op === "equal") out.push(word);
      at++;
    }
  }
  if (at !== from.length) throw new Error("diff does not cover the whole text");
  return out;
}

/** The words the diff keeps or deletes, in order: `from` again. */
export function sourceWords(diff: WordDiff): string[] {
  return diff.chunks.flatMap((c) => (c.op === "insert" ? [] : c.words));
}

class ChunkBuilder {
  readonly chunks: WordChunk[] = [];
  exact = true;

  push(op: WordOp, words: readonly string[]): void {
    if (words.length === 0) return;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.op === op) last.words.push(...words);
    else this.chunks.push({ op, words: [...words] });
  }

  /** Deletions before insertions within a run of changes, so a replacement reads `<del><ins>`. */
  finish(): WordChunk[] {
    const out: WordChunk[] = [];
    let del: string[] = [];
    let ins: string[] = [];
    const flush = () => {
      if (del.length > 0) out.push({ op: "delete", words: del });
      if (ins.length > 0) out.push({ op: "insert", words: ins });
      del = [];
      ins = [];
    };
    for (const chunk of this.chunks) {
      if (chunk.op === "delete") del.push(...chunk.words);
      else if (chunk.op === "insert") ins.push(...chunk.words);
      else {
        flush();
        out.push(chunk);
      }
    }
    flush();
    return out;
  }
}

/** Compares two word lists. */
export function diffWords(
  from: readonly string[],
  to: readonly string[],
  options: WordDiffOptions = {},
): WordDiff {
  const maxCells = Math.max(1, options.maxCells ?? DEFAULT_MAX_CELLS);
  const out = new ChunkBuilder();
  diffRange(from, 0, from.length, to, 0, to.length, maxCells, 0, out);
  return { chunks: out.finish(), exact: out.exact };
}

/** Compares two texts word by word. */
export function diffText(from: string, to: string, options: WordDiffOptions = {}): WordDiff {
  return diffWords(tokenizeWords(from), tokenizeWords(to), options);
}

function diffRange(
  a: readonly string[],
  aStart: number,
  aEnd: number,
  b: readonly string[],
  bStart: number,
  bEnd: number,
  maxCells: number,
  depth: number,
  out: ChunkBuilder,
): void {
  // The common prefix and suffix cost nothing to align.
  let prefix = 0;
  while (
    aStart + prefix < aEnd &&
    bStart + prefix < bEnd &&
    a[aStart + prefix] === b[bStart + prefix]
  )
    prefix++;
  let suffix = 0;
  while (
    aEnd - suffix > aStart + prefix &&
    bEnd - suffix > bStart + prefix &&
    a[aEnd - suffix - 1] === b[bEnd - suffix - 1]
  )
    suffix++;
  out.push("equal", a.slice(aStart, aStart + prefix));
  const a0 = aStart + prefix;
  const a1 = aEnd - suffix;
  const b0 = bStart + prefix;
  const b1 = bEnd - suffix;
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) {
    out.push("delete", a.slice(a0, a1));
    out.push("insert", b.slice(b0, b1));
  } else if ((n + 1) * (m + 1) <= maxCells) {
    lcsDiff(a, a0, a1, b, b0, b1, out);
  } else {
    anchoredDiff(a, a0, a1, b, b0, b1, maxCells, depth, out);
  }
  out.push("equal", a.slice(aEnd - suffix, aEnd));
}

/** The exact diff from a table of LCS lengths of the suffixes (the caller bounds its size). */
function lcsDiff(
  a: readonly string[],
  a0: number,
  a1: number,
  b: readonly string[],
  b0: number,
  b1: number,
  out: ChunkBuilder,
): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const width = m + 1;
  // table[i * width + j]: LCS length of a[a0+i..a1) and b[b0+j..b1).
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[a0 + i] === b[b0 + j]
          ? table[(i + 1) * width + j + 1] + 1
          : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const word = a[a0 + i];
    if (word === b[b0 + j]) {
      out.push("equal", [word]);
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      out.push("delete", [word]);
      i++;
    } else {
      out.push("insert", [b[b0 + j]]);
      j++;
    }
  }
  out.push("delete", a.slice(a0 + i, a1));
  out.push("insert", b.slice(b0 + j, b1));
}

/** Patience diff over the words unique on both sides; gaps recurse, bounded in depth. */
function anchoredDiff(
  a: readonly string[],
  a0: number,
  a1: number,
  b: readonly string[],
  b0: number,
  b1: number,
  maxCells: number,
  depth: number,
  out: ChunkBuilder,
): void {
  out.exact = false;
  const anchors = depth < MAX_ANCHOR_DEPTH ? uniqueAnchors(a, a0, a1, b, b0, b1) : [];
  if (anchors.length === 0) {
    out.push("delete", a.slice(a0, a1));
    out.push("insert", b.slice(b0, b1));
    return;
  }
  let ai = a0;
  let bi = b0;
  for (const [ax, bx] of anchors) {
    diffRange(a, ai, ax, b, bi, bx, maxCells, depth + 1, out);
    out.push("equal", [a[ax]]);
    ai = ax + 1;
    bi = bx + 1;
  }
  diffRange(a, ai, a1, b, bi, b1, maxCells, depth + 1, out);
}

/** Pairs (index in a, index in b) of words occurring once on each side, in a common order. */
function uniqueAnchors(
  a: readonly string[],
  a0: number,
  a1: number,
  b: readonly string[],
  b0: number,
  b1: number,
): Array<[number, number]> {
  const countIn = (words: readonly string[], start: number, end: number) => {
    const seen = new Map<string, number>();
    for (let k = start; k < end; k++) {
      const w = words[k];
      const at = seen.get(w);
      seen.set(w, at === undefined ? k : -1);
    }
    return seen;
  };
  const inA = countIn(a, a0, a1);
  const inB = countIn(b, b0, b1);
  const pairs: Array<[number, number]> = [];
  for (let k = a0; k < a1; k++) {
    const w = a[k];
    const ia = inA.get(w);
    const ib = inB.get(w);
    if (ia === k && ib !== undefined && ib >= 0) pairs.push([k, ib]);
  }
  const keep = longestIncreasingRun(pairs.map((p) => p[1]));
  return keep.map((index) => pairs[index]);
}

/**
 * Indices of a longest strictly increasing subsequence of `values` (patience sorting,
 * O(n log n)). For sequences of distinct items it is their longest common subsequence.
 */
export function longestIncreasingRun(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const out: number[] = [];
  let k = tails.length > 0 ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    out.push(k);
    k = previous[k];
  }
  return out.reverse();
}
