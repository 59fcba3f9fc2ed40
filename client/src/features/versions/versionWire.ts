/**
 * What the versions API answers, read defensively: a version's metadata (by the shared
 * schema), the list, a restore's answer and a comparison. Anything that does not have the expected
 * shape is refused (null), so a page never renders half-understood data. No I/O here.
 */
import { VersionInfo } from "@parley/shared/versions/api";
import type { Comparison } from "@parley/shared/versions/comparison";

/** A version's metadata as the API sends it (`shared/src/versions/api.ts`). */
export type VersionSummary = VersionInfo;
export type VersionKind = VersionInfo["kind"];

/** A version's stored room states (`Y.encodeStateAsUpdate`), never a private room. */
export interface VersionStates {
  framework: Uint8Array;
  discussion: Uint8Array;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One version's metadata (the list's row, or the body of a created version). */
export function readVersionSummary(value: unknown): VersionSummary | null {
  const v = isObject(value) && isObject(value.version) ? value.version : value;
  const parsed = VersionInfo.safeParse(v);
  return parsed.success ? parsed.data : null;
}

/** `POST …/restore`: the "before restore" version saved first, and whether anything changed. */
export function readRestoreAnswer(
  value: unknown,
): { saved: VersionSummary; changed: boolean } | null {
  if (!isObject(value) || typeof value.changed !== "boolean") return null;
  const saved = readVersionSummary(value.saved);
  return saved === null ? null : { saved, changed: value.changed };
}

/** The list, `{versions: […]}` (or a bare array); null if any row is malformed. */
export function readVersionList(value: unknown): VersionSummary[] | null {
  const rows = isObject(value) ? value.versions : value;
  if (!Array.isArray(rows)) return null;
  const out: VersionSummary[] = [];
  for (const row of rows) {
    const summary = readVersionSummary(row);
    if (summary === null) return null;
    out.push(summary);
  }
  return out;
}

/** A comparison (`GET …/compare?format=json`), bare or under `comparison`. */
export function readComparison(value: unknown): Comparison | null {
  const c = isObject(value) && isObject(value.comparison) ? value.comparison : value;
  if (!isObject(c) || typeof c.summary !== "string" || !isObject(c.counts)) return null;
  const lists = [c.parties, c.terms, c.brackets, c.droppedOptions, c.sequencing];
  if (!lists.every((list) => Array.isArray(list))) return null;
  // The shape is the shared one (`shared/src/versions/comparison.ts`), built by the server.
  return c as unknown as Comparison;
}
