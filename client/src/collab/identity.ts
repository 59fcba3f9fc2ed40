/**
 * Who I am in a document: a display name the person picks once, and a caret colour. Pure
 * functions; `features/name-prompt/identityStore.ts` keeps the result in localStorage.
 */

import { colourOfMember, hashString, PERSON_PALETTE } from "@parley/shared/access/colours";

export interface Identity {
  name: string;
  /** Always `#rrggbb`: CollaborationCaret drops any other colour format. */
  colour: string;
}

export const MAX_NAME_LENGTH = 40;

/** Caret colours: see `@parley/shared/access/colours` (one stable colour per member). */
export const CARET_PALETTE = PERSON_PALETTE;

const HEX_COLOUR = /^#[0-9a-f]{6}$/;

export function isHexColour(value: unknown): value is string {
  return typeof value === "string" && HEX_COLOUR.test(value);
}

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Trims and collapses whitespace; refuses empty and over-long names with a sentence to show. */
export function normalizeDisplayName(input: string): NameCheck {
  const name = input.replace(/\s+/g, " ").trim();
  if (name.length === 0) return { ok: false, message: "Please enter the name others will see." };
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, message: `Please keep the name under ${MAX_NAME_LENGTH + 1} characters.` };
  }
  return { ok: true, name };
}

export { hashString };

/**
 * A caret colour for `seed`: the palette entry the seed hashes to, or the next one that nobody
 * in `taken` uses. When every colour is taken, the hashed one (colours repeat only past 12 people).
 */
export function pickColour(seed: string, taken: Iterable<string> = []): string {
  const used = new Set(Array.from(taken, (c) => c.toLowerCase()));
  const start = hashString(seed) % CARET_PALETTE.length;
  for (let i = 0; i < CARET_PALETTE.length; i++) {
    const colour = CARET_PALETTE[(start + i) % CARET_PALETTE.length]!;
    if (!used.has(colour)) return colour;
  }
  return CARET_PALETTE[start]!;
}

/** Up to two letters for an avatar: "Amira Haddad" → "AH", "kofi" → "K". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters
    .map((word) => Array.from(word)[0] ?? "")
    .join("")
    .toUpperCase();
}

/**
 * Who I am in one framework: the name my token fixes (the invite's, or the one chosen when the
 * invite was exchanged) and my member's colour, the same the server relays to everyone
 * (`@parley/shared/access/awareness`). The device's own name and colour only until the token's
 * access is known.
 */
export function identityInFramework(
  device: Identity,
  access: { name: string | null; member: string } | null,
): Identity {
  if (!access) return device;
  return { name: access.name ?? device.name, colour: colourOfMember(access.member) };
}
