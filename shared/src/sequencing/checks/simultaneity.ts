/** Contradictory simultaneity: "simultaneously with" claims that the timings or dependencies contradict. */
import { formatDate } from "../../format/dates.js";
import type { TimeRef } from "../common.js";
import { indexContext, type SequencingContext } from "../context.js";
import { dependencyEdges, dependsOn } from "../dependencies.js";
import { computeMilestones, resolveTimeRef } from "../milestones.js";
import { names, q } from "../names.js";
import { indexSnapshot, type SequencingSnapshot } from "../snapshot.js";
import type { SequencingProblem } from "./problem.js";

/**
 * For each pair of steps claimed simultaneous (either side saying so; each pair reported once):
 * an error if one waits, directly or transitively, for the other; an error if both have a
 * `takenAt` and they differ — same milestone with different offsets, or dates that both compute
 * and are not the same day. Timings that cannot be compared (events) are not reported.
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
  const timing = (t: TimeRef) =>
    `${n.milestone(t.milestoneId)}${t.offsetDays ? ` + ${t.offsetDays} days` : ""}`;
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
    const ta = idx.step.get(a)!.takenAt;
    const tb = idx.step.get(b)!.takenAt;
    if (!ta || !tb) continue;
    let differ = false;
    let detail = "";
    if (ta.milestoneId === tb.milestoneId) {
      differ = ta.offsetDays !== tb.offsetDays;
    } else {
      const ra = resolveTimeRef(ta, resolutions);
      const rb = resolveTimeRef(tb, resolutions);
      if (ra.status === "date" && rb.status === "date" && ra.date !== rb.date) {
        differ = true;
        detail = ` (${formatDate(ra.date)} and ${formatDate(rb.date)})`;
      }
    }
    if (differ) {
      problems.push({
        key: `contradictory-simultaneity:${a}|${b}:timing`,
        code: "contradictory-simultaneity",
        severity: "error",
        message: `${claim}, but ${q(n.step(a))} is taken on ${timing(ta)} and ${q(n.step(b))} on ${timing(tb)}${detail}`,
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
