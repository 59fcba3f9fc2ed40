/**
 * The one place that knows which fields of which record point at what. Validation (refuse unknown
 * refs on write), the dangling-reference check and "what still refers to this?" before a removal
 * are all built on `outgoingRefs`.
 */
import type { BodyRef } from "./common.js";
import type { ContextIndex } from "./context.js";
import { milestoneBaseIds } from "./milestone.js";
import { type Reversal, reversalVerb } from "./reversal.js";
import type { RecordKind, RecordTypes, SequencingSnapshot, SnapshotIndex } from "./snapshot.js";
import { preconditionLeaves } from "./step.js";

/** What a reference may point at: a sequencing record, or a party / term of the framework. */
export type TargetKind = RecordKind | "party" | "term";

export interface OutgoingRef {
  /** Field path in the referring record, e.g. `preconditions.of.1.stepId`. */
  path: string;
  kind: TargetKind;
  id: string;
  /** How the referring record relates to the target, for messages ("depends on"). */
  relation: string;
}

function bodyRefs(path: string, body: BodyRef, relation: string): OutgoingRef[] {
  if (body.kind === "party")
    return [{ path: `${path}.partyId`, kind: "party", id: body.partyId, relation }];
  if (body.kind === "body")
    return [{ path: `${path}.bodyId`, kind: "body", id: body.bodyId, relation }];
  return [];
}

function reversalRefs(reversal: Reversal | null): OutgoingRef[] {
  if (!reversal) return [];
  const out: OutgoingRef[] = reversal.steps.map((s, i) => ({
    path: `reversal.steps.${i}.stepId`,
    kind: "step",
    id: s.stepId,
    relation: reversalVerb(reversal.effect),
  }));
  if (reversal.notificationMilestoneId !== null) {
    out.push({
      path: "reversal.notificationMilestoneId",
      kind: "milestone",
      id: reversal.notificationMilestoneId,
      relation: "is started by",
    });
  }
  return out;
}

export function outgoingRefs<K extends RecordKind>(kind: K, record: RecordTypes[K]): OutgoingRef[];
export function outgoingRefs(kind: RecordKind, record: RecordTypes[RecordKind]): OutgoingRef[] {
  const out: OutgoingRef[] = [];
  const push = (path: string, k: TargetKind, id: string, relation: string) => {
    out.push({ path, kind: k, id, relation });
  };
  if (kind === "step" && "action" in record) {
    if (record.actorPartyId !== null) {
      push("actorPartyId", "party", record.actorPartyId, "is taken by");
    }
    record.actors.forEach((a, i) => {
      if (a.kind === "party") push(`actors.${i}.partyId`, "party", a.partyId, "is taken by");
      else push(`actors.${i}.bodyId`, "body", a.bodyId, "is taken by");
    });
    if (record.termId !== null) push("termId", "term", record.termId, "implements");
    for (const { leaf, path } of preconditionLeaves(record.preconditions)) {
      if (leaf.kind === "step") push(`${path}.stepId`, "step", leaf.stepId, "depends on");
      else if (leaf.kind === "milestone") {
        push(`${path}.milestoneId`, "milestone", leaf.milestoneId, "depends on");
      } else if (leaf.kind === "reversal") {
        push(`${path}.recordId`, leaf.source, leaf.recordId, "depends on the reversal of");
      } else {
        push(`${path}.mechanismId`, "mechanism", leaf.mechanismId, "waits for a report of");
        leaf.stepIds.forEach((id, i) => {
          push(`${path}.stepIds.${i}`, "step", id, "depends on the verification of");
        });
      }
    }
    record.simultaneousWith.forEach((id, i) => {
      push(`simultaneousWith.${i}`, "step", id, "is simultaneous with");
    });
    for (const key of ["takenAt", "effectiveAt", "deadline"] as const) {
      const t = record[key];
      if (t) push(`${key}.milestoneId`, "milestone", t.milestoneId, "is timed from");
    }
    if (record.end?.kind === "until") {
      push("end.milestoneId", "milestone", record.end.milestoneId, "lasts until");
    }
    if (record.mechanismId !== null) {
      push("mechanismId", "mechanism", record.mechanismId, "is verified by");
    }
  } else if (kind === "milestone" && "definition" in record) {
    const def = record.definition;
    const paths = def.kind === "offset" ? ["fromMilestoneId"] : ["firstId", "secondId"];
    milestoneBaseIds(def).forEach((id, i) => {
      push(`definition.${paths[i]}`, "milestone", id, "is defined from");
    });
    if (def.kind === "event" && def.event.type === "verification-report") {
      push(
        "definition.event.mechanismId",
        "mechanism",
        def.event.mechanismId,
        "waits for a report of",
      );
      def.event.stepIds.forEach((id, i) => {
        push(`definition.event.stepIds.${i}`, "step", id, "waits for the verification of");
      });
    }
  } else if (kind === "mechanism" && "confirmsStepIds" in record) {
    out.push(...bodyRefs("body", record.body, "is carried out by"));
    record.reportsTo.forEach((b, i) => {
      out.push(...bodyRefs(`reportsTo.${i}`, b, "reports to"));
    });
    record.confirmsStepIds.forEach((id, i) => {
      push(`confirmsStepIds.${i}`, "step", id, "confirms");
    });
    if (record.reporting) {
      push(
        "reporting.fromMilestoneId",
        "milestone",
        record.reporting.fromMilestoneId,
        "reports from",
      );
    }
    out.push(...reversalRefs(record.reversal));
  } else if (kind === "guarantee" && "guarantor" in record) {
    out.push(...bodyRefs("guarantor", record.guarantor, "is given by"));
    out.push(...bodyRefs("beneficiary", record.beneficiary, "benefits"));
    record.relatedStepIds.forEach((id, i) => {
      push(`relatedStepIds.${i}`, "step", id, "covers");
    });
    out.push(...reversalRefs(record.reversal));
  } else if (kind === "proposal" && "stepIds" in record) {
    record.stepIds.forEach((id, i) => {
      push(`stepIds.${i}`, "step", id, "includes");
    });
  } else if (kind === "side" && "partyIds" in record) {
    record.partyIds.forEach((id, i) => {
      push(`partyIds.${i}`, "party", id, "groups");
    });
  }
  return out;
}

/** Whether a reference target exists in the snapshot (records) or the context (parties, terms). */
export function targetExists(
  kind: TargetKind,
  id: string,
  idx: SnapshotIndex,
  ctx: ContextIndex,
): boolean {
  if (kind === "party") return ctx.party(id) !== undefined;
  if (kind === "term") return ctx.hasTerm(id);
  return idx[kind].has(id);
}

/** A record that refers to something. */
export interface IncomingRef {
  fromKind: RecordKind;
  fromId: string;
  path: string;
  relation: string;
}

/** Every record field that points at `(kind, id)` — e.g. to ask before removing a mechanism. */
export function referencesTo(
  snapshot: SequencingSnapshot,
  kind: TargetKind,
  id: string,
): IncomingRef[] {
  const out: IncomingRef[] = [];
  for (const [fromKind, records] of recordLists(snapshot)) {
    for (const r of records) {
      for (const ref of outgoingRefs(fromKind, r)) {
        if (ref.kind === kind && ref.id === id && !(fromKind === kind && r.id === id)) {
          out.push({ fromKind, fromId: r.id, path: ref.path, relation: ref.relation });
        }
      }
    }
  }
  return out;
}

/** The snapshot's records paired with their kind, in a fixed order. */
export function recordLists(
  s: SequencingSnapshot,
): Array<[RecordKind, ReadonlyArray<RecordTypes[RecordKind]>]> {
  return [
    ["milestone", s.milestones],
    ["step", s.steps],
    ["mechanism", s.mechanisms],
    ["guarantee", s.guarantees],
    ["proposal", s.proposals],
    ["side", s.sides],
    ["body", s.bodies],
  ];
}
