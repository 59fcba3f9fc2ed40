/** Person-readable names of records for messages and summaries. */
import type { ContextIndex } from "./context.js";
import type { SnapshotIndex } from "./snapshot.js";

const MAX_ACTION = 60;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export interface Names {
  party(id: string): string;
  /** "Party A: lifts sanctions X" (the action clipped), or the id for a missing step. */
  step(id: string): string;
  milestone(id: string): string;
  mechanism(id: string): string;
  proposal(id: string): string;
}

export function names(idx: SnapshotIndex, ctx: ContextIndex): Names {
  return {
    party: (id) => ctx.partyName(id),
    step: (id) => {
      const s = idx.step.get(id);
      return s ? `${ctx.partyName(s.actorPartyId)}: ${clip(s.action, MAX_ACTION)}` : id;
    },
    milestone: (id) => idx.milestone.get(id)?.name ?? id,
    mechanism: (id) => idx.mechanism.get(id)?.name ?? id,
    proposal: (id) => idx.proposal.get(id)?.name ?? id,
  };
}

/** Wraps a name in typographic quotes. */
export const q = (s: string) => `“${s}”`;
