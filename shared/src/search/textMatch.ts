/**
 * Plain-text search, shared by the find panel in the editor and the cross-framework search on
 * the server: a query is matched case-insensitively and with runs of whitespace counting as one
 * space; each hit is a range of the original text, and a snippet shows it with a little context.
 */

/** Longest query accepted (characters, after trimming). */
export const MAX_QUERY_LENGTH = 200;
/** Shortest query searched (shorter ones match too much to be useful). */
export const MIN_QUERY_LENGTH = 2;

export interface TextRange {
  from: number;
  to: number;
}

/** The query as searched: trimmed, whitespace collapsed; null if too short or too long. */
export function normalizeQuery(query: string): string | null {
  const text = query.replace(/\s+/g, " ").trim();
  if (text.length < MIN_QUERY_LENGTH || text.length > MAX_QUERY_LENGTH) return null;
  return text;
}

/** Lower-cases character by character, keeping every index (a few letters change length). */
function fold(text: string): string {
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Every non-overlapping occurrence of `query` in `text`, in order, at most `limit`. Case is
 * ignored and any run of whitespace in the text matches a space of the query.
 */
export function findMatches(text: string, query: string, limit = 1000): TextRange[] {
  const normalized = normalizeQuery(query);
  if (normalized === null || limit <= 0) return [];
  const pattern = new RegExp(fold(normalized).split(" ").map(escapeRegExp).join("\\s+"), "g");
  const haystack = fold(text);
  const out: TextRange[] = [];
  for (const match of haystack.matchAll(pattern)) {
    out.push({ from: match.index, to: match.index + match[0].length });
    if (out.length >= limit) break;
  }
  return out;
}

export interface Snippet {
  /** Text before the match ("…" first when cut). */
  before: string;
  match: string;
  /** Text after the match ("…" last when cut). */
  after: string;
}

/**
 * The match with up to `radius` characters either side, cut at a word boundary where there is
 * one near, whitespace collapsed; "…" marks where the text goes on.
 */
export function snippetAt(text: string, range: TextRange, radius = 60): Snippet {
  const squash = (s: string) => s.replace(/\s+/g, " ");
  let start = Math.max(0, range.from - radius);
  let end = Math.min(text.length, range.to + radius);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space !== -1 && space < range.from) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space >= range.to) end = space;
  }
  const before = squash(text.slice(start, range.from)).trimStart();
  const after = squash(text.slice(range.to, end)).trimEnd();
  return {
    before: `${start > 0 ? "…" : ""}${before}`,
    match: squash(text.slice(range.from, range.to)),
    after: `${after}${end < text.length ? "…" : ""}`,
  };
}
