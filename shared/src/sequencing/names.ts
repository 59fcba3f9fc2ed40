/** Person-readable names of records for messages and summaries. */

import type { ActorRef } from "./common.js";
import type { ContextIndex } from "./context.js";
import type { SnapshotIndex } from "./snapshot.js";
import { type Step, stepActors } from "./step.js";

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
  body(id: string): string;
  /** "Party A", "Party A and Party B", "Joint Commission"; "(no actor)" when there is none. */
  actors(step: Pick<Step, "actorPartyId" | "actors">): string;
}

/** "A", "A and B", "A, B and C". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function names(idx: SnapshotIndex, ctx: ContextIndex): Names {
  const body = (id: string) => idx.body.get(id)?.name ?? id;
  const actor = (a: ActorRef) => (a.kind === "party" ? ctx.partyName(a.partyId) : body(a.bodyId));
  const actors = (s: Pick<Step, "actorPartyId" | "actors">) =>
    joinAnd(stepActors(s).map(actor)) || "(no actor)";
  return {
    party: (id) => ctx.partyName(id),
    body,
    actors,
    step: (id) => {
      const s = idx.step.get(id);
      return s ? `${actors(s)}: ${clip(s.action, MAX_ACTION)}` : id;
    },
    milestone: (id) => idx.milestone.get(id)?.name ?? id,
    mechanism: (id) => idx.mechanism.get(id)?.name ?? id,
    proposal: (id) => idx.proposal.get(id)?.name ?? id,
  };
}

/** Wraps a name in typographic quotes. */
export const q = (s: string) => `“${s}”`;
