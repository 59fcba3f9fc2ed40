/** Milestones that cannot be computed because their definitions are cyclic. */
import { computeMilestones, milestoneCycles } from "../milestones.js";
import { q } from "../names.js";
import type { SequencingSnapshot } from "../snapshot.js";
import type { SequencingProblem } from "./problem.js";

/**
 * Each elementary cycle of milestone definitions once (an error, with its path), and each milestone
 * defined from a cyclic one (a warning). Missing bases are the dangling-reference check's.
 */
export function checkUncomputableMilestones(snapshot: SequencingSnapshot): SequencingProblem[] {
  const name = (id: string) => snapshot.milestones.find((m) => m.id === id)?.name ?? id;
  const problems: SequencingProblem[] = milestoneCycles(snapshot).cycles.map((path) => ({
    key: `uncomputable-milestone:${path.join(">")}`,
    code: "uncomputable-milestone",
    severity: "error",
    message:
      path.length === 1
        ? `Milestone ${q(name(path[0]!))} cannot be computed: it is defined from itself`
        : `Milestones cannot be computed: cyclic definition ${[...path, path[0]!].map((id) => q(name(id))).join(" → ")}`,
    involved: path.map((id) => ({ kind: "milestone", id })),
    path,
  }));
  for (const [id, r] of computeMilestones(snapshot)) {
    if (r.status !== "cyclic" || r.onCycle) continue;
    problems.push({
      key: `uncomputable-milestone:${id}`,
      code: "uncomputable-milestone",
      severity: "warning",
      message: `Milestone ${q(name(id))} cannot be computed: it is defined from a cyclic definition (${r.cycle.map((c) => q(name(c))).join(" → ")})`,
      involved: [id, ...r.cycle].map((m) => ({ kind: "milestone", id: m })),
    });
  }
  return problems;
}
