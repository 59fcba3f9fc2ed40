/** The fixed vocabularies of the domain, with labels for the UI. */
import { z } from "zod";

export const TERM_CATEGORIES = [
  "general",
  "sanctionsRelief",
  "securityAssurances",
  "verification",
  "guarantees",
  "sequencing",
] as const;
export type TermCategory = (typeof TERM_CATEGORIES)[number];
export const termCategorySchema = z.enum(TERM_CATEGORIES);

export const CATEGORY_LABELS: Record<TermCategory, string> = {
  general: "General",
  sanctionsRelief: "Sanctions relief",
  securityAssurances: "Security assurances",
  verification: "Verification",
  guarantees: "Guarantees",
  sequencing: "Sequencing",
};

/** Status of a term. The main path is the first four, in order; parked and withdrawn are aside. */
export const TERM_STATUSES = [
  "proposed",
  "underDiscussion",
  "agreedAdReferendum",
  "agreed",
  "parked",
  "withdrawn",
] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];
export const termStatusSchema = z.enum(TERM_STATUSES);

export const STATUS_LABELS: Record<TermStatus, string> = {
  proposed: "Proposed",
  underDiscussion: "Under discussion",
  agreedAdReferendum: "Agreed ad referendum",
  agreed: "Agreed",
  parked: "Parked",
  withdrawn: "Withdrawn",
};

/** A party's stance on a term. `notStated` is also what a missing record means. */
export const STANCES = ["accepts", "acceptsWithConditions", "rejects", "notStated"] as const;
export type Stance = (typeof STANCES)[number];
export const stanceSchema = z.enum(STANCES);

export const STANCE_LABELS: Record<Stance, string> = {
  accepts: "Accepts",
  acceptsWithConditions: "Accepts with conditions",
  rejects: "Rejects",
  notStated: "Not stated",
};
