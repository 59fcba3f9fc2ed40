/**
 * Reversal: what a guarantee or a mechanism does to steps already taken when it is invoked —
 * suspends them, reinstates what they lifted ("snapback"), or terminates them — in whole or in
 * part; the notification event that starts it; and the stages of its dispute process, each an
 * offset from the notification ("Joint Commission: 15 days", "Ministers: 15 days", …).
 */
import { z } from "zod";
import { RecordId, ShortText, Span } from "./common.js";

export const REVERSAL_EFFECTS = ["suspend", "reinstate", "terminate"] as const;
export type ReversalEffect = (typeof REVERSAL_EFFECTS)[number];

export const ReversedStep = z.strictObject({
  stepId: RecordId,
  /** The whole step, or part of it ("some or all of the measures"). */
  extent: z.enum(["whole", "part"]).default("whole"),
  /** Which part, in words ("the oil embargo"); empty for the whole step. */
  note: z.string().trim().max(500, "note must be at most 500 characters").default(""),
});
export type ReversedStep = z.infer<typeof ReversedStep>;

export const DisputeStage = z.strictObject({
  name: ShortText("stage name", 200),
  /** How long the stage lasts, counted from the end of the previous stage (the first: from the notification). */
  within: Span,
});
export type DisputeStage = z.infer<typeof DisputeStage>;

export const Reversal = z.strictObject({
  effect: z.enum(REVERSAL_EFFECTS),
  steps: z.array(ReversedStep).min(1, "a reversal names at least one step").max(200),
  /** The event milestone that starts it (a notification of non-performance); null: none named yet. */
  notificationMilestoneId: RecordId.nullable().default(null),
  stages: z.array(DisputeStage).max(20).default([]),
});
export type Reversal = z.infer<typeof Reversal>;
export type ReversalInput = z.input<typeof Reversal>;

const VERB: Record<ReversalEffect, string> = {
  suspend: "suspends",
  reinstate: "reinstates",
  terminate: "terminates",
};

export function reversalVerb(effect: ReversalEffect): string {
  return VERB[effect];
}
