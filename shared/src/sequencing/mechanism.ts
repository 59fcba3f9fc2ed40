/** Verification mechanism: who verifies what, how, how often, for how long, reporting to whom, confirming which steps. */
import { z } from "zod";
import { isZeroSpan } from "./calendar.js";
import { BodyRef, ChangeStamp, RecordId, ShortText, Span } from "./common.js";
import { Reversal } from "./reversal.js";

/**
 * When the mechanism reports: every `every` from a milestone ("quarterly from Implementation Day"
 * = every 3 months; "every 90 days from Adoption Day"). The first report is due one period after
 * the milestone.
 */
export const ReportingPeriod = z.strictObject({
  fromMilestoneId: RecordId,
  every: Span.refine((s) => !isZeroSpan(s), "a reporting period must not be zero"),
});
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;

export const MechanismInput = z.strictObject({
  id: RecordId.optional(),
  name: ShortText("mechanism name", 200),
  /** A party whose role is verifier, or a named body ("IAEA"). */
  body: BodyRef,
  /** What is verified. */
  verifies: ShortText("what is verified", 2000),
  methods: z.array(ShortText("method", 500)).max(50).default([]),
  frequency: z.string().trim().max(200).default(""),
  duration: z.string().trim().max(200).default(""),
  reportsTo: z.array(BodyRef).max(50).default([]),
  /** The steps whose completion this mechanism confirms. */
  confirmsStepIds: z.array(RecordId).max(500).default([]),
  /** When its reports are due; null: not tied to milestones. */
  reporting: ReportingPeriod.nullable().default(null),
  /** What it reverses when invoked; null: it reverses nothing. */
  reversal: Reversal.nullable().default(null),
});
export type MechanismInput = z.input<typeof MechanismInput>;

export const Mechanism = MechanismInput.extend({ id: RecordId, changed: ChangeStamp });
export type Mechanism = z.infer<typeof Mechanism>;
