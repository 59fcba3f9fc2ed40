/**
 * The checks' findings, live, grouped by check (the checks with errors first). Clicking a problem highlights the steps and
 * milestones it involves in the graph (clicking it again clears the highlight).
 */
import type { SequencingProblem } from "@parley/shared/sequencing/index";
import type { GraphItemRef } from "./graphModel.js";

const SEVERITY_TEXT = { error: "Error", warning: "Warning", info: "Note" } as const;

const CODE_TITLE: Record<SequencingProblem["code"], string> = {
  "dependency-cycle": "Dependency cycle",
  "unverified-trigger": "Unverified trigger",
  "one-sided-phase": "One-sided phase",
  "contradictory-simultaneity": "Contradictory simultaneity",
  "dangling-reference": "Dangling reference",
  "uncomputable-milestone": "Milestone cannot be computed",
  "invalid-record": "Invalid record",
  "reversal-without-trigger": "Reversal without a trigger",
  "report-not-due": "Report due too late",
};

/** The steps and milestones of a problem, for highlighting in the graph. */
export function graphItemsOf(problem: SequencingProblem): GraphItemRef[] {
  return problem.involved.flatMap((i) =>
    i.kind === "step" || i.kind === "milestone" ? [{ kind: i.kind, id: i.id }] : [],
  );
}

export function ProblemsList({
  problems,
  selectedKey,
  onSelect,
}: {
  problems: readonly SequencingProblem[];
  selectedKey: string | null;
  onSelect: (problem: SequencingProblem | null) => void;
}) {
  if (problems.length === 0) {
    return (
      <div className="seq-problems-empty" role="status">
        <span className="seq-ok-mark" aria-hidden="true">
          ✓
        </span>
        <div>
          <p className="seq-problems-empty-title">No problems found</p>
          <p className="field-hint">
            No cycles, unverified triggers, one-sided phases, contradictory simultaneity or dangling
            references.
          </p>
        </div>
      </div>
    );
  }
  const groups = groupProblems(problems);
  return (
    <ul className="seq-problems" aria-label="Sequencing problems">
      {groups.map((group) => (
        <li key={group.code} className="seq-problem-group" data-code={group.code}>
          <h4 className="seq-problem-group-title" id={`seq-problems-${group.code}`}>
            {CODE_TITLE[group.code]}
            <span className="seq-problem-group-count">{group.problems.length}</span>
          </h4>
          <ul aria-labelledby={`seq-problems-${group.code}`}>
            {group.problems.map((p) => {
              const selected = p.key === selectedKey;
              return (
                <li key={p.key}>
                  <button
                    type="button"
                    className={`seq-problem seq-problem-${p.severity}${selected ? " seq-problem-selected" : ""}`}
                    aria-pressed={selected}
                    data-code={p.code}
                    data-severity={p.severity}
                    onClick={() => onSelect(selected ? null : p)}
                  >
                    <span className={`seq-severity seq-severity-${p.severity}`}>
                      {SEVERITY_TEXT[p.severity]}
                    </span>
                    <span className="seq-problem-title">{CODE_TITLE[p.code]}</span>
                    <span className="seq-problem-message">{p.message}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export interface ProblemGroup {
  code: SequencingProblem["code"];
  problems: SequencingProblem[];
}

/**
 * The problems by check, the checks in order of their worst problem (errors first), each check's
 * problems in the order given (the model sorts them).
 */
export function groupProblems(problems: readonly SequencingProblem[]): ProblemGroup[] {
  const groups = new Map<SequencingProblem["code"], SequencingProblem[]>();
  for (const p of problems) {
    const list = groups.get(p.code);
    if (list) list.push(p);
    else groups.set(p.code, [p]);
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const worst = (list: SequencingProblem[]) => Math.min(...list.map((p) => rank[p.severity]));
  return [...groups.entries()]
    .map(([code, list]) => ({ code, problems: list }))
    .sort((a, b) => worst(a.problems) - worst(b.problems));
}
