/**
 * The versions API's bodies and answers (`/api/frameworks/:id/versions…`, `/compare`), shared by
 * the server (validation) and the client.
 */
import { z } from "zod";
import { actorSchema } from "../model/actor.js";
import type { Comparison } from "./comparison.js";
import type { FrameworkSnapshot } from "./snapshot.js";

export const VERSION_NAME_MAX = 200;
export const VERSION_NOTE_MAX = 2000;
/** Versions one framework may hold; past it, old ones must be deleted first. */
export const MAX_VERSIONS_PER_FRAMEWORK = 500;

/** Version ids: `v-` and ten lowercase letters or digits (`newId("v")`). */
export const VERSION_ID_PATTERN = /^v-[0-9a-z]{10}$/;

export function isVersionId(value: unknown): value is string {
  return typeof value === "string" && VERSION_ID_PATTERN.test(value);
}

/** Control characters other than tab and newline (a note may have lines). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export const CreateVersionBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "a version needs a name")
    .max(VERSION_NAME_MAX)
    .refine((s) => !CONTROL.test(s) && !s.includes("\n"), "no control characters in a name"),
  note: z
    .string()
    .max(VERSION_NOTE_MAX)
    .refine((s) => !CONTROL.test(s), "no control characters in a note")
    .optional(),
});
export type CreateVersionBody = z.infer<typeof CreateVersionBody>;

export const VERSION_KINDS = ["manual", "beforeRestore", "export"] as const;

export const VersionInfo = z.object({
  id: z.string(),
  frameworkId: z.string(),
  name: z.string(),
  note: z.string(),
  kind: z.enum(VERSION_KINDS),
  by: actorSchema,
  at: z.string(),
  /** Bytes of the two room states. */
  size: z.number(),
  /** Bytes stored (compressed). */
  storedBytes: z.number(),
});
export type VersionInfo = z.infer<typeof VersionInfo>;

export interface VersionList {
  versions: VersionInfo[];
}

/** `GET …/versions/:v`: the version with its text (ProseMirror JSON) and records as then. */
export interface VersionContentAnswer {
  version: VersionInfo;
  /** The framework text as ProseMirror JSON. */
  document: unknown;
  /** Terms, brackets, sequencing records and parties, with stances from the discussion room. */
  snapshot: FrameworkSnapshot;
}

/** `POST …/versions/:v/restore`. */
export interface RestoreAnswer {
  /** The "before restore" version saved first. */
  saved: VersionInfo;
  /** Whether anything changed (false: the content already was the version's). */
  changed: boolean;
}

/** `GET …/compare?format=json`. */
export interface ComparisonAnswer {
  /** null: the current state ("now"). */
  from: VersionInfo | null;
  /** null: the current state ("now"). */
  to: VersionInfo | null;
  comparison: Comparison;
}

/**
 * `GET /api/frameworks/:id/authorship` (observer and up): who wrote under each Yjs client id of
 * the framework room, as the server bound it (a client cannot claim another's id), for the
 * editor's "colour by author" view. Only the shared framework room: never a private room, never a
 * member key or token detail; name and party as the writer's token said.
 */
export const authorshipWriterSchema = z.object({
  client: z.number().int().nonnegative(),
  name: z.string().min(1).max(120),
  party: actorSchema.shape.party,
});
export type AuthorshipWriter = z.infer<typeof authorshipWriterSchema>;

export const authorshipAnswerSchema = z.object({
  writers: z.array(authorshipWriterSchema).max(100_000),
});
export type AuthorshipAnswer = z.infer<typeof authorshipAnswerSchema>;
