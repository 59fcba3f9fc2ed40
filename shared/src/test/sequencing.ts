/**
 * Builders for tests (and stories): complete records from a few fields, a snapshot from lists,
 * and a small framework context. Not used by production code.
 */
import type { ChangeStamp } from "../sequencing/common.js";
import type { SequencingContext } from "../sequencing/context.js";
import type { Mechanism } from "../sequencing/mechanism.js";
import type { Milestone, MilestoneDefinition } from "../sequencing/milestone.js";
import type { Proposal } from "../sequencing/proposal.js";
import type { SequencingSnapshot } from "../sequencing/snapshot.js";
import type { Precondition, Step } from "../sequencing/step.js";

export const STAMP: ChangeStamp = {
  by: { name: "Test", party: null },
  at: "2026-01-01T00:00:00.000Z",
};

/** Two principal parties, a verifier, a mediator, and three terms. */
export const CONTEXT: SequencingContext = {
  parties: [
    { id: "pa", name: "Party A", role: "party" },
    { id: "pb", name: "Party B", role: "party" },
    { id: "iaea", name: "IAEA", role: "verifier" },
    { id: "med", name: "Mediator", role: "mediator" },
  ],
  termIds: ["t1", "t2", "t3"],
};

export function step(id: string, actorPartyId: string, fields: Partial<Step> = {}): Step {
  return {
    id,
    actorPartyId,
    actors: [],
    action: `action ${id}`,
    termId: null,
    preconditions: null,
    simultaneousWith: [],
    takenAt: null,
    effectiveAt: null,
    deadline: null,
    end: null,
    extent: null,
    publicAct: false,
    number: null,
    phase: null,
    mechanismId: null,
    reversible: false,
    changed: STAMP,
    ...fields,
  };
}

/** A precondition "all of these steps". */
export function after(...stepIds: string[]): Precondition {
  return stepIds.length === 1
    ? { kind: "step", stepId: stepIds[0]! }
    : { kind: "all-of", of: stepIds.map((stepId) => ({ kind: "step", stepId })) };
}

export function milestone(id: string, definition: MilestoneDefinition, name = id): Milestone {
  return { id, name, definition, changed: STAMP };
}

export function mechanism(
  id: string,
  confirmsStepIds: string[],
  fields: Partial<Mechanism> = {},
): Mechanism {
  return {
    id,
    name: `mechanism ${id}`,
    body: { kind: "party", partyId: "iaea" },
    verifies: "steps",
    methods: [],
    frequency: "",
    duration: "",
    reportsTo: [],
    confirmsStepIds,
    reporting: null,
    reversal: null,
    changed: STAMP,
    ...fields,
  };
}

export function proposal(id: string, stepIds: string[], name = id): Proposal {
  return { id, name, description: "", stepIds, changed: STAMP };
}

export function snapshot(parts: Partial<SequencingSnapshot>): SequencingSnapshot {
  return {
    milestones: [],
    steps: [],
    mechanisms: [],
    guarantees: [],
    proposals: [],
    sides: [],
    bodies: [],
    invalid: [],
    ...parts,
  };
}
