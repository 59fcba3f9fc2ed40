/**
 * Compares two snapshots of a framework by provision (`comparison.ts` has the shape). Pure.
 *
 *   const c = compareSnapshots(frameworkSnapshotOf(v1Doc, v1Discussion), frameworkSnapshotOf(nowDoc, nowDiscussion));
 *   c.summary; // "7 terms changed, 2 added, 1 removed; 3 bracket options dropped"
 */
import type { Authorship } from "./authorship.js";
import { compareBrackets } from "./compareBrackets.js";
import { compareSequencing } from "./compareSequencing.js";
import { compareTerms } from "./compareTerms.js";
import type {
  Comparison,
  ComparisonCounts,
  ComparisonParty,
  RecordChange,
  TermChange,
} from "./comparison.js";
import type { FrameworkSnapshot } from "./snapshot.js";
import type { WordDiffOptions } from "./wordDiff.js";

export interface CompareOptions {
  /** Bounds of the word diff (tests use a small table to reach the coarse path). */
  diff?: WordDiffOptions;
}

const CONTENT_KINDS: ReadonlySet<TermChange["kinds"][number]> = new Set([
  "recategorised",
  "textChanged",
  "statusChanged",
  "stancesChanged",
]);

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "7 terms changed, 2 added, 1 removed; 3 bracket options dropped" (+ moves, sequencing). */
export function summarise(counts: ComparisonCounts): string {
  const terms = [
    `${plural(counts.termsChanged, "term", "terms")} changed`,
    `${counts.termsAdded} added`,
    `${counts.termsRemoved} removed`,
  ];
  if (counts.termsMoved > 0) terms.push(`${counts.termsMoved} moved`);
  if (counts.termsRenumbered > 0) terms.push(`${counts.termsRenumbered} renumbered`);
  const parts = [terms.join(", ")];
  const brackets = [
    `${plural(counts.optionsDropped, "bracket option", "bracket options")} dropped`,
  ];
  if (counts.optionsAdded > 0) brackets.push(`${counts.optionsAdded} added`);
  if (counts.bracketsResolved > 0) {
    brackets.push(`${plural(counts.bracketsResolved, "bracket", "brackets")} resolved`);
  }
  parts.push(brackets.join(", "));
  const records = [
    [counts.recordsAdded, "added"],
    [counts.recordsChanged, "changed"],
    [counts.recordsRemoved, "removed"],
  ] as const;
  const recordParts = records.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  if (recordParts.length > 0) parts.push(`sequencing records: ${recordParts.join(", ")}`);
  return parts.join("; ");
}

function countRecords(changes: readonly RecordChange[], kind: RecordChange["kind"]): number {
  return changes.filter((c) => c.kind === kind).length;
}

function partiesOf(from: FrameworkSnapshot, to: FrameworkSnapshot): ComparisonParty[] {
  const out = new Map<string, ComparisonParty>();
  for (const p of [...from.parties, ...to.parties]) {
    out.set(p.id, { id: p.id, name: p.name, shortName: p.shortName });
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function compareSnapshots(
  from: FrameworkSnapshot,
  to: FrameworkSnapshot,
  authorship?: Authorship,
  options: CompareOptions = {},
): Comparison {
  const diffOptions = options.diff ?? {};
  const terms = compareTerms(from.terms, to.terms, authorship, diffOptions);
  const labels = new Map<string, string>();
  for (const t of from.terms) labels.set(t.termId, t.label);
  for (const t of to.terms) labels.set(t.termId, t.label);
  const brackets = compareBrackets(from.brackets, to.brackets, {
    authorship,
    diffOptions,
    termLabel: (termId) => (termId === null ? null : (labels.get(termId) ?? null)),
  });
  const sequencing = compareSequencing(from.sequencing, to.sequencing, authorship);
  const has = (t: TermChange, kind: TermChange["kinds"][number]) => t.kinds.includes(kind);
  const counts: ComparisonCounts = {
    termsChanged: terms.filter((t) => t.kinds.some((k) => CONTENT_KINDS.has(k))).length,
    termsAdded: terms.filter((t) => has(t, "added")).length,
    termsRemoved: terms.filter((t) => has(t, "removed")).length,
    termsMoved: terms.filter((t) => has(t, "moved")).length,
    termsRenumbered: terms.filter((t) => has(t, "renumbered")).length,
    bracketsResolved: brackets.brackets.filter((b) => b.kinds.includes("resolved")).length,
    optionsAdded: brackets.brackets.reduce(
      (n, b) => n + b.options.filter((o) => o.kinds.includes("added")).length,
      0,
    ),
    optionsDropped: brackets.dropped.length,
    recordsAdded: countRecords(sequencing, "added"),
    recordsRemoved: countRecords(sequencing, "removed"),
    recordsChanged: countRecords(sequencing, "changed"),
  };
  const diffs = [
    ...terms.map((t) => t.textDiff),
    ...brackets.brackets.flatMap((b) => b.options.map((o) => o.textDiff)),
  ];
  return {
    parties: partiesOf(from, to),
    terms,
    brackets: brackets.brackets,
    droppedOptions: brackets.dropped,
    sequencing,
    counts,
    summary: summarise(counts),
    exact: diffs.every((d) => d === undefined || d.exact),
  };
}
