/** The version stamp printed under the title: when the draft was last changed, and a revision. */
import { formatDate, formatDateTime } from "../format/dates.js";
import type { VersionStamp } from "./model.js";

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
  return formatDateTime(iso, { utc: true });
}

/** "26 November 2026" for a `YYYY-MM-DD` or ISO date; the input itself otherwise. */
export function formatDay(iso: string): string {
  return formatDate(iso, { utc: true });
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
