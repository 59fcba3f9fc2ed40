/**
 * The live one-line summary of a step, for a step reference inside a term's text:
 * "Party A: lifts sanctions X — after Implementation Day, verified by IAEA".
 */

import { formatDate } from "../format/dates.js";
import { describeSpan } from "./calendar.js";
import { verifiersOf } from "./checks/unverified.js";
import type { BodyRef, TimeRef } from "./common.js";
import { type ContextIndex, indexContext, type SequencingContext } from "./context.js";
import {
  computeMilestones,
  describeTimeRef,
  type MilestoneResolution,
  resolveTimeRef,
} from "./milestones.js";
import { names, q } from "./names.js";
import type { ReversalEffect, ReversedStep } from "./reversal.js";
import { indexSnapshot, type SequencingSnapshot, type SnapshotIndex } from "./snapshot.js";
import type { Precondition, StepEnd, StepExtent } from "./step.js";

export interface StepSummary {
  stepId: string;
  /** False when the step does not exist (deleted): `text` then says so. */
  exists: boolean;
  actor: string;
  action: string;
  /** "after Implementation Day and “Party B: …”", or null without preconditions. */
  conditions: string | null;
  /** "taken on Implementation Day + 30 days (2026-03-02), takes effect on Transition Day". */
  timing: string | null;
  /** "by Adoption Day + 90 days". */
  deadline: string | null;
  /** Names of the verifying bodies ("IAEA"). */
  verifiedBy: string[];
  /** True when the step is marked reversible or a guarantee / mechanism can reverse it. */
  reversible: boolean;
  /** "suspended in part under “Dispute resolution”": what can reverse it. */
  reversedBy: string[];
  /** "in whole or in part", "300 kilograms", "up to 5060 centrifuges"; null for the whole step. */
  extent: string | null;
  /** "until Termination Day", "for 10 years", "with no end"; null when not said. */
  end: string | null;
  /** A public act that needs no verifier. */
  publicAct: boolean;
  /** Everything above in one line. */
  text: string;
}

export function bodyName(body: BodyRef, ctx: ContextIndex, idx: SnapshotIndex): string {
  if (body.kind === "party") return ctx.partyName(body.partyId);
  if (body.kind === "body") return idx.body.get(body.bodyId)?.name ?? body.bodyId;
  return body.name;
}

/** Summarizes one step; pass `resolutions` (from `computeMilestones`) when summarizing many. */
export function summarizeStep(
  stepId: string,
  snapshot: SequencingSnapshot,
  context: SequencingContext,
  resolutions: ReadonlyMap<string, MilestoneResolution> = computeMilestones(snapshot),
): StepSummary {
  return stepSummarizer(snapshot, context, resolutions)(stepId);
}

/**
 * Summarizes many steps of one snapshot (the export's Annex I): the snapshot and the context are
 * indexed once, not once per step.
 */
export function stepSummarizer(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
  resolutions: ReadonlyMap<string, MilestoneResolution> = computeMilestones(snapshot),
): (stepId: string) => StepSummary {
  const idx = indexSnapshot(snapshot);
  const ctx = indexContext(context);
  const n = names(idx, ctx);
  return (stepId) => summarize(stepId, { idx, ctx, n, resolutions });
}

interface Indexed {
  idx: SnapshotIndex;
  ctx: ContextIndex;
  n: ReturnType<typeof names>;
  resolutions: ReadonlyMap<string, MilestoneResolution>;
}

function summarize(stepId: string, { idx, ctx, n, resolutions }: Indexed): StepSummary {
  const step = idx.step.get(stepId);
  if (!step) {
    return {
      stepId,
      exists: false,
      actor: "",
      action: "",
      conditions: null,
      timing: null,
      deadline: null,
      verifiedBy: [],
      reversible: false,
      reversedBy: [],
      extent: null,
      end: null,
      publicAct: false,
      text: `(deleted step ${stepId})`,
    };
  }
  const time = (t: TimeRef) => {
    const base = describeTimeRef(t, n.milestone);
    const r = resolveTimeRef(t, resolutions);
    return r.status === "date" ? `${base} (${formatDate(r.date)})` : base;
  };
  const cond = (p: Precondition, nested: boolean): string => {
    switch (p.kind) {
      case "step":
        return q(n.step(p.stepId));
      case "milestone":
        return n.milestone(p.milestoneId);
      case "verification":
        return p.stepIds.length > 0
          ? `${n.mechanism(p.mechanismId)} verifies ${p.stepIds.map((s) => q(n.step(s))).join(" and ")}`
          : `a report of ${n.mechanism(p.mechanismId)}`;
      case "reversal": {
        const name =
          p.source === "guarantee"
            ? (idx.guarantee.get(p.recordId)?.obligation.slice(0, 60) ?? p.recordId)
            : n.mechanism(p.recordId);
        return `the reversal under ${q(name)}`;
      }
      case "none-of": {
        const joined = p.of.map((c) => cond(c, true)).join(" or ");
        return `provided ${p.of.length > 1 ? `none of ${joined}` : joined} has not happened`;
      }
      default: {
        const joined = p.of.map((c) => cond(c, true)).join(p.kind === "all-of" ? " and " : " or ");
        return nested && p.of.length > 1 ? `(${joined})` : joined;
      }
    }
  };
  const conditions = step.preconditions ? `after ${cond(step.preconditions, false)}` : null;
  const timingParts: string[] = [];
  if (step.takenAt) timingParts.push(`taken on ${time(step.takenAt)}`);
  if (step.effectiveAt) timingParts.push(`takes effect on ${time(step.effectiveAt)}`);
  const timing = timingParts.length > 0 ? timingParts.join(", ") : null;
  const deadline = step.deadline ? `by ${time(step.deadline)}` : null;
  const verifiedBy = verifiersOf(idx, step.id).map((id) =>
    bodyName(idx.mechanism.get(id)!.body, ctx, idx),
  );
  const extent = describeExtent(step.extent);
  const end = describeEnd(step.end, n.milestone);
  const reversedBy = reversalsOf(idx, step.id).map(
    (r) => `${REVERSED[r.effect]}${r.extent === "part" ? " in part" : ""} under ${q(r.sourceName)}`,
  );
  const details = [
    extent,
    conditions,
    timing,
    deadline,
    end,
    verifiedBy.length > 0
      ? `verified by ${verifiedBy.join(" and ")}`
      : step.publicAct
        ? "a public act (needs no verifier)"
        : null,
    reversedBy.length > 0
      ? `can be ${reversedBy.join(", ")}`
      : step.reversible
        ? "reversible"
        : null,
  ].filter((s): s is string => s !== null);
  const head = `${n.actors(step)}: ${step.action}`;
  return {
    stepId,
    exists: true,
    actor: n.actors(step),
    action: step.action,
    conditions,
    timing,
    deadline,
    verifiedBy,
    reversible: step.reversible || reversedBy.length > 0,
    reversedBy,
    extent,
    end,
    publicAct: step.publicAct,
    text: details.length > 0 ? `${head} — ${details.join(", ")}` : head,
  };
}

const REVERSED: Record<ReversalEffect, string> = {
  suspend: "suspended",
  reinstate: "reinstated",
  terminate: "terminated",
};

/** A guarantee or mechanism that can reverse a step, and how. */
export interface ReversalOfStep {
  sourceKind: "guarantee" | "mechanism";
  sourceId: string;
  sourceName: string;
  effect: ReversalEffect;
  extent: ReversedStep["extent"];
}

/** Every guarantee and mechanism whose reversal names the step. */
export function reversalsOf(idx: SnapshotIndex, stepId: string): ReversalOfStep[] {
  const out: ReversalOfStep[] = [];
  for (const g of idx.snapshot.guarantees) {
    const hit = g.reversal?.steps.find((s) => s.stepId === stepId);
    if (g.reversal && hit) {
      out.push({
        sourceKind: "guarantee",
        sourceId: g.id,
        sourceName: g.obligation.length > 60 ? `${g.obligation.slice(0, 59)}…` : g.obligation,
        effect: g.reversal.effect,
        extent: hit.extent,
      });
    }
  }
  for (const m of idx.snapshot.mechanisms) {
    const hit = m.reversal?.steps.find((s) => s.stepId === stepId);
    if (m.reversal && hit) {
      out.push({
        sourceKind: "mechanism",
        sourceId: m.id,
        sourceName: m.name,
        effect: m.reversal.effect,
        extent: hit.extent,
      });
    }
  }
  return out;
}

/** "in whole or in part", "300 kilograms", "up to 5060 centrifuges". */
export function describeExtent(extent: StepExtent | null): string | null {
  if (!extent) return null;
  if (extent.kind === "whole-or-part") return "in whole or in part";
  return `${extent.upTo ? "up to " : ""}${extent.amount.toLocaleString("en-GB")} ${extent.unit}`;
}

/** "until “Termination Day”", "for 10 years", "with no end". */
export function describeEnd(
  end: StepEnd | null,
  milestoneName: (id: string) => string,
): string | null {
  if (!end) return null;
  if (end.kind === "none") return "with no end";
  if (end.kind === "until") return `until ${milestoneName(end.milestoneId)}`;
  return `for ${describeSpan(end.duration)}`;
}
