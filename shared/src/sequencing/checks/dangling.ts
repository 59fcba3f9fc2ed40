/** Dangling references: a record pointing at a deleted term, party, mechanism, step or milestone. */
import { indexContext, type SequencingContext } from "../context.js";
import { names, q } from "../names.js";
import { outgoingRefs, recordLists, targetExists } from "../refs.js";
import { indexSnapshot, type RecordKind, type SequencingSnapshot } from "../snapshot.js";
import type { SequencingProblem } from "./problem.js";

const LABEL: Record<RecordKind, string> = {
  milestone: "Milestone",
  step: "Step",
  mechanism: "Verification mechanism",
  guarantee: "Guarantee",
  proposal: "Proposal",
  side: "Side",
  body: "Body",
};

const TARGET_LABEL = {
  milestone: "milestone",
  step: "step",
  mechanism: "verification mechanism",
  guarantee: "guarantee",
  proposal: "proposal",
  side: "side",
  body: "body",
  party: "party",
  term: "term",
} as const;

/**
 * One problem per (record, field) that names something missing — typically after a concurrent
 * delete: one client removes a mechanism while another adds a step verified by it.
 */
export function checkDanglingReferences(
  snapshot: SequencingSnapshot,
  context: SequencingContext,
): SequencingProblem[] {
  const idx = indexSnapshot(snapshot);
  const ctx = indexContext(context);
  const n = names(idx, ctx);
  const label = (kind: RecordKind, id: string): string => {
    switch (kind) {
      case "step":
        return n.step(id);
      case "milestone":
        return n.milestone(id);
      case "mechanism":
        return n.mechanism(id);
      case "proposal":
        return n.proposal(id);
      case "guarantee": {
        const g = idx.guarantee.get(id);
        return g ? g.obligation.slice(0, 60) : id;
      }
      case "side":
        return idx.side.get(id)?.name ?? id;
      case "body":
        return n.body(id);
    }
  };
  const problems: SequencingProblem[] = [];
  for (const [kind, records] of recordLists(snapshot)) {
    for (const r of records) {
      for (const ref of outgoingRefs(kind, r)) {
        if (targetExists(ref.kind, ref.id, idx, ctx)) continue;
        problems.push({
          key: `dangling-reference:${kind}:${r.id}:${ref.path}`,
          code: "dangling-reference",
          severity: "error",
          message: `${LABEL[kind]} ${q(label(kind, r.id))} ${ref.relation} a ${TARGET_LABEL[ref.kind]} that no longer exists (${q(ref.id)}, field ${ref.path})`,
          involved: [
            { kind, id: r.id },
            { kind: ref.kind, id: ref.id },
          ],
        });
      }
    }
  }
  return problems;
}
