/**
 * Bounds of the numeric node attributes, and the one way to read each of them. A stored document
 * can hold any value there (a client may write Yjs attributes directly, bypassing the schema), so
 * every reader — HTML parsing in the schema, the export model — goes through these: a value out of
 * bounds is clamped, anything that is not a finite number (NaN, Infinity, a string that is not a
 * number, a negative span) becomes the default.
 */

export const NUMERIC_ATTR_BOUNDS = {
  /** Columns a table cell may span (`colspan`). */
  colspan: { min: 1, max: 64, fallback: 1 },
  /** Rows a table cell may span (`rowspan`); the export also caps it at the rows left. */
  rowspan: { min: 1, max: 1000, fallback: 1 },
  /** Heading levels. */
  level: { min: 1, max: 6, fallback: 1 },
  /**
   * First number of an ordered list (`start`). CommonMark allows at most 9 digits in a list
   * marker; this leaves room for the items of any list.
   */
  start: { min: 0, max: 99_999_999, fallback: 1 },
  /** One column width of a cell, in pixels (`colwidth` holds one per spanned column). */
  width: { min: 0, max: 10_000, fallback: 0 },
} as const;

type Bound = { min: number; max: number; fallback: number };

function readNumber(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw === "string" && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(raw)) {
    const value = Number(raw);
    return Number.isFinite(value) ? value : null;
  }
  return null;
}

/** An integer within `bound`: out-of-range values clamp, non-numbers and negatives fall back. */
export function boundedInt(raw: unknown, bound: Bound): number {
  const value = readNumber(raw);
  if (value === null || value < 0) return bound.fallback;
  return Math.min(bound.max, Math.max(bound.min, Math.trunc(value)));
}

export const readColspan = (raw: unknown): number => boundedInt(raw, NUMERIC_ATTR_BOUNDS.colspan);
export const readRowspan = (raw: unknown): number => boundedInt(raw, NUMERIC_ATTR_BOUNDS.rowspan);
export const readHeadingLevel = (raw: unknown): 1 | 2 | 3 | 4 | 5 | 6 => {
  const level = boundedInt(raw, NUMERIC_ATTR_BOUNDS.level);
  return level === 2 || level === 3 || level === 4 || level === 5 || level === 6 ? level : 1;
};
export const readListStart = (raw: unknown): number => boundedInt(raw, NUMERIC_ATTR_BOUNDS.start);

/**
 * A cell's `colwidth`: one width per spanned column, or null. Anything that is not an array of
 * `colspan` entries is null (the column takes its natural width); each entry is clamped.
 */
export function readColwidth(raw: unknown, colspan: number): number[] | null {
  if (!Array.isArray(raw) || raw.length !== colspan) return null;
  return raw.map((w) => boundedInt(w, NUMERIC_ATTR_BOUNDS.width));
}
