/**
 * Reports due too late: a step waits for a report of a mechanism that reports on a schedule
 * ("quarterly from Implementation Day"), and that mechanism's first report is due after the day
 * the step must be taken (its deadline, or the day it is taken on when that is computable).
 */
import { formatDate } from "../../format/dates.js";
import { dayNumber, dayString, describeSpan, shiftDay } from "../calendar.js";
import { indexContext, type SequencingContext } from "../context.js";
import type { ReportingPeriod } from "../mechanism.js";
import { milestoneBaseIds } from "../milestone.js";
import { computeMilestones, type MilestoneResolution, resolveTimeRef } from "../milestones.js";
import { names, q } from "../names.js";
import { indexSnapshot, type SequencingSnapshot, type SnapshotIndex } from "../snapshot.js";
import { preconditionLeaves, type Step } from "../step.js";
import type { SequencingProblem } from "./problem.js";

/** "quarterly from “Implementation Day”", "every 90 days from “Adoption Day”". */
export function describeReporting(
  r: ReportingPeriod,
  milestoneName: (id: string) => string,
): string {
  const { years, months, days } = r.every;
  const total = years * 12 + months;
  const from = `from “${milestoneName(r.fromMilestoneId)}”`;
  if (days === 0 && total === 3) return `quarterly ${from}`;
  if (days === 0 && total === 6) return `every six months ${from}`;
  if (days === 0 && total === 12) return `annually ${from}`;
  if (days === 0 && total === 1) return `monthly ${from}`;
  return `every ${describeSpan(r.every)} ${from}`;
}

/** The day a mechanism's first report is due (one period after its start), when computable. */
export function firstReportDue(
  r: ReportingPeriod,
  resolutions: ReadonlyMap<string, MilestoneResolution>,
): string | null {
  const start = resolutions.get(r.fromMilestoneId);
  if (start?.status !== "date") return null;
  return dayString(shiftDay(dayNumber(start.date), r.every));
}

/** The mechanisms whose reports a step waits for (conditions, and milestones it waits on or is taken on). */
function reportsWaitedFor(idx: SnapshotIndex, step: Step): Set<string> {
  const out = new Set<string>();
  const viaMilestone = (id: string, seen = new Set<string>()) => {
    const m = idx.milestone.get(id);
    if (!m || seen.has(id)) return;
    seen.add(id);
    const def = m.definition;
    if (def.kind === "event" && def.event.type === "verification-report")
      out.add(def.event.mechanismId);
    // Through an earlier-of, the other branch may come first: only later-of and offsets surely wait.
    if (def.kind !== "earlier-of") for (const b of milestoneBaseIds(def)) viaMilestone(b, seen);
  };
  for (const { leaf, negated, alternative } of preconditionLeaves(step.preconditions)) {
    if (negated || alternative) continue;
    if (leaf.kind === "verification") out.add(leaf.mechanismId);
    else if (leaf.kind === "milestone") viaMilestone(leaf.milestoneId);
  }
  if (step.takenAt) viaMilestone(step.takenAt.milestoneId);
  return out;
}

export function checkReportTiming(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const n = names(idx, indexContext(context));
  const resolutions = computeMilestones(snapshot);
  const problems: SequencingProblem[] = [];
  for (const step of snapshot.steps) {
    const by = step.deadline ?? step.takenAt;
    if (!by) continue;
    const r = resolveTimeRef(by, resolutions);
    if (r.status !== "date") continue;
    for (const mechanismId of reportsWaitedFor(idx, step)) {
      const mech = idx.mechanism.get(mechanismId);
      if (!mech?.reporting) continue;
      const due = firstReportDue(mech.reporting, resolutions);
      if (due === null || due <= r.date) continue;
      problems.push({
        key: `report-not-due:${step.id}:${mechanismId}`,
        code: "report-not-due",
        severity: "warning",
        message: `${q(n.step(step.id))} must be taken ${step.deadline ? "by" : "on"} ${formatDate(r.date)}, but it waits for a report of ${q(mech.name)}, first due ${formatDate(due)} (${describeReporting(mech.reporting, n.milestone)})`,
        involved: [
          { kind: "step", id: step.id },
          { kind: "mechanism", id: mechanismId },
        ],
      });
    }
  }
  return problems;
}
