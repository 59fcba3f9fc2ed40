/** Unverified triggers: a step conditional on something that no verification mechanism verifies. */
import { indexContext, type SequencingContext } from "../context.js";
import { milestoneBaseIds } from "../milestone.js";
import { names, q } from "../names.js";
import { indexSnapshot, type SequencingSnapshot, type SnapshotIndex } from "../snapshot.js";
import { preconditionLeaves } from "../step.js";
import type { SequencingProblem } from "./problem.js";

/** Whether mechanism `mechanismId` verifies step `stepId` (it lists the step, or the step names it). */
export function mechanismVerifies(
  idx: SnapshotIndex,
  mechanismId: string,
  stepId: string,
): boolean {
  const mech = idx.mechanism.get(mechanismId);
  if (!mech) return false;
  return mech.confirmsStepIds.includes(stepId) || idx.step.get(stepId)?.mechanismId === mechanismId;
}

/** The existing mechanisms that verify a step. */
export function verifiersOf(idx: SnapshotIndex, stepId: string): string[] {
  return idx.snapshot.mechanisms
    .filter((m) => mechanismVerifies(idx, m.id, stepId))
    .map((m) => m.id);
}

/** Verification-report events a milestone is defined from (through offsets, earlier/later-of). */
function reportEvents(idx: SnapshotIndex, milestoneId: string, seen = new Set<string>()) {
  const out: Array<{ milestoneId: string; mechanismId: string; stepIds: string[] }> = [];
  const m = idx.milestone.get(milestoneId);
  if (!m || seen.has(milestoneId)) return out;
  seen.add(milestoneId);
  const def = m.definition;
  if (def.kind === "event" && def.event.type === "verification-report") {
    out.push({ milestoneId, mechanismId: def.event.mechanismId, stepIds: def.event.stepIds });
  }
  for (const base of milestoneBaseIds(def)) out.push(...reportEvents(idx, base, seen));
  return out;
}

/** Where a waiting step meets an unverified trigger, for the message. */
interface Waiter {
  stepId: string;
  /** "" (directly), or the milestone it goes through ("“Implementation Day”"). */
  via: string;
}

/**
 * Steps that wait for something nobody verifies, grouped so that one missing verification link
 * makes one warning: one per (mechanism, unverified step) — or per unverified step when no
 * mechanism verifies it at all — listing every step that waits for it.
 *
 * A step waits for: the steps in its conditions (unless they are public acts, which need no
 * verifier), the verification reports in its conditions, and the reports that define the
 * milestones it depends on or is taken on / takes effect on (through offsets and earlier/later-of).
 * Negated conditions ("provided X has not happened") wait for nothing. Missing mechanisms and
 * steps are left to the dangling-reference check.
 */
export function checkUnverifiedTriggers(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const n = names(idx, indexContext(context));
  const groups = new Map<
    string,
    { triggerId: string; mechanismId: string | null; waiters: Waiter[] }
  >();
  const note = (triggerId: string, mechanismId: string | null, waiter: Waiter) => {
    const key = `unverified-trigger:${mechanismId ?? "-"}:${triggerId}`;
    const g = groups.get(key) ?? { triggerId, mechanismId, waiters: [] };
    if (!g.waiters.some((w) => w.stepId === waiter.stepId)) g.waiters.push(waiter);
    groups.set(key, g);
  };
  const checkReport = (stepId: string, mechanismId: string, stepIds: string[], via: string) => {
    if (!idx.mechanism.has(mechanismId)) return;
    for (const t of stepIds) {
      if (idx.step.has(t) && !mechanismVerifies(idx, mechanismId, t))
        note(t, mechanismId, { stepId, via });
    }
  };
  const throughMilestone = (stepId: string, milestoneId: string) => {
    for (const ev of reportEvents(idx, milestoneId)) {
      checkReport(stepId, ev.mechanismId, ev.stepIds, q(n.milestone(milestoneId)));
    }
  };
  for (const step of snapshot.steps) {
    for (const { leaf, negated } of preconditionLeaves(step.preconditions)) {
      if (negated) continue;
      if (leaf.kind === "step") {
        const trigger = idx.step.get(leaf.stepId);
        if (trigger && !trigger.publicAct && verifiersOf(idx, leaf.stepId).length === 0) {
          note(leaf.stepId, null, { stepId: step.id, via: "" });
        }
      } else if (leaf.kind === "verification") {
        checkReport(step.id, leaf.mechanismId, leaf.stepIds, "");
      } else if (leaf.kind === "milestone") {
        throughMilestone(step.id, leaf.milestoneId);
      }
    }
    for (const t of [step.takenAt, step.effectiveAt])
      if (t) throughMilestone(step.id, t.milestoneId);
  }
  return [...groups.entries()].map(([key, { triggerId, mechanismId, waiters }]) => {
    const trigger = q(n.step(triggerId));
    const one = waiters.length === 1 ? waiters[0]! : null;
    let message: string;
    if (mechanismId === null) {
      message = one
        ? `${q(n.step(one.stepId))} is triggered by ${trigger}, but no mechanism verifies that step`
        : `${trigger} triggers ${waiters.length} steps, but no mechanism verifies it: ${waiters.map((w) => q(n.step(w.stepId))).join(", ")}`;
    } else {
      const mech = q(n.mechanism(mechanismId));
      message = one
        ? `${q(n.step(one.stepId))} waits for ${one.via ? `${one.via}, i.e. for ` : ""}${mech} to verify ${trigger}, but that mechanism does not verify it`
        : `${mech} does not verify ${trigger}, yet ${waiters.length} steps wait for its report on it: ${waiters.map((w) => `${q(n.step(w.stepId))}${w.via ? ` (through ${w.via})` : ""}`).join(", ")}`;
    }
    return {
      key,
      code: "unverified-trigger",
      severity: "warning",
      message,
      involved: [
        ...waiters.map((w) => ({ kind: "step" as const, id: w.stepId })),
        { kind: "step" as const, id: triggerId },
        ...(mechanismId ? [{ kind: "mechanism" as const, id: mechanismId }] : []),
      ],
    };
  });
}
