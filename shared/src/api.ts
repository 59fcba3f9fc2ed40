/**
 * The REST API's request and response shapes, validated with zod on the server and used as types
 * by the client. One definition for both sides.
 */
import { z } from "zod";
import { LIMITS } from "./protocol.js";

export const FrameworkTitle = z
  .string()
  .trim()
  .min(1, "title must not be empty")
  .max(LIMITS.maxTitleLength, `title must be at most ${LIMITS.maxTitleLength} characters`);

export const CreateFrameworkBody = z.strictObject({
  title: FrameworkTitle,
  /**
   * Which skeleton the server writes as initial content: "blank" is a title and one empty
   * section; "phased-reciprocal" is the example framework of `shared/src/templates`.
   */
  template: z.enum(["blank", "phased-reciprocal"]).default("blank"),
});
export type CreateFrameworkBody = z.input<typeof CreateFrameworkBody>;

export const RenameFrameworkBody = z.strictObject({ title: FrameworkTitle });
export type RenameFrameworkBody = z.infer<typeof RenameFrameworkBody>;

export const FrameworkSummary = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO 8601 timestamps. */
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FrameworkSummary = z.infer<typeof FrameworkSummary>;

export const FrameworkList = z.object({ frameworks: z.array(FrameworkSummary) });
export type FrameworkList = z.infer<typeof FrameworkList>;

/** Every API error has this body, with a matching HTTP status. */
export const ApiError = z.object({
  error: z.object({
    /** Machine-readable, e.g. "not_found", "invalid_request", "payload_too_large". */
    code: z.string(),
    /** A sentence a person can act on. */
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
