/**
 * Reversal checks: a guarantee or mechanism that reverses steps (suspends, reinstates, terminates
 * them) but names no notification event to start it — nobody could say when it may be invoked.
 */
import { indexContext, type SequencingContext } from "../context.js";
import { names, q } from "../names.js";
import { reversalVerb } from "../reversal.js";
import { indexSnapshot, type SequencingSnapshot } from "../snapshot.js";
import type { SequencingProblem } from "./problem.js";

export function checkReversals(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const n = names(idx, indexContext(context));
  const problems: SequencingProblem[] = [];
  const sources = [
    ...snapshot.guarantees.map((g) => ({
      kind: "guarantee" as const,
      id: g.id,
      label: `Guarantee ${q(g.obligation.slice(0, 60))}`,
      reversal: g.reversal,
    })),
    ...snapshot.mechanisms.map((m) => ({
      kind: "mechanism" as const,
      id: m.id,
      label: `Mechanism ${q(m.name)}`,
      reversal: m.reversal,
    })),
  ];
  for (const { kind, id, label, reversal } of sources) {
    if (!reversal || reversal.notificationMilestoneId !== null) continue;
    const steps = reversal.steps.filter((s) => idx.step.has(s.stepId));
    problems.push({
      key: `reversal-without-trigger:${kind}:${id}`,
      code: "reversal-without-trigger",
      severity: "warning",
      message: `${label} ${reversalVerb(reversal.effect)} ${steps.length} step${steps.length === 1 ? "" : "s"} (${steps.map((s) => q(n.step(s.stepId))).join(", ")}), but names no notification event that starts it`,
      involved: [{ kind, id }, ...steps.map((s) => ({ kind: "step" as const, id: s.stepId }))],
    });
  }
  return problems;
}
