/**
 * The shape of a comparison between two versions, by provision: plain JSON, what the API returns
 * and the renderers read. Built by `compareSnapshots` (`compare.ts`).
 */
import type { Actor } from "../model/actor.js";
import type { RecordKind } from "../sequencing/snapshot.js";
import type { SnapshotResolution, SnapshotStance } from "./snapshot.js";
import type { WordDiff } from "./wordDiff.js";

export type TermChangeKind =
  | "added"
  | "removed"
  /** Its order changed relative to the other terms (not merely shifted by an insertion). */
  | "moved"
  /** Its display number changed (`Art. 1.2` → `Art. 1.3`). */
  | "renumbered"
  | "recategorised"
  | "textChanged"
  | "statusChanged"
  | "stancesChanged";

export interface StanceChange {
  partyId: string;
  from: SnapshotStance | null;
  to: SnapshotStance | null;
  by?: Actor[];
}

export interface TermChange {
  termId: string;
  kinds: TermChangeKind[];
  /** Display numbers and places before and after; null on the side where the term is absent. */
  label: { from: string | null; to: string | null };
  position: { from: number | null; to: number | null };
  /** The text now (the text then, for a removed term). */
  text: string;
  /** Word diff of the text, when it changed. */
  textDiff?: WordDiff;
  category?: { from: string; to: string };
  status?: { from: string; to: string; by?: Actor[] };
  stances: StanceChange[];
  /** Who changed the term's text (as the authorship hook says). */
  by?: Actor[];
}

export type BracketChangeKind = "added" | "removed" | "resolved" | "reopened" | "optionsChanged";

export type OptionChangeKind =
  | "added"
  /** Gone without a resolution choosing another option: the "no option dropped" check fails. */
  | "dropped"
  /** Set aside by a resolution that chose another option. */
  | "resolvedAway"
  /** The option a resolution chose. */
  | "chosen"
  | "textChanged"
  | "positionsChanged";

export interface OptionChange {
  optionId: string;
  kinds: OptionChangeKind[];
  /** The option's text now (then, when it is gone). */
  text: string;
  textDiff?: WordDiff;
  proposedBy: string | null;
  supportedBy?: { from: string[]; to: string[] };
  opposedBy?: { from: string[]; to: string[] };
  by?: Actor[];
}

export interface BracketChange {
  bracketId: string;
  termId: string | null;
  /** The display number of its term (now, else then). */
  termLabel: string | null;
  kinds: BracketChangeKind[];
  options: OptionChange[];
  resolution?: SnapshotResolution;
  by?: Actor[];
}

/** An option present in the earlier version that disappeared without being resolved. */
export interface DroppedOption {
  bracketId: string;
  optionId: string;
  termId: string | null;
  termLabel: string | null;
  text: string;
  proposedBy: string | null;
  by?: Actor[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface RecordChange {
  recordKind: RecordKind;
  id: string;
  /** A readable name: the record's name, action or obligation. */
  name: string;
  kind: "added" | "removed" | "changed";
  /** Field by field, for a changed record (its `changed` stamp left out). */
  fields: FieldChange[];
  by?: Actor[];
}

export interface ComparisonCounts {
  termsChanged: number;
  termsAdded: number;
  termsRemoved: number;
  termsMoved: number;
  termsRenumbered: number;
  bracketsResolved: number;
  optionsAdded: number;
  optionsDropped: number;
  recordsAdded: number;
  recordsRemoved: number;
  recordsChanged: number;
}

export interface ComparisonParty {
  id: string;
  name: string;
  shortName: string;
}

export interface Comparison {
  /** Parties of both versions (names as they are now), for the renderers. */
  parties: ComparisonParty[];
  /** Changed terms only, in reading order (removed ones where they stood). */
  terms: TermChange[];
  brackets: BracketChange[];
  droppedOptions: DroppedOption[];
  sequencing: RecordChange[];
  counts: ComparisonCounts;
  /** "7 terms changed, 2 added, 1 removed; 3 bracket options dropped". */
  summary: string;
  /** False when some text was too large to be diffed word by word exactly. */
  exact: boolean;
}
