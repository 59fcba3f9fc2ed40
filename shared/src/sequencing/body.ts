/**
 * Body: an institution that acts in the sequencing without being a negotiating party — a joint
 * commission, a verifying agency, the UN Security Council. A body can take a step ("the Security
 * Council adopts a resolution endorsing the agreement"), verify, guarantee or receive reports.
 */
import { z } from "zod";
import { ChangeStamp, RecordId, ShortText } from "./common.js";

export const BODY_KINDS = [
  "joint-commission",
  "verifying-agency",
  "security-council",
  "other",
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const BodyInput = z.strictObject({
  id: RecordId.optional(),
  name: ShortText("body name", 200),
  kind: z.enum(BODY_KINDS).default("other"),
  description: z
    .string()
    .trim()
    .max(2000, "description must be at most 2000 characters")
    .default(""),
});
export type BodyInput = z.input<typeof BodyInput>;

export const Body = BodyInput.extend({ id: RecordId, changed: ChangeStamp });
export type Body = z.infer<typeof Body>;
