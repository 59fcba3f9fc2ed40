/**
 * The export request the dialog sends: `GET /api/frameworks/:id/export?format=…&text=…&comments=…
 * &annexes=…&nonPaper=…&suggestions=…`, built from the shared options (`@parley/shared/export/options`, the same
 * schema the server validates the query string with). Pure.
 */
import {
  DEFAULT_EXPORT_OPTIONS,
  type ExportFormat,
  type ExportOptions,
} from "@parley/shared/export/options";

/** The formats in the order the dialog offers them (DOCX first: what ministries circulate). */
export const FORMAT_CHOICES: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: "docx", label: "DOCX", hint: "Word, to edit" },
  { format: "pdf", label: "PDF", hint: "to circulate" },
  { format: "html", label: "HTML", hint: "one web page" },
  { format: "md", label: "Markdown", hint: "plain text" },
];

/** The short name of a format as the dialog says it ("Preparing DOCX…"). */
export function formatLabel(format: ExportFormat): string {
  return FORMAT_CHOICES.find((choice) => choice.format === format)?.label ?? format;
}

/**
 * What the dialog starts with: DOCX, brackets and options, no comments, annexes, attributed,
 * suggestions shown as tracked changes.
 */
export const INITIAL_EXPORT_OPTIONS: ExportOptions = { format: "docx", ...DEFAULT_EXPORT_OPTIONS };

/** The query string (no leading `?`); every option is spelled out, in a fixed order. */
export function exportQuery(options: ExportOptions): string {
  return new URLSearchParams({
    format: options.format,
    text: options.text,
    comments: String(options.comments),
    annexes: String(options.annexes),
    nonPaper: String(options.nonPaper),
    suggestions: options.suggestions,
    ...(options.annexPrefix !== undefined ? { annexPrefix: options.annexPrefix } : {}),
  }).toString();
}

/** The path of the export of `frameworkId` with `options`. */
export function exportPath(frameworkId: string, options: ExportOptions): string {
  return `/api/frameworks/${encodeURIComponent(frameworkId)}/export?${exportQuery(options)}`;
}
