/**
 * Brackets of two versions matched by id: options added, dropped, resolved; and the "no option
 * dropped" check: an option that stood in the earlier text and is gone from the later one,
 * without a resolution that chose another option, is reported in `dropped`.
 *
 * Options "stand in the text" only while their bracket is open; a resolved bracket's other
 * options are history (its resolution record keeps them).
 */
import { type Authorship, authorsOf } from "./authorship.js";
import type {
  BracketChange,
  BracketChangeKind,
  DroppedOption,
  OptionChange,
  OptionChangeKind,
} from "./comparison.js";
import type { SnapshotBracket, SnapshotOption } from "./snapshot.js";
import { diffText, type WordDiffOptions } from "./wordDiff.js";

export interface BracketComparison {
  brackets: BracketChange[];
  dropped: DroppedOption[];
}

function standing(bracket: SnapshotBracket | undefined): SnapshotOption[] {
  return bracket?.state === "open" ? bracket.options : [];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function sameResolution(a: SnapshotBracket | undefined, b: SnapshotBracket | undefined): boolean {
  return (
    a?.resolution?.optionId === b?.resolution?.optionId && a?.resolution?.at === b?.resolution?.at
  );
}

/** What the bracket comparison needs besides the two lists. */
export interface BracketCompareContext {
  authorship: Authorship | undefined;
  diffOptions: WordDiffOptions;
  termLabel: (termId: string | null) => string | null;
}

function compareBracket(
  from: SnapshotBracket | undefined,
  to: SnapshotBracket | undefined,
  context: BracketCompareContext,
): { change: BracketChange | null; dropped: DroppedOption[] } {
  const any = (to ?? from) as SnapshotBracket;
  const { bracketId } = any;
  const termId = to?.termId ?? from?.termId ?? null;
  const kinds: BracketChangeKind[] = [];
  const options: OptionChange[] = [];
  const dropped: DroppedOption[] = [];
  const newlyResolved = to?.state === "resolved" && !sameResolution(from, to) ? to : undefined;
  const optionAuthors = (optionId: string, kind: OptionChangeKind | undefined) =>
    authorsOf(
      context.authorship,
      { kind: "option", bracketId, optionId, termId },
      kind === "chosen" || kind === "resolvedAway" ? (newlyResolved?.resolution?.by ?? null) : null,
    );

  const after = new Map(standing(to).map((o) => [o.optionId, o]));
  const recorded = new Map((newlyResolved?.options ?? []).map((o) => [o.optionId, o]));
  const before = new Set<string>();
  for (const option of standing(from)) {
    before.add(option.optionId);
    const still = after.get(option.optionId);
    const optionKinds: OptionChangeKind[] = [];
    const change: OptionChange = {
      optionId: option.optionId,
      kinds: optionKinds,
      text: still?.text ?? option.text,
      proposedBy: option.proposedBy,
    };
    if (still) {
      if (still.text !== option.text) {
        optionKinds.push("textChanged");
        change.textDiff = diffText(option.text, still.text, context.diffOptions);
      }
      if (
        still.proposedBy !== option.proposedBy ||
        !sameList(still.supportedBy, option.supportedBy) ||
        !sameList(still.opposedBy, option.opposedBy)
      ) {
        optionKinds.push("positionsChanged");
        change.proposedBy = still.proposedBy;
        change.supportedBy = { from: option.supportedBy, to: still.supportedBy };
        change.opposedBy = { from: option.opposedBy, to: still.opposedBy };
      }
    } else if (newlyResolved?.resolution?.optionId === option.optionId) {
      optionKinds.push("chosen");
    } else if (recorded.has(option.optionId)) {
      optionKinds.push("resolvedAway");
    } else {
      optionKinds.push("dropped");
    }
    if (optionKinds.length === 0) continue;
    const by = optionAuthors(option.optionId, optionKinds[0]);
    if (by) change.by = by;
    options.push(change);
    if (optionKinds[0] === "dropped") {
      const entry: DroppedOption = {
        bracketId,
        optionId: option.optionId,
        termId,
        termLabel: context.termLabel(termId),
        text: option.text,
        proposedBy: option.proposedBy,
      };
      if (by) entry.by = by;
      dropped.push(entry);
    }
  }
  for (const option of standing(to)) {
    if (before.has(option.optionId)) continue;
    const change: OptionChange = {
      optionId: option.optionId,
      kinds: ["added"],
      text: option.text,
      proposedBy: option.proposedBy,
    };
    const by = optionAuthors(option.optionId, "added");
    if (by) change.by = by;
    options.push(change);
  }

  if (!from) kinds.push("added");
  if (newlyResolved) kinds.push("resolved");
  if (from?.state === "resolved" && to?.state === "open") kinds.push("reopened");
  if (!to) kinds.push("removed");
  if (from?.state === "open" && to?.state === "open" && options.length > 0) {
    kinds.push("optionsChanged");
  }
  if (kinds.length === 0) return { change: null, dropped };
  const change: BracketChange = {
    bracketId,
    termId,
    termLabel: context.termLabel(termId),
    kinds,
    options,
  };
  if (newlyResolved?.resolution) change.resolution = newlyResolved.resolution;
  const by = authorsOf(
    context.authorship,
    { kind: "bracket", bracketId, termId },
    newlyResolved?.resolution?.by ?? null,
  );
  if (by) change.by = by;
  return { change, dropped };
}

/** Brackets in the later version's order, then those only in the earlier one. */
export function compareBrackets(
  from: readonly SnapshotBracket[],
  to: readonly SnapshotBracket[],
  context: BracketCompareContext,
): BracketComparison {
  const before = new Map(from.map((b) => [b.bracketId, b]));
  const after = new Set(to.map((b) => b.bracketId));
  const pairs: Array<[SnapshotBracket | undefined, SnapshotBracket | undefined]> = [
    ...to.map((b): [SnapshotBracket | undefined, SnapshotBracket] => [before.get(b.bracketId), b]),
    ...from
      .filter((b) => !after.has(b.bracketId))
      .map((b): [SnapshotBracket, undefined] => [b, undefined]),
  ];
  const out: BracketComparison = { brackets: [], dropped: [] };
  for (const [a, b] of pairs) {
    const result = compareBracket(a, b, context);
    if (result.change) out.brackets.push(result.change);
    out.dropped.push(...result.dropped);
  }
  return out;
}
