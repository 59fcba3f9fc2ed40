/**
 * How a comparison reads on screen: labels for the kinds of change, a term's number then → now,
 * field values of sequencing records, and who made the changes grouped by party with the party's
 * colour (from the shared palette, so a party has the same colour on every screen). Pure.
 */
import { hashString, PERSON_PALETTE } from "@parley/shared/access/colours";
import type { Actor } from "@parley/shared/model/actor";
import { STANCE_LABELS, STATUS_LABELS } from "@parley/shared/model/vocabulary";
import { OPTION_KIND_LABELS, TERM_KIND_LABELS } from "@parley/shared/versions/changeLabels";
import { stableJson } from "@parley/shared/versions/compareSequencing";
import type {
  Comparison,
  ComparisonParty,
  RecordChange,
  TermChange,
} from "@parley/shared/versions/comparison";
import type { SnapshotStance } from "@parley/shared/versions/snapshot";
import { spaceBetween, type WordDiff, type WordOp } from "@parley/shared/versions/wordDiff";

export { OPTION_KIND_LABELS, TERM_KIND_LABELS };

export const RECORD_KIND_LABELS: Record<RecordChange["recordKind"], string> = {
  milestone: "Milestone",
  step: "Step",
  mechanism: "Verification mechanism",
  guarantee: "Guarantee",
  proposal: "Proposal",
  side: "Side",
  body: "Body",
};

/** The mediation team (no party) reads in a neutral grey. */
export const NO_PARTY_COLOUR = "#57606a";

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * A party's colour: the one the framework gives it when the comparison carries it (as the text's
 * bracket options and stance chips show it), else a pure function of its id from the shared
 * palette.
 */
export function partyColour(partyId: string | null, own?: unknown): string {
  if (partyId === null) return NO_PARTY_COLOUR;
  if (typeof own === "string" && HEX_COLOUR.test(own)) return own;
  return PERSON_PALETTE[hashString(partyId) % PERSON_PALETTE.length] ?? NO_PARTY_COLOUR;
}

export function partyNames(parties: readonly ComparisonParty[]): Map<string, string> {
  return new Map(parties.map((p) => [p.id, p.shortName || p.name]));
}

/** Each party's own colour, where the comparison's parties carry one. */
export function partyColours(parties: readonly ComparisonParty[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const party of parties) {
    out.set(party.id, partyColour(party.id, "colour" in party ? party.colour : undefined));
  }
  return out;
}

/** The parties of a comparison as the view reads them: short names and colours by id. */
export interface PartyLook {
  names: ReadonlyMap<string, string>;
  colours: ReadonlyMap<string, string>;
}

export function partyLook(parties: readonly ComparisonParty[]): PartyLook {
  return { names: partyNames(parties), colours: partyColours(parties) };
}

export function partyLabel(names: ReadonlyMap<string, string>, partyId: string | null): string {
  if (partyId === null) return "Mediation";
  return names.get(partyId) ?? partyId;
}

/** "Art. 1.2", "Art. 1.2 → Art. 1.3", or the one side a term is on. */
export function termHeading(change: TermChange): string {
  const { from, to } = change.label;
  if (from !== null && to !== null && from !== to) return `${from} → ${to}`;
  return to ?? from ?? change.termId;
}

export function termKindsText(change: TermChange): string {
  return change.kinds.map((k) => TERM_KIND_LABELS[k]).join(", ");
}

export function stanceText(stance: SnapshotStance | null): string {
  if (stance === null) return "none";
  const label = stance.stance === "invalid" ? "invalid" : STANCE_LABELS[stance.stance];
  return stance.condition ? `${label} (${stance.condition})` : label;
}

/** A status as stored ("agreedAdReferendum") as read ("Agreed ad referendum"). */
export function statusText(status: string): string {
  const labels: Readonly<Record<string, string>> = STATUS_LABELS;
  return labels[status] ?? status;
}

/** A sequencing field's value as one short line. */
export function fieldValueText(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return value.length === 0 ? "(none)" : value.join(", ");
  }
  return stableJson(value);
}

export interface PartyAuthors {
  partyId: string | null;
  label: string;
  colour: string;
  /** Display names, each once, in order of first appearance. */
  names: string[];
}

/** People grouped by the party they acted for, parties in order of first appearance. */
export function authorsByParty(
  actors: readonly Actor[],
  names: ReadonlyMap<string, string>,
  colours: ReadonlyMap<string, string> = new Map(),
): PartyAuthors[] {
  const groups: PartyAuthors[] = [];
  for (const actor of actors) {
    let group = groups.find((g) => g.partyId === actor.party);
    if (!group) {
      group = {
        partyId: actor.party,
        label: partyLabel(names, actor.party),
        colour:
          (actor.party === null ? undefined : colours.get(actor.party)) ?? partyColour(actor.party),
        names: [],
      };
      groups.push(group);
    }
    if (!group.names.includes(actor.name)) group.names.push(actor.name);
  }
  return groups;
}

/** Everyone the comparison names as having made a change. */
export function comparisonAuthors(comparison: Comparison): Actor[] {
  const out: Actor[] = [];
  const add = (list: readonly Actor[] | undefined) => {
    if (list) out.push(...list);
  };
  for (const term of comparison.terms) {
    add(term.by);
    add(term.status?.by);
    for (const stance of term.stances) add(stance.by);
  }
  for (const bracket of comparison.brackets) {
    add(bracket.by);
    for (const option of bracket.options) add(option.by);
  }
  for (const dropped of comparison.droppedOptions) add(dropped.by);
  for (const record of comparison.sequencing) add(record.by);
  return out;
}

/** Nothing changed between the two. */
export function isEmptyComparison(comparison: Comparison): boolean {
  return (
    comparison.terms.length === 0 &&
    comparison.brackets.length === 0 &&
    comparison.droppedOptions.length === 0 &&
    comparison.sequencing.length === 0
  );
}

export interface DiffSegment {
  /** Stable within one diff: the op and the place of its first word. */
  key: string;
  op: WordOp;
  /** The space before it, if the text has one there. */
  gap: string;
  text: string;
}

/** A word diff as runs of text to draw, spaced as the text is (none inside `[` … `]`). */
export function diffSegments(diff: WordDiff): DiffSegment[] {
  const out: DiffSegment[] = [];
  let previous: string | null = null;
  let at = 0;
  for (const chunk of diff.chunks) {
    const first = chunk.words[0];
    if (first === undefined) continue;
    const gap = spaceBetween(previous, first) ? " " : "";
    let text = "";
    let last: string | null = null;
    for (const word of chunk.words) {
      text += last === null ? word : `${spaceBetween(last, word) ? " " : ""}${word}`;
      last = word;
    }
    out.push({ key: `${chunk.op}:${at}`, op: chunk.op, gap, text });
    previous = last;
    at += chunk.words.length;
  }
  return out;
}
