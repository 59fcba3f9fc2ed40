/**
 * Where the sequencing records live in the framework Y.Doc, and how to read them out as a plain,
 * validated snapshot that the checks, the milestone computation and the summaries work on.
 *
 * Layout: one top-level `Y.Map` per record kind, keyed by record id; each value is the whole
 * record as a plain JSON object (a write replaces the record atomically, so a concurrent edit of
 * the same record keeps one complete version, never a mix of two). Only this module names the maps.
 */
import type * as Y from "yjs";
import type { z } from "zod";
import { Body } from "./body.js";
import { Guarantee } from "./guarantee.js";
import { Mechanism } from "./mechanism.js";
import { Milestone } from "./milestone.js";
import { Proposal } from "./proposal.js";
import { Side } from "./side.js";
import { Step } from "./step.js";

/** The names of the top-level Y.Maps in the framework doc. Use `sequencingMap`, not these strings. */
export const SEQUENCING_MAP_NAMES = {
  milestone: "sequencing.milestones",
  step: "sequencing.steps",
  mechanism: "sequencing.mechanisms",
  guarantee: "sequencing.guarantees",
  proposal: "sequencing.proposals",
  side: "sequencing.sides",
  body: "sequencing.bodies",
} as const;

export type RecordKind = keyof typeof SEQUENCING_MAP_NAMES;
export const RECORD_KINDS = Object.keys(SEQUENCING_MAP_NAMES) as RecordKind[];

export interface RecordTypes {
  milestone: Milestone;
  step: Step;
  mechanism: Mechanism;
  guarantee: Guarantee;
  proposal: Proposal;
  side: Side;
  body: Body;
}

export const RECORD_SCHEMAS: { [K in RecordKind]: z.ZodType<RecordTypes[K]> } = {
  milestone: Milestone,
  step: Step,
  mechanism: Mechanism,
  guarantee: Guarantee,
  proposal: Proposal,
  side: Side,
  body: Body,
};

/** The Y.Map holding one kind of record. */
export function sequencingMap(doc: Y.Doc, kind: RecordKind): Y.Map<unknown> {
  return doc.getMap<unknown>(SEQUENCING_MAP_NAMES[kind]);
}

/** A stored value that does not pass validation (written by an old or hostile client). */
export interface InvalidRecord {
  kind: RecordKind;
  id: string;
  message: string;
}

/** Every sequencing record of a framework, validated, each list sorted by id. */
export interface SequencingSnapshot {
  milestones: Milestone[];
  steps: Step[];
  mechanisms: Mechanism[];
  guarantees: Guarantee[];
  proposals: Proposal[];
  /** Parties grouped into sides or coalitions. */
  sides: Side[];
  /** Bodies that act without being parties (joint commission, agency, Security Council). */
  bodies: Body[];
  /** Stored values that failed validation; left out of the lists above. */
  invalid: InvalidRecord[];
}

export const EMPTY_SNAPSHOT: SequencingSnapshot = {
  milestones: [],
  steps: [],
  mechanisms: [],
  guarantees: [],
  proposals: [],
  sides: [],
  bodies: [],
  invalid: [],
};

function readKind<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  invalid: InvalidRecord[],
): RecordTypes[K][] {
  const out: RecordTypes[K][] = [];
  const map = sequencingMap(doc, kind);
  const keys = [...map.keys()].sort();
  for (const id of keys) {
    const parsed = RECORD_SCHEMAS[kind].safeParse(map.get(id));
    if (parsed.success && parsed.data.id === id) out.push(parsed.data);
    else {
      const message = parsed.success
        ? `stored under "${id}" but its id is "${parsed.data.id}"`
        : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      invalid.push({ kind, id, message });
    }
  }
  return out;
}

/** Reads the snapshot out of a Y.Doc. Never throws on bad stored data: it lands in `invalid`. */
export function readSnapshot(doc: Y.Doc): SequencingSnapshot {
  const invalid: InvalidRecord[] = [];
  return {
    milestones: readKind(doc, "milestone", invalid),
    steps: readKind(doc, "step", invalid),
    mechanisms: readKind(doc, "mechanism", invalid),
    guarantees: readKind(doc, "guarantee", invalid),
    proposals: readKind(doc, "proposal", invalid),
    sides: readKind(doc, "side", invalid),
    bodies: readKind(doc, "body", invalid),
    invalid,
  };
}

/**
 * Calls `listener` after every transaction that changed any sequencing record (local or remote).
 * Returns the unsubscribe function. Suits React's `useSyncExternalStore` with `readSnapshot`
 * (cache the snapshot per call of the listener: `readSnapshot` builds a new object each time).
 */
export function subscribeSequencing(doc: Y.Doc, listener: () => void): () => void {
  const maps = new Set<object>(RECORD_KINDS.map((k) => sequencingMap(doc, k)));
  const handler = (tr: Y.Transaction) => {
    for (const type of tr.changed.keys()) {
      if (maps.has(type)) {
        listener();
        return;
      }
    }
  };
  doc.on("afterTransaction", handler);
  return () => doc.off("afterTransaction", handler);
}

/** Lookups by id over a snapshot. */
export interface SnapshotIndex {
  snapshot: SequencingSnapshot;
  milestone: Map<string, Milestone>;
  step: Map<string, Step>;
  mechanism: Map<string, Mechanism>;
  guarantee: Map<string, Guarantee>;
  proposal: Map<string, Proposal>;
  side: Map<string, Side>;
  body: Map<string, Body>;
}

export function indexSnapshot(snapshot: SequencingSnapshot): SnapshotIndex {
  return {
    snapshot,
    milestone: new Map(snapshot.milestones.map((r) => [r.id, r])),
    step: new Map(snapshot.steps.map((r) => [r.id, r])),
    mechanism: new Map(snapshot.mechanisms.map((r) => [r.id, r])),
    guarantee: new Map(snapshot.guarantees.map((r) => [r.id, r])),
    proposal: new Map(snapshot.proposals.map((r) => [r.id, r])),
    side: new Map(snapshot.sides.map((r) => [r.id, r])),
    body: new Map(snapshot.bodies.map((r) => [r.id, r])),
  };
}
