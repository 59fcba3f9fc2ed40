/** Guarantee / assurance: a guarantor's obligation to a beneficiary, what triggers it and the response. */
import { z } from "zod";
import { BodyRef, ChangeStamp, RecordId, ShortText } from "./common.js";
import { Reversal } from "./reversal.js";

export const GuaranteeInput = z.strictObject({
  id: RecordId.optional(),
  guarantor: BodyRef,
  beneficiary: BodyRef,
  obligation: ShortText("obligation", 2000),
  trigger: ShortText("trigger", 2000),
  response: ShortText("response", 2000),
  nature: z.enum(["binding", "political"]),
  /** Steps whose breach or non-performance the guarantee covers (optional links for the graph). */
  relatedStepIds: z.array(RecordId).max(200).default([]),
  /** The steps it suspends or reinstates when invoked, its notification event and dispute stages. */
  reversal: Reversal.nullable().default(null),
});
export type GuaranteeInput = z.input<typeof GuaranteeInput>;

export const Guarantee = GuaranteeInput.extend({ id: RecordId, changed: ChangeStamp });
export type Guarantee = z.infer<typeof Guarantee>;
