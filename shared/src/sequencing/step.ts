/**
 * Sequencing step: who does what (one or several actors, parties or bodies), implementing which
 * term, under which conditions, when it is taken and takes effect, by when, until when, how much
 * of it, in which phase, verified by which mechanism — or a public act that needs no verifier.
 */
import { z } from "zod";
import { ActorRef, ChangeStamp, RecordId, ShortText, Span, TimeRef } from "./common.js";
import { Precondition } from "./condition.js";

export {
  type ConditionPath,
  conditionAt,
  GROUP_KINDS,
  insertCondition,
  isGroup,
  MAX_CONDITION_CHILDREN,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  measureTree,
  Precondition,
  type PreconditionGroup,
  type PreconditionLeaf,
  preconditionLeaves,
  removeCondition,
  replaceCondition,
} from "./condition.js";

/**
 * How long a step lasts: until a milestone ("until Termination Day": a sunset), for a duration
 * ("for 10 years" from when it takes effect), or with no end. Null: not said.
 */
export const StepEnd = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("until"), milestoneId: RecordId }),
  z.object({ kind: z.literal("duration"), duration: Span }),
]);
export type StepEnd = z.infer<typeof StepEnd>;

/**
 * How much of the step: "in whole or in part", or a quantity with its unit ("300 kg of enriched
 * uranium", "5060 centrifuges", "50 per cent"). Null: the whole step, nothing to say.
 */
export const StepExtent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("whole-or-part") }),
  z.object({
    kind: z.literal("quantity"),
    amount: z
      .number({ error: "amount must be a number" })
      .finite("amount must be a finite number")
      .min(0, "amount must not be negative")
      .max(1e12, "amount must be at most 10^12"),
    unit: ShortText("unit", 100),
    /** "up to" the amount (the step may be carried out in part). */
    upTo: z.boolean().default(false),
  }),
]);
export type StepExtent = z.infer<typeof StepExtent>;

/** A drafter's step number ("4", "S4", "A.12"): shown in the annexes instead of a computed one. */
export const StepNumber = z
  .string()
  .trim()
  .max(20, "step number must be at most 20 characters")
  .regex(
    /^$|^[A-Za-z0-9][A-Za-z0-9.\-/]*$/,
    "step number may contain only letters, digits, . - and /",
  )
  .nullable()
  .default(null)
  .transform((n) => (n === "" ? null : n));

export const StepInput = z.strictObject({
  id: RecordId.optional(),
  /**
   * The party that takes the step. Kept for records written before `actors`; a step's actors are
   * this party (if any) and `actors` (see `stepActors`). A step needs at least one actor.
   */
  actorPartyId: RecordId.nullable().default(null),
  /** Further actors: joint action of several parties, or bodies (a joint commission, the Security Council). */
  actors: z.array(ActorRef).max(20, "a step has at most 20 actors").default([]),
  action: ShortText("action", 1000),
  /** The term (termId) this step implements, if any. */
  termId: RecordId.nullable().default(null),
  preconditions: Precondition.nullable().default(null),
  /** Steps this one is claimed to happen at the same time as. */
  simultaneousWith: z.array(RecordId).max(100).default([]),
  /** When the step is taken. */
  takenAt: TimeRef.nullable().default(null),
  /** When it takes effect (may differ from `takenAt`). */
  effectiveAt: TimeRef.nullable().default(null),
  /** The latest day it must be taken ("Implementation Day + 30 days"). */
  deadline: TimeRef.nullable().default(null),
  /** How long it lasts (a sunset, a limit for N years). */
  end: StepEnd.nullable().default(null),
  /** In whole or in part, or how much. */
  extent: StepExtent.nullable().default(null),
  /** A public act that needs no verifier (a resolution adopted, a publication in an official journal). */
  publicAct: z.boolean().default(false),
  /** The drafters' number for it in the annexes. */
  number: StepNumber,
  /** Phase label ("Phase 1", "Initial actions"); steps without a phase belong to none. */
  phase: z
    .string()
    .trim()
    .max(100, "phase must be at most 100 characters")
    .nullable()
    .default(null)
    .transform((p) => (p === "" ? null : p)),
  /** The verification mechanism that confirms this step. */
  mechanismId: RecordId.nullable().default(null),
  reversible: z.boolean().default(false),
});
export type StepInput = z.input<typeof StepInput>;

export const Step = StepInput.extend({ id: RecordId, changed: ChangeStamp });
export type Step = z.infer<typeof Step>;

/** Everyone who takes the step: `actorPartyId` first (if set), then `actors`, without repeats. */
export function stepActors(step: Pick<Step, "actorPartyId" | "actors">): ActorRef[] {
  const out: ActorRef[] = step.actorPartyId ? [{ kind: "party", partyId: step.actorPartyId }] : [];
  for (const a of step.actors) {
    const dup = out.some((o) =>
      o.kind === "party" && a.kind === "party"
        ? o.partyId === a.partyId
        : o.kind === "body" && a.kind === "body" && o.bodyId === a.bodyId,
    );
    if (!dup) out.push(a);
  }
  return out;
}

/** The parties among a step's actors. */
export function stepPartyIds(step: Pick<Step, "actorPartyId" | "actors">): string[] {
  return stepActors(step).flatMap((a) => (a.kind === "party" ? [a.partyId] : []));
}
