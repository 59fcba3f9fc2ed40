/** Dependency cycles: steps that each wait for the other to move first. */
import { indexContext, type SequencingContext } from "../context.js";
import { dependencyEdges } from "../dependencies.js";
import { elementaryCycles } from "../graph.js";
import { names, q } from "../names.js";
import { indexSnapshot, type SequencingSnapshot } from "../snapshot.js";
import type { SequencingProblem } from "./problem.js";

/**
 * Reports every elementary cycle of the step dependency graph once, with its path. A cycle whose
 * every link is a hard dependency is an error (nobody can move first); one that runs through an
 * alternative (`any-of`, `earlier-of`) is a warning (it deadlocks unless the other branch is met).
 */
export function checkCycles(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const n = names(idx, indexContext(context));
  const edges = dependencyEdges(idx);
  const { cycles, truncated } = elementaryCycles([...edges.keys()], (id) => [
    ...(edges.get(id)?.keys() ?? []),
  ]);
  const problems = cycles.map((path): SequencingProblem => {
    const hard = path.every((id, i) => edges.get(id)?.get(path[(i + 1) % path.length]!) === true);
    const chain = [...path, path[0]!].map((id) => q(n.step(id))).join(" waits for ");
    const message =
      path.length === 1
        ? `${q(n.step(path[0]!))} waits for itself: it can never be taken`
        : `Dependency cycle of ${path.length} steps, each waiting for the next to move first: ${chain}`;
    return {
      key: `dependency-cycle:${path.join(">")}`,
      code: "dependency-cycle",
      severity: hard ? "error" : "warning",
      message: hard ? message : `${message} (unless an alternative precondition is met)`,
      involved: path.map((id) => ({ kind: "step", id })),
      path,
    };
  });
  if (truncated) {
    problems.push({
      key: "dependency-cycle:truncated",
      code: "dependency-cycle",
      severity: "warning",
      message: `More than ${cycles.length} dependency cycles: only the first ${cycles.length} are listed`,
      involved: [],
    });
  }
  return problems;
}
