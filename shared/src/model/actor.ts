/** Who did something and when: every status, stance and resolution records one. */
import { z } from "zod";
import { memberIdSchema } from "../access/members.js";
import { ID_PATTERN } from "./ids.js";

export const actorSchema = z.object({
  /** Display name, as typed by the person. */
  name: z.string().trim().min(1).max(120),
  /** The party (delegation) they act for; `null` for a mediator team member without a party. */
  party: z.string().regex(ID_PATTERN).nullable(),
  /**
   * The member (one person, `access/members.ts`) who wrote it, as the server checked against the
   * token. Absent in records written before member ids existed: readers accept them, and only
   * the one person of a named invite (same name and party) or a mediator may change them.
   */
  member: memberIdSchema.optional(),
  /**
   * The role they acted in, when known (records written since party-scoped authority). A record
   * about party P whose `by.party` is not P was recorded on P's behalf, which only a mediator may
   * do: the stance matrix marks it ("recorded by the mediator for P").
   */
  role: z.enum(["observer", "commenter", "drafter", "mediator"]).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const attributionSchema = z.object({
  by: actorSchema,
  /** ISO 8601 timestamp. */
  at: z.string().min(1),
});
export type Attribution = z.infer<typeof attributionSchema>;

/** Options of every write: the acting person and (for tests) the clock. */
export interface WriteOptions {
  actor: Actor;
  now?: Date;
}

export function attribution(options: WriteOptions): Attribution {
  return { by: options.actor, at: (options.now ?? new Date()).toISOString() };
}
