/**
 * Searching one framework's title and text (the cross-framework search of the home page): pure,
 * bounded work on the text blocks (`frameworkText.ts`), the same matching as the find panel.
 */
import { findMatches, normalizeQuery, type Snippet, snippetAt } from "./textMatch.js";

/** Most frameworks one search request may name (tokens). */
export const MAX_SEARCH_FRAMEWORKS = 50;
/** Matches counted per framework; past this the count says "at least". */
export const MAX_SEARCH_MATCHES = 100;
/** Snippets answered per framework. */
export const MAX_SEARCH_SNIPPETS = 3;
/** Characters of text searched per framework (a bound on the work of one request). */
export const MAX_SEARCHED_CHARS = 2_000_000;

export interface FrameworkHit {
  titleMatch: boolean;
  matchCount: number;
  snippets: Snippet[];
}

/** Where `query` occurs in the title and text blocks; null when nowhere (or no usable query). */
export function searchFramework(
  title: string,
  blocks: readonly string[],
  query: string,
): FrameworkHit | null {
  if (normalizeQuery(query) === null) return null;
  const titleMatch = findMatches(title, query, 1).length > 0;
  let matchCount = 0;
  let searched = 0;
  const snippets: Snippet[] = [];
  for (const block of blocks) {
    if (matchCount >= MAX_SEARCH_MATCHES || searched >= MAX_SEARCHED_CHARS) break;
    const text = block.slice(0, MAX_SEARCHED_CHARS - searched);
    searched += text.length;
    const ranges = findMatches(text, query, MAX_SEARCH_MATCHES - matchCount);
    matchCount += ranges.length;
    for (const range of ranges) {
      if (snippets.length >= MAX_SEARCH_SNIPPETS) break;
      snippets.push(snippetAt(text, range));
    }
  }
  if (!titleMatch && matchCount === 0) return null;
  return { titleMatch, matchCount, snippets };
}
