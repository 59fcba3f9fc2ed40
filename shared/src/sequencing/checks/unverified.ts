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

/**
 * For every step, each precondition that is another step (which no mechanism verifies), or a
 * verification report (directly, or the event of a milestone) of steps that the reporting
 * mechanism does not verify. Missing mechanisms and steps are left to the dangling-reference check.
 */
export function checkUnverifiedTriggers(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const n = names(idx, indexContext(context));
  const problems = new Map<string, SequencingProblem>();
  const report = (
    stepId: string,
    triggerId: string,
    mechanismId: string | null,
    message: string,
  ) => {
    const key = `unverified-trigger:${stepId}:${triggerId}:${mechanismId ?? "-"}`;
    problems.set(key, {
      key,
      code: "unverified-trigger",
      severity: "warning",
      message,
      involved: [
        { kind: "step", id: stepId },
        { kind: "step", id: triggerId },
        ...(mechanismId ? [{ kind: "mechanism" as const, id: mechanismId }] : []),
      ],
    });
  };
  const checkReport = (stepId: string, mechanismId: string, stepIds: string[], via: string) => {
    if (!idx.mechanism.has(mechanismId)) return;
    for (const t of stepIds) {
      if (idx.step.has(t) && !mechanismVerifies(idx, mechanismId, t)) {
        report(
          stepId,
          t,
          mechanismId,
          `${q(n.step(stepId))} waits for ${via}${q(n.mechanism(mechanismId))} to verify ${q(n.step(t))}, but that mechanism does not verify it`,
        );
      }
    }
  };
  for (const step of snapshot.steps) {
    for (const { leaf } of preconditionLeaves(step.preconditions)) {
      if (leaf.kind === "step") {
        if (idx.step.has(leaf.stepId) && verifiersOf(idx, leaf.stepId).length === 0) {
          report(
            step.id,
            leaf.stepId,
            null,
            `${q(n.step(step.id))} is triggered by ${q(n.step(leaf.stepId))}, but no mechanism verifies that step`,
          );
        }
      } else if (leaf.kind === "verification") {
        checkReport(step.id, leaf.mechanismId, leaf.stepIds, "");
      } else if (leaf.kind === "milestone") {
        for (const ev of reportEvents(idx, leaf.milestoneId)) {
          checkReport(
            step.id,
            ev.mechanismId,
            ev.stepIds,
            `${q(n.milestone(leaf.milestoneId))}, i.e. for `,
          );
        }
      }
    }
  }
  return [...problems.values()];
}
