/** Verification mechanism: who verifies what, how, how often, for how long, reporting to whom, confirming which steps. */
import { z } from "zod";
import { BodyRef, ChangeStamp, RecordId, ShortText } from "./common.js";

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
});
export type MechanismInput = z.input<typeof MechanismInput>;

export const Mechanism = MechanismInput.extend({ id: RecordId, changed: ChangeStamp });
export type Mechanism = z.infer<typeof Mechanism>;
