/**
 * Terms of two versions matched by their stable id: added, removed, moved, renumbered, and what
 * changed inside (text word by word, category, status, each party's stance).
 */
import { type Authorship, authorsOf } from "./authorship.js";
import type { StanceChange, TermChange, TermChangeKind } from "./comparison.js";
import type { SnapshotStance, SnapshotTerm } from "./snapshot.js";
import { diffText, longestIncreasingRun, type WordDiffOptions } from "./wordDiff.js";

/**
 * Ids of the terms in both versions whose order relative to the others changed: those outside a
 * longest run of common terms kept in the same order (one term carried from Art. 1 to Art. 5 is
 * the one reported, not the four it passed).
 */
export function movedTermIds(
  from: readonly SnapshotTerm[],
  to: readonly SnapshotTerm[],
): Set<string> {
  const fromPosition = new Map(from.map((t, i) => [t.termId, i]));
  const common = to.filter((t) => fromPosition.has(t.termId));
  const order = common.map((t) => fromPosition.get(t.termId) ?? 0);
  const kept = new Set(longestIncreasingRun(order).map((i) => common[i]?.termId));
  return new Set(common.filter((t) => !kept.has(t.termId)).map((t) => t.termId));
}

function sameStance(a: SnapshotStance | null, b: SnapshotStance | null): boolean {
  if (a === null || b === null) return a === b;
  return a.stance === b.stance && (a.condition ?? null) === (b.condition ?? null);
}

function stanceChanges(
  termId: string,
  from: SnapshotTerm | undefined,
  to: SnapshotTerm | undefined,
  authorship: Authorship | undefined,
): StanceChange[] {
  const before = from?.stances ?? {};
  const after = to?.stances ?? {};
  const parties = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: StanceChange[] = [];
  for (const partyId of parties) {
    const a = before[partyId] ?? null;
    const b = after[partyId] ?? null;
    if (sameStance(a, b)) continue;
    const change: StanceChange = { partyId, from: a, to: b };
    const by = authorsOf(authorship, { kind: "stance", termId, partyId }, b?.by ?? null);
    if (by) change.by = by;
    out.push(change);
  }
  return out;
}

function describeTerm(
  from: SnapshotTerm | undefined,
  to: SnapshotTerm | undefined,
  moved: boolean,
  authorship: Authorship | undefined,
  diffOptions: WordDiffOptions,
): TermChange | null {
  const any = (to ?? from) as SnapshotTerm;
  const kinds: TermChangeKind[] = [];
  const change: TermChange = {
    termId: any.termId,
    kinds,
    label: { from: from?.label ?? null, to: to?.label ?? null },
    position: { from: from?.position ?? null, to: to?.position ?? null },
    text: any.text,
    stances: [],
  };
  if (!from) kinds.push("added");
  if (!to) kinds.push("removed");
  if (from && to) {
    if (moved) kinds.push("moved");
    if (from.label !== to.label) kinds.push("renumbered");
    if (from.category !== to.category) {
      kinds.push("recategorised");
      change.category = { from: from.category, to: to.category };
    }
    if (from.text !== to.text) {
      kinds.push("textChanged");
      change.textDiff = diffText(from.text, to.text, diffOptions);
    }
    if (from.status !== to.status) {
      kinds.push("statusChanged");
      change.status = { from: from.status, to: to.status };
      const by = authorsOf(authorship, { kind: "status", termId: to.termId }, to.statusBy);
      if (by) change.status.by = by;
    }
  }
  change.stances = stanceChanges(any.termId, from, to, authorship);
  if (from && to && change.stances.length > 0) kinds.push("stancesChanged");
  if (kinds.length === 0) return null;
  const textual = kinds.some((k) => k === "added" || k === "removed" || k === "textChanged");
  const by = textual ? authorsOf(authorship, { kind: "term", termId: any.termId }) : undefined;
  if (by) change.by = by;
  return change;
}

/**
 * The changed terms in reading order: the later version's order, each removed term after the
 * term that preceded it in the earlier version.
 */
export function compareTerms(
  from: readonly SnapshotTerm[],
  to: readonly SnapshotTerm[],
  authorship: Authorship | undefined,
  diffOptions: WordDiffOptions = {},
): TermChange[] {
  const before = new Map(from.map((t) => [t.termId, t]));
  const after = new Map(to.map((t) => [t.termId, t]));
  const moved = movedTermIds(from, to);
  // Removed terms, grouped under the nearest earlier term that is still there ("" = the start).
  const removedAfter = new Map<string, SnapshotTerm[]>();
  let anchor = "";
  for (const term of from) {
    if (after.has(term.termId)) {
      anchor = term.termId;
      continue;
    }
    const group = removedAfter.get(anchor) ?? [];
    group.push(term);
    removedAfter.set(anchor, group);
  }
  const out: TermChange[] = [];
  const pushRemoved = (key: string) => {
    for (const term of removedAfter.get(key) ?? []) {
      const change = describeTerm(term, undefined, false, authorship, diffOptions);
      if (change) out.push(change);
    }
  };
  pushRemoved("");
  for (const term of to) {
    const change = describeTerm(
      before.get(term.termId),
      term,
      moved.has(term.termId),
      authorship,
      diffOptions,
    );
    if (change) out.push(change);
    pushRemoved(term.termId);
  }
  return out;
}
