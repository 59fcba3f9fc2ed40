/**
 * The step dependency graph: which steps a step waits for before it can be taken. A step waits
 * for the steps in its preconditions (directly, through verification reports of them, and through
 * milestones that wait for verification reports of them), and for what its `takenAt` milestone
 * waits for. Negated conditions ("provided X has not happened") are no wait. An edge is "hard" unless it only runs through an alternative (`any-of` of two or
 * more, or `earlier-of`), where the step could go ahead on the other branch.
 */
import { milestoneBaseIds } from "./milestone.js";
import type { SnapshotIndex } from "./snapshot.js";
import { preconditionLeaves } from "./step.js";

/** `edges.get(a).get(b)` = true (hard) or false (only via an alternative): step a waits for step b. */
export type DependencyEdges = Map<string, Map<string, boolean>>;

/** The steps a milestone waits for (through verification-report events), with hardness. */
export function milestoneWaits(
  idx: SnapshotIndex,
  milestoneId: string,
  visiting: Set<string> = new Set(),
): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const m = idx.milestone.get(milestoneId);
  if (!m || visiting.has(milestoneId)) return out;
  visiting.add(milestoneId);
  const def = m.definition;
  const add = (step: string, hard: boolean) => out.set(step, (out.get(step) ?? false) || hard);
  if (def.kind === "event" && def.event.type === "verification-report") {
    for (const s of def.event.stepIds) add(s, true);
  } else {
    const soft = def.kind === "earlier-of";
    for (const base of milestoneBaseIds(def)) {
      for (const [s, hard] of milestoneWaits(idx, base, visiting)) add(s, hard && !soft);
    }
  }
  visiting.delete(milestoneId);
  return out;
}

export function dependencyEdges(idx: SnapshotIndex): DependencyEdges {
  const edges: DependencyEdges = new Map();
  for (const step of idx.snapshot.steps) {
    const out = new Map<string, boolean>();
    const add = (to: string, hard: boolean) => {
      if (idx.step.has(to)) out.set(to, (out.get(to) ?? false) || hard);
    };
    for (const { leaf, alternative, negated } of preconditionLeaves(step.preconditions)) {
      // "Provided X has not happened" does not wait for X; a reversal waits for no step.
      if (negated || leaf.kind === "reversal") continue;
      if (leaf.kind === "step") add(leaf.stepId, !alternative);
      else if (leaf.kind === "verification") for (const s of leaf.stepIds) add(s, !alternative);
      else {
        for (const [s, hard] of milestoneWaits(idx, leaf.milestoneId)) add(s, hard && !alternative);
      }
    }
    if (step.takenAt) {
      for (const [s, hard] of milestoneWaits(idx, step.takenAt.milestoneId)) add(s, hard);
    }
    edges.set(step.id, out);
  }
  return edges;
}

/** Whether `from` waits, directly or transitively, for `to`. */
export function dependsOn(edges: DependencyEdges, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const m of edges.get(n)?.keys() ?? []) {
      if (m === to) return true;
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
    }
  }
  return false;
}
