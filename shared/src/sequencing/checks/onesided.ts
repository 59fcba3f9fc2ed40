/** One-sided phases: in a phase, one side gives and the other gives nothing. */
import { indexContext, type SequencingContext } from "../context.js";
import { joinAnd, names, q } from "../names.js";
import { indexSnapshot, type SequencingSnapshot } from "../snapshot.js";
import { type Step, stepPartyIds } from "../step.js";
import type { Involved, SequencingProblem } from "./problem.js";

/** Who must give in a phase: a side (several parties acting together), or a principal party on its own. */
interface Unit {
  id: string;
  kind: "side" | "party";
  name: string;
  partyIds: string[];
}

function unitsOf(
  snapshot: SequencingSnapshot,
  principals: readonly string[],
  partyName: (id: string) => string,
): Unit[] {
  const units: Unit[] = snapshot.sides.map((s) => ({
    id: s.id,
    kind: "side",
    name: s.name,
    partyIds: s.partyIds,
  }));
  const onASide = new Set(snapshot.sides.flatMap((s) => s.partyIds));
  for (const p of principals) {
    if (!onASide.has(p)) units.push({ id: p, kind: "party", name: partyName(p), partyIds: [p] });
  }
  return units;
}

/**
 * Reciprocity per phase, weighing sides: the framework's sides (coalitions), and each principal
 * party (role "party") that is on no side. A side gives in a phase when any of its parties takes
 * a step in it (steps taken only by bodies count for no side).
 *
 * With two sides, a phase is one-sided when one gives and the other gives nothing. With three or
 * more (a multilateral agreement, where some rightly give nothing in a phase), only when a single
 * side gives everything. Phases are compared within each proposal (a step may be in several);
 * steps in no proposal form one more group; steps without a phase are not grouped.
 */
export function checkOneSidedPhases(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const ctx = indexContext(context);
  const n = names(idx, ctx);
  const units = unitsOf(snapshot, ctx.principalPartyIds, n.party);
  if (units.length < 2) return [];

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
        const actors = new Set(stepPartyIds(s));
        for (const u of units) {
          if (u.partyIds.some((p) => actors.has(p))) gives.set(u.id, (gives.get(u.id) ?? 0) + 1);
        }
      }
      const givers = units.filter((u) => gives.has(u.id));
      const idle = units.filter((u) => !gives.has(u.id));
      if (givers.length === 0 || idle.length === 0) continue;
      if (units.length > 2 && givers.length > 1) continue;
      const where = proposalId ? ` of ${q(n.proposal(proposalId))}` : "";
      const giving = givers
        .map((u) => `${u.name} gives ${gives.get(u.id)} step${gives.get(u.id) === 1 ? "" : "s"}`)
        .join(", ");
      const nothing = joinAnd(idle.map((u) => u.name));
      const involved: Involved[] = [
        ...phaseSteps.map((s) => ({ kind: "step" as const, id: s.id })),
        ...units.flatMap((u) => [
          ...(u.kind === "side" ? [{ kind: "side" as const, id: u.id }] : []),
          ...u.partyIds.map((id) => ({ kind: "party" as const, id })),
        ]),
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
