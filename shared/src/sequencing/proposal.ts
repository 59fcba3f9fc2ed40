/**
 * Sequencing proposal: one of several alternatives in the same framework ("Proposal A:
 * simultaneous", "Proposal B: phased"), each a named set of steps. A step may belong to several.
 */
import { z } from "zod";
import { ChangeStamp, RecordId, ShortText } from "./common.js";

export const ProposalInput = z.strictObject({
  id: RecordId.optional(),
  name: ShortText("proposal name", 200),
  description: z.string().trim().max(2000).default(""),
  stepIds: z.array(RecordId).max(1000).default([]),
});
export type ProposalInput = z.input<typeof ProposalInput>;

export const Proposal = ProposalInput.extend({ id: RecordId, changed: ChangeStamp });
export type Proposal = z.infer<typeof Proposal>;
