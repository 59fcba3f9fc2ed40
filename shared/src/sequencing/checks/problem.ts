/** The shape every sequencing check reports, so one problems list and one graph can show them all. */
import type { TargetKind } from "../refs.js";

export type ProblemCode =
  /** Steps waiting for each other (each side waiting for the other to move first). */
  | "dependency-cycle"
  /** A step conditional on a step or report that no verification mechanism verifies. */
  | "unverified-trigger"
  /** In a phase, one side gives and another gives nothing (sides, or principal parties). */
  | "one-sided-phase"
  /** "Simultaneously with" contradicted by the timings or by a dependency. */
  | "contradictory-simultaneity"
  /** A reference to a deleted term, party, mechanism, step or milestone. */
  | "dangling-reference"
  /** A milestone that cannot be computed because its definition is cyclic. */
  | "uncomputable-milestone"
  /** A reversal (suspension, snapback) that names no notification event to start it. */
  | "reversal-without-trigger"
  /** A step waits for a mechanism's report that is first due after the step's day. */
  | "report-not-due"
  /** A stored record that fails validation (written by an old or hostile client). */
  | "invalid-record";

export type Severity = "error" | "warning" | "info";

/** Something a problem is about, so the UI can highlight it. */
export interface Involved {
  kind: TargetKind;
  id: string;
}

export interface SequencingProblem {
  /** Stable identity (same problem → same key across runs): use as a React key. */
  key: string;
  code: ProblemCode;
  severity: Severity;
  /** A sentence a person can act on, using names rather than ids where known. */
  message: string;
  involved: Involved[];
  /** For cycles: the ids in order; the last waits for the first. */
  path?: string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable by key within a severity. */
export function sortProblems(problems: SequencingProblem[]): SequencingProblem[] {
  return [...problems].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.key.localeCompare(b.key),
  );
}

/** The problems that involve a given record, party or term (to badge a node or a form). */
export function problemsInvolving(
  problems: readonly SequencingProblem[],
  kind: TargetKind,
  id: string,
): SequencingProblem[] {
  return problems.filter((p) => p.involved.some((i) => i.kind === kind && i.id === id));
}
