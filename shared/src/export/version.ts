/** The version stamp printed under the title: when the draft was last changed, and a revision. */
import type { VersionStamp } from "./model.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** FNV-1a, 32 bits, as 8 hex digits: a short fingerprint, not a security measure. */
export function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** "26 November 2026, 13:20 UTC"; the input itself when it is not a date. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** "26 November 2026" for a `YYYY-MM-DD` or ISO date; the input itself otherwise. */
export function formatDay(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * The stamp of a draft. `revision` is a fingerprint of the document state (pass the encoded
 * state vector, or the whole encoded state): it changes with every edit. Once named versions
 * exist, their name belongs here.
 */
export function versionStamp(updatedAt: string, state: Uint8Array): VersionStamp {
  const revision = fingerprint(state);
  return { text: `Draft of ${formatUtc(updatedAt)} · rev ${revision}`, updatedAt, revision };
}
