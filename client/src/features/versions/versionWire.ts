/**
 * What the versions API answers, read defensively: a version's metadata, the list and a
 * comparison. Anything that does not have the expected
 * shape is refused (null), so a page never renders half-understood data. No I/O here.
 */
import type { Actor } from "@parley/shared/model/actor";
import type { Comparison } from "@parley/shared/versions/comparison";

export const VERSION_KINDS = ["manual", "beforeRestore", "export"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export interface VersionSummary {
  id: string;
  name: string;
  note: string;
  kind: VersionKind;
  by: Actor;
  at: string;
  /** Bytes of the version's room states (before compression). */
  size: number;
}

/** A version's stored room states (`Y.encodeStateAsUpdate`), never a private room. */
export interface VersionStates {
  framework: Uint8Array;
  discussion: Uint8Array;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readActor(value: unknown): Actor | null {
  if (!isObject(value) || typeof value.name !== "string") return null;
  const party = value.party;
  if (party !== null && party !== undefined && typeof party !== "string") return null;
  const actor: Actor = { name: value.name, party: typeof party === "string" ? party : null };
  if (typeof value.member === "string") actor.member = value.member;
  const role = value.role;
  if (role === "observer" || role === "commenter" || role === "drafter" || role === "mediator") {
    actor.role = role;
  }
  return actor;
}

function isKind(value: unknown): value is VersionKind {
  return VERSION_KINDS.some((k) => k === value);
}

/** One version's metadata (the list's row, or the body of a created version). */
export function readVersionSummary(value: unknown): VersionSummary | null {
  const v = isObject(value) && isObject(value.version) ? value.version : value;
  if (!isObject(v)) return null;
  const by = readActor(v.by);
  const { id, name, at, size } = v;
  if (typeof id !== "string" || typeof name !== "string" || typeof at !== "string") return null;
  if (by === null || !isKind(v.kind) || typeof size !== "number" || !Number.isFinite(size)) {
    return null;
  }
  const note = typeof v.note === "string" ? v.note : "";
  return { id, name, note, kind: v.kind, by, at, size };
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
