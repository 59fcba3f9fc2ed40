/** One-sided phases: in a phase, one principal party gives and another gives nothing. */
import { indexContext, type SequencingContext } from "../context.js";
import { names, q } from "../names.js";
import { indexSnapshot, type SequencingSnapshot } from "../snapshot.js";
import { type Step, stepPartyIds } from "../step.js";
import type { Involved, SequencingProblem } from "./problem.js";

/**
 * Phases are compared within each proposal (a step may be in several); steps in no proposal form
 * one more group. Only principal parties (role "party") count: a verifier or mediator that takes
 * no step in a phase is not a one-sided phase. Steps without a phase are not grouped.
 */
export function checkOneSidedPhases(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const ctx = indexContext(context);
  const n = names(idx, ctx);
  const principals = ctx.principalPartyIds;
  if (principals.length < 2) return [];

  const groups: Array<{ proposalId: string | null; steps: Step[] }> = [];
  const inSome = new Set<string>();
  for (const p of snapshot.proposals) {
    const steps = p.stepIds.flatMap((id) => idx.step.get(id) ?? []);
    for (const s of steps) inSome.add(s.id);
    groups.push({ proposalId: p.id, steps });
  }
  const loose = snapshot.steps.filter((s) => !inSome.has(s.id));
  if (loose.length > 0) groups.push({ proposalId: null, steps: loose });

  const problems: SequencingProblem[] = [];
  for (const { proposalId, steps } of groups) {
    const byPhase = new Map<string, Step[]>();
    for (const s of steps) {
      if (!s.phase) continue;
      byPhase.set(s.phase, [...(byPhase.get(s.phase) ?? []), s]);
    }
    for (const [phase, phaseSteps] of byPhase) {
      const gives = new Map<string, number>();
      for (const s of phaseSteps) {
        for (const p of stepPartyIds(s)) gives.set(p, (gives.get(p) ?? 0) + 1);
      }
      const givers = principals.filter((p) => gives.has(p));
      const idle = principals.filter((p) => !gives.has(p));
      if (givers.length === 0 || idle.length === 0) continue;
      const where = proposalId ? ` of ${q(n.proposal(proposalId))}` : "";
      const giving = givers
        .map((p) => `${n.party(p)} gives ${gives.get(p)} step${gives.get(p) === 1 ? "" : "s"}`)
        .join(", ");
      const nothing = idle.map(n.party).join(" and ");
      const involved: Involved[] = [
        ...phaseSteps.map((s) => ({ kind: "step" as const, id: s.id })),
        ...principals.map((id) => ({ kind: "party" as const, id })),
        ...(proposalId ? [{ kind: "proposal" as const, id: proposalId }] : []),
      ];
      problems.push({
        key: `one-sided-phase:${proposalId ?? "-"}:${phase}`,
        code: "one-sided-phase",
        severity: "warning",
        message: `Phase ${q(phase)}${where} is one-sided: ${giving}; ${nothing} ${idle.length === 1 ? "gives" : "give"} nothing`,
        involved,
      });
    }
  }
  return problems;
}
