/** Contradictory simultaneity: "simultaneously with" claims that the timings or dependencies contradict. */
import { formatDate } from "../../format/dates.js";
import { type TimeRef, timeRefSpan } from "../common.js";
import { indexContext, type SequencingContext } from "../context.js";
import { dependencyEdges, dependsOn } from "../dependencies.js";
import { computeMilestones, describeTimeRef, resolveTimeRef } from "../milestones.js";
import { names, q } from "../names.js";
import { indexSnapshot, type SequencingSnapshot } from "../snapshot.js";
import type { SequencingProblem } from "./problem.js";

/**
 * For each pair of steps claimed simultaneous (either side saying so; each pair reported once):
 * an error if one waits, directly or transitively, for the other; an error if the days they are
 * taken on differ, and one if the days they take effect on differ (each compared with its like:
 * taken on with taken on, takes effect with takes effect) — dates that both compute and are not
 * the same day, or the same event milestone with different offsets. The message names the date
 * that conflicts. Timings that cannot be compared (different events) are not reported.
 */
export function checkSimultaneity(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const n = names(idx, indexContext(context));
  const edges = dependencyEdges(idx);
  const resolutions = computeMilestones(snapshot);
  const pairs = new Map<string, [string, string]>();
  for (const s of snapshot.steps) {
    for (const other of s.simultaneousWith) {
      if (other === s.id || !idx.step.has(other)) continue;
      const pair: [string, string] = s.id < other ? [s.id, other] : [other, s.id];
      pairs.set(pair.join("|"), pair);
    }
  }
  const timing = (t: TimeRef) => describeTimeRef(t, n.milestone);
  const problems: SequencingProblem[] = [];
  for (const [a, b] of pairs.values()) {
    const claim = `${q(n.step(a))} and ${q(n.step(b))} are said to be simultaneous`;
    const involved = [
      { kind: "step" as const, id: a },
      { kind: "step" as const, id: b },
    ];
    const [first, second] = dependsOn(edges, a, b) ? [a, b] : dependsOn(edges, b, a) ? [b, a] : [];
    if (first && second) {
      problems.push({
        key: `contradictory-simultaneity:${a}|${b}:dependency`,
        code: "contradictory-simultaneity",
        severity: "error",
        message: `${claim}, but ${q(n.step(first))} waits for ${q(n.step(second))}`,
        involved,
      });
    }
    for (const field of ["takenAt", "effectiveAt"] as const) {
      const ta = idx.step.get(a)![field];
      const tb = idx.step.get(b)![field];
      if (!ta || !tb) continue;
      const ra = resolveTimeRef(ta, resolutions);
      const rb = resolveTimeRef(tb, resolutions);
      let differ: boolean;
      let detail = "";
      if (ra.status === "date" && rb.status === "date") {
        differ = ra.date !== rb.date;
        detail = ` (${formatDate(ra.date)} and ${formatDate(rb.date)})`;
      } else {
        // Not computable (events): only the same milestone with a different offset surely differs.
        differ = ta.milestoneId === tb.milestoneId && !sameOffset(ta, tb);
      }
      if (!differ) continue;
      const clash =
        field === "takenAt" ? "are taken on different days" : "take effect on different days";
      problems.push({
        key: `contradictory-simultaneity:${a}|${b}:${field === "takenAt" ? "timing" : "effect"}`,
        code: "contradictory-simultaneity",
        severity: "error",
        message: `${claim}, but they ${clash}: ${q(n.step(a))} on ${timing(ta)} and ${q(n.step(b))} on ${timing(tb)}${detail}`,
        involved: [
          ...involved,
          { kind: "milestone", id: ta.milestoneId },
          { kind: "milestone", id: tb.milestoneId },
        ],
      });
    }
  }
  return problems;
}

function sameOffset(a: TimeRef, b: TimeRef): boolean {
  const sa = timeRefSpan(a);
  const sb = timeRefSpan(b);
  return (
    sa.years === sb.years &&
    sa.months === sb.months &&
    sa.days === sb.days &&
    (a.before === true) === (b.before === true)
  );
}
