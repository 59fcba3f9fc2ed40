/**
 * REST calls of the versions feature, with the framework's held token: list, save, restore and
 * delete versions, read one version's stored room states, compare two versions (or one with
 * now), and download a comparison as HTML, PDF or DOCX. The I/O edge; the reading of answers is
 * in `versionWire.ts`.
 */
import type { Comparison } from "@parley/shared/versions/comparison";
import { ApiRequestError, requestWithToken } from "../../api/frameworks.js";
import { tokenFor } from "../../collab/tokens.js";
import {
  readComparison,
  readRestoreAnswer,
  readVersionList,
  readVersionSummary,
  type VersionStates,
  type VersionSummary,
} from "./versionWire.js";

/** `now` compares with the live framework. */
export type VersionRef = string;
export const NOW: VersionRef = "now";

export type ComparisonFormat = "html" | "pdf" | "docx";

function base(frameworkId: string): string {
  return `/api/frameworks/${encodeURIComponent(frameworkId)}`;
}

function versionPath(frameworkId: string, versionId: string): string {
  return `${base(frameworkId)}/versions/${encodeURIComponent(versionId)}`;
}

function unreadable(): ApiRequestError {
  return new ApiRequestError(
    "server",
    "The server sent an answer this page does not understand.",
    null,
  );
}

function orRefuse<T>(value: T | null): T {
  if (value === null) throw unreadable();
  return value;
}

export async function listVersions(frameworkId: string): Promise<VersionSummary[]> {
  const body = await requestWithToken(frameworkId, "GET", `${base(frameworkId)}/versions`);
  return orRefuse(readVersionList(body));
}

export async function saveVersion(
  frameworkId: string,
  input: { name: string; note: string },
): Promise<VersionSummary> {
  const body = await requestWithToken(frameworkId, "POST", `${base(frameworkId)}/versions`, {
    name: input.name,
    ...(input.note ? { note: input.note } : {}),
  });
  return orRefuse(readVersionSummary(body));
}

/** Restores a version for everyone; the answer names the "before restore" version saved first. */
export async function restoreVersion(
  frameworkId: string,
  versionId: string,
): Promise<{ saved: VersionSummary; changed: boolean }> {
  const body = await requestWithToken(
    frameworkId,
    "POST",
    `${versionPath(frameworkId, versionId)}/restore`,
  );
  return orRefuse(readRestoreAnswer(body));
}

export async function deleteVersion(frameworkId: string, versionId: string): Promise<void> {
  await requestWithToken(frameworkId, "DELETE", versionPath(frameworkId, versionId));
}

export async function readVersion(frameworkId: string, versionId: string): Promise<VersionSummary> {
  const body = await requestWithToken(frameworkId, "GET", versionPath(frameworkId, versionId));
  return orRefuse(readVersionSummary(body));
}

/** Bytes of a binary answer, with the Bearer token; refusals as `ApiRequestError`. */
async function fetchBytes(frameworkId: string, path: string): Promise<Uint8Array> {
  const token = tokenFor(frameworkId);
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiRequestError("unreachable", "The Parley server cannot be reached.", null);
  }
  if (!response.ok) throw await refusal(response, "The server refused to send the version.");
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The version's room states (`?format=update&room=framework|discussion`: the raw Yjs state of
 * each), to render into throwaway documents.
 */
export async function fetchVersionStates(
  frameworkId: string,
  versionId: string,
): Promise<VersionStates> {
  const path = (room: string) =>
    `${versionPath(frameworkId, versionId)}?${new URLSearchParams({ format: "update", room })}`;
  const [framework, discussion] = await Promise.all([
    fetchBytes(frameworkId, path("framework")),
    fetchBytes(frameworkId, path("discussion")),
  ]);
  return { framework, discussion };
}

/** The error of a refused answer: the server's message when it sent one. */
async function refusal(response: Response, fallback: string): Promise<ApiRequestError> {
  const text = await response.text();
  let code = response.status === 404 ? "not_found" : "server";
  let message = `${fallback} (HTTP ${response.status})`;
  try {
    const parsed: unknown = JSON.parse(text);
    const error =
      typeof parsed === "object" && parsed !== null && "error" in parsed ? parsed.error : null;
    if (typeof error === "object" && error !== null) {
      if ("message" in error && typeof error.message === "string") message = error.message;
      if ("code" in error && typeof error.code === "string") code = error.code;
    }
  } catch {
    // not JSON: keep the status message
  }
  return new ApiRequestError(code, message, response.status);
}

export function comparePath(
  frameworkId: string,
  from: VersionRef,
  to: VersionRef,
  format: ComparisonFormat | "json",
): string {
  const query = new URLSearchParams({ from, to, format });
  return `${base(frameworkId)}/compare?${query}`;
}

export async function fetchComparison(
  frameworkId: string,
  from: VersionRef,
  to: VersionRef,
): Promise<Comparison> {
  const body = await requestWithToken(
    frameworkId,
    "GET",
    comparePath(frameworkId, from, to, "json"),
  );
  return orRefuse(readComparison(body));
}

/** The file name the server gives (`Content-Disposition`), else a plain one. */
function fileNameOf(response: Response, format: ComparisonFormat): string {
  const header = response.headers.get("content-disposition") ?? "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header)?.[1];
  return plain ?? `comparison.${format}`;
}

/** Fetches an exported comparison with the Bearer token: the file and its name. */
export async function downloadComparison(
  frameworkId: string,
  from: VersionRef,
  to: VersionRef,
  format: ComparisonFormat,
): Promise<{ blob: Blob; fileName: string }> {
  const token = tokenFor(frameworkId);
  let response: Response;
  try {
    response = await fetch(comparePath(frameworkId, from, to, format), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiRequestError("unreachable", "The Parley server cannot be reached.", null);
  }
  if (!response.ok) throw await refusal(response, "The server refused the export.");
  return { blob: await response.blob(), fileName: fileNameOf(response, format) };
}
