/**
 * Words, symbols and tones for the framework's structured values, and short descriptions of who
 * changed what and when. Pure: no React, no Yjs.
 */

import type { RowSummary, StanceCell } from "@parley/shared/analysis/stanceMatrix";
import { formatDateTime } from "@parley/shared/format/dates";
import type { Actor } from "@parley/shared/model/actor";
import { describe } from "@parley/shared/model/attr";
import type { Party } from "@parley/shared/model/party";
import {
  CATEGORY_LABELS,
  STANCE_LABELS,
  STATUS_LABELS,
  type Stance,
  type TermCategory,
  type TermStatus,
} from "@parley/shared/model/vocabulary";

export type Tone = "neutral" | "progress" | "good" | "warn" | "bad" | "muted" | "invalid";

export const STATUS_TONES: Record<TermStatus, Tone> = {
  proposed: "neutral",
  underDiscussion: "progress",
  agreedAdReferendum: "warn",
  agreed: "good",
  parked: "muted",
  withdrawn: "muted",
};

export const STANCE_SYMBOLS: Record<Stance, string> = {
  accepts: "✓",
  acceptsWithConditions: "✓*",
  rejects: "✕",
  notStated: "–",
};

export const STANCE_TONES: Record<Stance, Tone> = {
  accepts: "good",
  acceptsWithConditions: "warn",
  rejects: "bad",
  notStated: "muted",
};

/** Short words for the matrix cells. */
export const STANCE_SHORT: Record<Stance, string> = {
  accepts: "Accepts",
  acceptsWithConditions: "Conditions",
  rejects: "Rejects",
  notStated: "Not stated",
};

export const SUMMARY_LABELS: Record<RowSummary, string> = {
  allAccept: "Agreed by all",
  conditions: "Conditions stand",
  blocked: "Blocked",
  incomplete: "Stances missing",
};

export const SUMMARY_TONES: Record<RowSummary, Tone> = {
  allAccept: "good",
  conditions: "warn",
  blocked: "bad",
  incomplete: "muted",
};

export function statusLabel(status: TermStatus): string {
  return STATUS_LABELS[status];
}

export function categoryLabel(category: TermCategory): string {
  return CATEGORY_LABELS[category];
}

export function stanceLabel(stance: Stance): string {
  return STANCE_LABELS[stance];
}

/** "invalid value: "bogus"" for a stored value that fails validation. */
export function invalidLabel(raw: unknown): string {
  return `invalid: ${describe(raw)}`;
}

/** "26 November 2026, 13:40" in the reader's time zone; the raw text if it is not a date. */
export function formatWhen(iso: string, _locale?: string): string {
  return formatDateTime(iso);
}

/** "Amira Haddad (FP)" — the actor's name with their party's short name when known. */
export function actorLabel(actor: Actor, parties: readonly Party[]): string {
  if (actor.party === null) return actor.name;
  const party = parties.find((p) => p.id === actor.party);
  return `${actor.name} (${party ? party.shortName : actor.party})`;
}

/**
 * The visible mark of a record about `party` written by someone outside it: "recorded by the
 * mediator for B" (only a mediator may now; older records may name another party's person). Null
 * when the party recorded it itself.
 */
export function onBehalfLabel(
  by: Actor,
  party: Pick<Party, "id" | "shortName">,
  parties: readonly Party[],
): string | null {
  if (by.party === party.id) return null;
  if (by.role === "mediator" || by.party === null) {
    return `recorded by the mediator for ${party.shortName}`;
  }
  return `recorded by ${actorLabel(by, parties)} for ${party.shortName}`;
}

/** "Amira Haddad (FP), 26 Nov, 13:40". */
export function attributionLabel(
  by: Actor,
  at: string,
  parties: readonly Party[],
  locale?: string,
): string {
  return `${actorLabel(by, parties)}, ${formatWhen(at, locale)}`;
}

/** The hover text of a stance cell: what the party said, its condition, who recorded it, when. */
export function stanceCellTitle(
  party: Party,
  cell: StanceCell,
  parties: readonly Party[],
  locale?: string,
): string {
  if (cell.kind === "invalid") return `${party.name}: ${cell.message}`;
  const parts = [`${party.name}: ${STANCE_LABELS[cell.stance]}`];
  if (cell.condition) parts.push(`Condition: ${cell.condition}`);
  if (cell.by && cell.at)
    parts.push(`Recorded by ${attributionLabel(cell.by, cell.at, parties, locale)}`);
  return parts.join("\n");
}

/** "33 %" for a share between 0 and 1. */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return "0 %";
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)} %`;
}

/** A party's name as a reader sees it in a list: "United States (US)". */
export function partyLabel(party: Pick<Party, "name" | "shortName">): string {
  return `${party.name} (${party.shortName})`;
}

/** The party or, for an id that names none, the id marked as unknown. */
export function partyNameOf(id: string | null, parties: readonly Party[]): string {
  if (id === null) return "no party";
  const party = parties.find((p) => p.id === id);
  if (!party) return `unknown party "${id}"`;
  return party.removedAt === null ? party.shortName : `${party.shortName} (removed)`;
}
