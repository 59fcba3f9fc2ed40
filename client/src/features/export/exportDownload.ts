/**
 * Fetches an export with the framework's Bearer token, reading the body in chunks so the dialog
 * can show how much has arrived, and hands back the file (a Blob) and its name from
 * `Content-Disposition`. `saveFile` offers a Blob as a download through `<a download>` on an
 * object URL. The I/O edge of the export feature; the decisions live in the pure modules.
 */
import type { ExportOptions } from "@parley/shared/export/options";
import { fileNameFromDisposition } from "./contentDisposition.js";
import { type ExportFailure, exportFailure, UNREACHABLE_MESSAGE } from "./exportErrors.js";
import { exportPath } from "./exportQuery.js";

/** Thrown for every failed export except a cancelled one (which rejects with the AbortError). */
export class ExportError extends Error {
  constructor(readonly failure: ExportFailure) {
    super(failure.message);
    this.name = "ExportError";
  }
}

export interface ExportProgress {
  received: number;
  /** From `Content-Length`; null when the server did not say. */
  total: number | null;
}

export interface DownloadRequest {
  frameworkId: string;
  options: ExportOptions;
  token: string | null;
  signal: AbortSignal;
  /** Called when the answer starts arriving and after every chunk. */
  onProgress?: (progress: ExportProgress) => void;
  fetchImpl?: typeof fetch;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

async function readBody(
  response: Response,
  onProgress: ((progress: ExportProgress) => void) | undefined,
): Promise<BlobPart[]> {
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  onProgress?.({ received: 0, total });
  if (!response.body) return [await response.arrayBuffer()];
  const reader = response.body.getReader();
  const chunks: BlobPart[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress?.({ received, total });
  }
  return chunks;
}

/** One export: resolves with the file, rejects with `ExportError`, or an AbortError if cancelled. */
export async function downloadExport(request: DownloadRequest): Promise<DownloadedFile> {
  const doFetch = request.fetchImpl ?? fetch;
  const headers: Record<string, string> = {};
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let response: Response;
  try {
    response = await doFetch(exportPath(request.frameworkId, request.options), {
      method: "GET",
      headers,
      signal: request.signal,
      cache: "no-store",
    });
  } catch (error) {
    if (isAbort(error) || request.signal.aborted) throw error;
    throw new ExportError({
      code: "unreachable",
      message: UNREACHABLE_MESSAGE,
      status: null,
      alternatives: [],
    });
  }
  if (response.status !== 200) {
    throw new ExportError(exportFailure(response.status, await response.text()));
  }
  const chunks = await readBody(response, request.onProgress);
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  const fallback = `framework.${request.options.format}`;
  return {
    blob: new Blob(chunks, { type }),
    fileName: fileNameFromDisposition(response.headers.get("content-disposition"), fallback),
  };
}

/** Offers `blob` as a download named `fileName` (an `<a download>` on an object URL). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the URL once click() returns; release it after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
