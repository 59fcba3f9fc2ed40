/**
 * What the dialog says when an export fails: the server's JSON `error.message` when it sent one
 * (with a hint to pick another format when PDF printing is unavailable), else a sentence for the
 * HTTP status. Pure.
 */
import { ApiError } from "@parley/shared/api";
import type { ExportFormat } from "@parley/shared/export/options";
import { FORMAT_CHOICES } from "./exportQuery.js";

export interface ExportFailure {
  /** The server's error code (`pdf_unavailable`, `forbidden`, …), `unreachable` or `server`. */
  code: string;
  message: string;
  status: number | null;
  /** Formats worth trying instead (for `pdf_unavailable`: every format but PDF). */
  alternatives: ExportFormat[];
}

export const UNREACHABLE_MESSAGE =
  "The Parley server cannot be reached. Check your connection and try again.";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The failure for an HTTP answer that was not 200, from its status and body text. */
export function exportFailure(status: number, bodyText: string): ExportFailure {
  const parsed = ApiError.safeParse(parseJson(bodyText));
  if (parsed.success) {
    const { code, message } = parsed.data.error;
    if (code === "pdf_unavailable") {
      const alternatives = FORMAT_CHOICES.map((c) => c.format).filter((f) => f !== "pdf");
      const names = FORMAT_CHOICES.filter((c) => c.format !== "pdf").map((c) => c.label);
      return {
        code,
        status,
        alternatives,
        message: `${message} Choose ${names.slice(0, -1).join(", ")} or ${names.at(-1)} instead: they do not need the PDF printer.`,
      };
    }
    return { code, message, status, alternatives: [] };
  }
  if (status >= 502 && status <= 504) {
    return { code: "unreachable", message: UNREACHABLE_MESSAGE, status, alternatives: [] };
  }
  const message =
    status === 401 || status === 403
      ? "Your link does not allow exporting this framework. Ask the mediator for a new link."
      : status === 404
        ? "This framework no longer exists on the server."
        : status >= 500
          ? "The server could not prepare the export. Please try again in a moment."
          : `The server refused the export (HTTP ${status}).`;
  return { code: status === 404 ? "not_found" : "server", message, status, alternatives: [] };
}
