/**
 * All sequencing checks. Each is a pure function over a snapshot (see `readSnapshot`) and the
 * framework's parties and terms, returning typed problems with a severity, a message and the ids
 * involved. `checkAll` runs them all; `checkDoc` reads the snapshot out of a Y.Doc first.
 */
import type * as Y from "yjs";
import type { SequencingContext } from "../context.js";
import { readSnapshot, type SequencingSnapshot } from "../snapshot.js";
import { checkCycles } from "./cycles.js";
import { checkDanglingReferences } from "./dangling.js";
import { checkOneSidedPhases } from "./onesided.js";
import { type SequencingProblem, sortProblems } from "./problem.js";
import { checkReportTiming } from "./reporting.js";
import { checkReversals } from "./reversal.js";
import { checkSimultaneity } from "./simultaneity.js";
import { checkUncomputableMilestones } from "./uncomputable.js";
import { checkUnverifiedTriggers } from "./unverified.js";

export { checkCycles } from "./cycles.js";
export { checkDanglingReferences } from "./dangling.js";
export { checkOneSidedPhases } from "./onesided.js";
export * from "./problem.js";
export { checkReportTiming, describeReporting, firstReportDue } from "./reporting.js";
export { checkReversals } from "./reversal.js";
export { checkSimultaneity } from "./simultaneity.js";
export { checkUncomputableMilestones } from "./uncomputable.js";
export { checkUnverifiedTriggers, mechanismVerifies, verifiersOf } from "./unverified.js";

/** Stored values that fail validation, so they are not silently ignored. */
export function checkInvalidRecords(snapshot: SequencingSnapshot): SequencingProblem[] {
  return snapshot.invalid.map((r) => ({
    key: `invalid-record:${r.kind}:${r.id}`,
    code: "invalid-record",
    severity: "error",
    message: `The stored ${r.kind} “${r.id}” is invalid and is ignored: ${r.message}`,
    involved: [{ kind: r.kind, id: r.id }],
  }));
}

/** Runs every check; errors first. */
export function checkAll(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  return sortProblems([
    ...checkCycles(snapshot, context),
    ...checkUnverifiedTriggers(snapshot, context),
    ...checkOneSidedPhases(snapshot, context),
    ...checkSimultaneity(snapshot, context),
    ...checkReversals(snapshot, context),
    ...checkReportTiming(snapshot, context),
    ...checkDanglingReferences(snapshot, context),
    ...checkUncomputableMilestones(snapshot),
    ...checkInvalidRecords(snapshot),
  ]);
}

/** `checkAll(readSnapshot(doc), context)`. */
export function checkDoc(doc: Y.Doc, context: SequencingContext): SequencingProblem[] {
  return checkAll(readSnapshot(doc), context);
}
