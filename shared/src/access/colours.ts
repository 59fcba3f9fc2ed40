/**
 * Each person's one colour (caret, avatar, presence list): derived from who they are — their
 * member id (`members.ts`) — and nothing else, so it is the same on every screen, in every
 * session, and does not change as others join or leave. The server writes it into every relayed
 * awareness state (`awareness.ts`), so a client cannot pick someone else's colour either.
 */

/**
 * Saturated enough to read a label on, dark enough for white label text (each passes WCAG AA
 * contrast against white), and far apart from each other. Always `#rrggbb`: CollaborationCaret
 * drops any other colour format.
 */
export const PERSON_PALETTE = [
  "#1f6feb",
  "#c2410c",
  "#15803d",
  "#9333ea",
  "#be123c",
  "#0e7490",
  "#a16207",
  "#4d7c0f",
  "#c026d3",
  "#4338ca",
  "#b91c1c",
  "#0f766e",
] as const;

/** FNV-1a: a small, stable string hash (the same seed always gives the same value). */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The colour of the person with member id `member`: a pure function of the id. */
export function colourOfMember(member: string): string {
  return PERSON_PALETTE[hashString(member) % PERSON_PALETTE.length]!;
}
