/**
 * Export options: what the query string (`GET /api/frameworks/:id/export?…`), the CLI and the
 * client dialog choose. One zod schema validates all three; unknown options are refused.
 *
 * - `format`: `md` | `html` | `docx` | `pdf`.
 * - `text`: `brackets` (default: every open bracket with all its options and who proposed each,
 *   term status shown) or `clean` (each open bracket shows its FIRST option, flagged with † and
 *   counted in a note under the title; term status not shown).
 * - `comments`: include the open comment threads (Word comments in DOCX, numbered notes
 *   elsewhere). Default false. Resolved threads are never exported.
 * - `annexes`: include the annexes (sequencing steps, verification mechanisms, guarantees).
 *   Default true.
 * - `annexPrefix`: the word before each annex's number ("Annex I"; "Appendix I", "Schedule I"), so
 *   Parley's tables never clash with the agreement's own annex numbering. Default "Annex".
 * - `nonPaper`: strip party attribution (who proposed an option) and author names (comment
 *   authors become "Participant"); in the annexes and step references parties are "Party A",
 *   "Party B", …; the document is designated "Non-paper". Default false.
 */
import { z } from "zod";

export const EXPORT_FORMATS = ["md", "html", "docx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const TEXT_MODES = ["brackets", "clean"] as const;
export type TextMode = (typeof TEXT_MODES)[number];

export const SUGGESTION_VIEWS = ["show", "accepted", "original"] as const;
export type SuggestionView = (typeof SUGGESTION_VIEWS)[number];

export interface ExportOptions {
  format: ExportFormat;
  text: TextMode;
  comments: boolean;
  annexes: boolean;
  nonPaper: boolean;
  suggestions: SuggestionView;
  /** Absent: "Annex" (`ANNEX_PREFIX_DEFAULT`). */
  annexPrefix?: string;
}

export const ANNEX_PREFIX_DEFAULT = "Annex";

export const DEFAULT_EXPORT_OPTIONS: Omit<ExportOptions, "format"> = {
  text: "brackets",
  comments: false,
  annexes: true,
  nonPaper: false,
  suggestions: "show",
};

const flag = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])])
  .transform((value) => value === true || value === "true" || value === "1" || value === "yes");

/** The options as given (query strings: every value a string; CLI and client may give booleans). */
export const ExportOptionsInput = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(", ")}` }),
  text: z
    .enum(TEXT_MODES, { error: `text must be one of ${TEXT_MODES.join(", ")}` })
    .default(DEFAULT_EXPORT_OPTIONS.text),
  comments: flag.default(DEFAULT_EXPORT_OPTIONS.comments),
  annexes: flag.default(DEFAULT_EXPORT_OPTIONS.annexes),
  nonPaper: flag.default(DEFAULT_EXPORT_OPTIONS.nonPaper),
  suggestions: z
    .enum(SUGGESTION_VIEWS, {
      error: `suggestions must be one of ${SUGGESTION_VIEWS.join(", ")}`,
    })
    .default(DEFAULT_EXPORT_OPTIONS.suggestions),
  annexPrefix: z
    .string({ error: "annexPrefix must be a word such as Annex, Appendix or Schedule" })
    .trim()
    .min(1, "annexPrefix must not be empty")
    .max(40, "annexPrefix must be at most 40 characters")
    .regex(/^\p{L}[\p{L} .'-]*$/u, "annexPrefix may contain only letters, spaces, and . ' -")
    .optional(),
});
export type ExportOptionsInput = z.input<typeof ExportOptionsInput>;

export type ParsedOptions = { ok: true; value: ExportOptions } | { ok: false; message: string };

/** Validates options; the message names the first bad field ("format must be one of …"). */
export function parseExportOptions(input: unknown): ParsedOptions {
  const parsed = ExportOptionsInput.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    return {
      ok: false,
      message: `Unknown option ${issue.keys.map((k) => `"${k}"`).join(", ")}: use format, text, comments, annexes, annexPrefix, nonPaper, suggestions.`,
    };
  }
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  const message = issue?.message ?? "invalid options";
  return { ok: false, message: message.startsWith(where.slice(0, -2)) ? message : where + message };
}

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};
