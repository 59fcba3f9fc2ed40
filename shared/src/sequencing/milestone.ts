/**
 * Milestone: a named day ("Adoption Day", "Implementation Day") defined by a fixed date, an
 * offset from another milestone, an event, or the earlier / later of two milestones.
 */
import { z } from "zod";
import {
  ChangeStamp,
  IsoDate,
  OffsetDays,
  OffsetMonths,
  OffsetYears,
  RecordId,
  ShortText,
  type Span,
} from "./common.js";

/** What an event milestone waits for. */
export const MilestoneEvent = z.discriminatedUnion("type", [
  /** A verification mechanism reports that the listed steps are done ("IAEA report confirming …"). */
  z.object({
    type: z.literal("verification-report"),
    mechanismId: RecordId,
    stepIds: z.array(RecordId).max(200).default([]),
  }),
  /** Anything else that happens on a day nobody can compute in advance (a vote, a ratification). */
  z.object({ type: z.literal("external"), description: ShortText("event description", 500) }),
]);
export type MilestoneEvent = z.infer<typeof MilestoneEvent>;

export const MilestoneDefinition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), date: IsoDate }),
  /** "Adoption Day + 10 years", "30 days before Transition Day" (calendar years and months). */
  z.object({
    kind: z.literal("offset"),
    fromMilestoneId: RecordId,
    days: OffsetDays,
    months: OffsetMonths.optional(),
    years: OffsetYears.optional(),
    before: z.boolean().optional(),
  }),
  z.object({ kind: z.literal("event"), event: MilestoneEvent }),
  /** "8 years after Adoption Day or the broader conclusion, whichever is earlier". */
  z.object({ kind: z.literal("earlier-of"), firstId: RecordId, secondId: RecordId }),
  z.object({ kind: z.literal("later-of"), firstId: RecordId, secondId: RecordId }),
]);
export type MilestoneDefinition = z.infer<typeof MilestoneDefinition>;

type OffsetDefinition = Extract<MilestoneDefinition, { kind: "offset" }>;

/** The offset of an offset definition as a calendar span. */
export function definitionSpan(def: OffsetDefinition): Span {
  return { years: def.years ?? 0, months: def.months ?? 0, days: def.days };
}

/** What a caller gives to add a milestone (id optional: generated when absent). */
export const MilestoneInput = z.strictObject({
  id: RecordId.optional(),
  name: ShortText("milestone name", 200),
  definition: MilestoneDefinition,
});
export type MilestoneInput = z.input<typeof MilestoneInput>;

/** A stored milestone. */
export const Milestone = MilestoneInput.extend({ id: RecordId, changed: ChangeStamp });
export type Milestone = z.infer<typeof Milestone>;

/** The milestone ids a definition refers to directly (offset base, the two of earlier/later-of). */
export function milestoneBaseIds(def: MilestoneDefinition): string[] {
  switch (def.kind) {
    case "offset":
      return [def.fromMilestoneId];
    case "earlier-of":
    case "later-of":
      return [def.firstId, def.secondId];
    default:
      return [];
  }
}
