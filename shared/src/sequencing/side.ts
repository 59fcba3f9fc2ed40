/**
 * Side: parties acting together opposite others ("E3/EU+3" opposite "Iran"), a coalition. The
 * reciprocity checks weigh sides, not each party one by one: a phase where one member of a side
 * gives and another member gives nothing is not one-sided.
 */
import { z } from "zod";
import { ChangeStamp, RecordId, ShortText } from "./common.js";

export const SideInput = z.strictObject({
  id: RecordId.optional(),
  name: ShortText("side name", 200),
  /** The parties of the side; a party belongs to at most one side (checked on write). */
  partyIds: z.array(RecordId).min(1, "a side needs at least one party").max(100),
});
export type SideInput = z.input<typeof SideInput>;

export const Side = SideInput.extend({ id: RecordId, changed: ChangeStamp });
export type Side = z.infer<typeof Side>;
