/**
 * @mentions: while typing, `@` followed by letters offers the people and parties of the
 * framework; on sending, the mentions whose `@label` is still in the body are stored with it.
 */
import type { Mention } from "@parley/shared/comments/records";

export interface MentionCandidate {
  mention: Mention;
  /** Shown in the suggestion list, e.g. "Amira Haddad" or "North Delegation (party)". */
  description: string;
}

/** The `@query` being typed just before the caret, or null. */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)@([^\s@]{0,40}(?: [^\s@]{1,40})?)$/.exec(before);
  if (!match) return null;
  const query = match[1] ?? "";
  return { start: caret - query.length - 1, query };
}

/** Candidates whose label starts with (or has a word starting with) `query`, best first. */
export function suggestMentions(
  candidates: readonly MentionCandidate[],
  query: string,
  limit = 6,
): MentionCandidate[] {
  const q = query.toLowerCase();
  const score = (label: string): number => {
    const l = label.toLowerCase();
    if (l.startsWith(q)) return 0;
    if (l.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    return l.includes(q) ? 2 : 3;
  };
  return candidates
    .map((c) => ({ c, s: score(c.mention.label) }))
    .filter((x) => x.s < 3)
    .sort((a, b) => a.s - b.s || a.c.mention.label.localeCompare(b.c.mention.label))
    .slice(0, limit)
    .map((x) => x.c);
}

/** Replaces the `@query` at `start..caret` with `@label ` and returns the new text and caret. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  label: string,
): { text: string; caret: number } {
  const inserted = `@${label} `;
  return {
    text: text.slice(0, start) + inserted + text.slice(caret),
    caret: start + inserted.length,
  };
}

/** The chosen mentions still present in `body` as `@label`, without duplicates. */
export function mentionsInBody(body: string, chosen: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string>();
  for (const mention of chosen) {
    const key = mention.kind === "party" ? `party:${mention.partyId}` : `person:${mention.label}`;
    if (seen.has(key) || !body.includes(`@${mention.label}`)) continue;
    seen.add(key);
    out.push(mention);
  }
  return out;
}
