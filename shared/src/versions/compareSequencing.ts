/**
 * Sequencing records of two versions matched by kind and id: added, removed, or changed field by
 * field. Fields are compared as JSON (object keys in any order); the record's id and its
 * "last changed" stamp are not fields of the agreement and are left out.
 */
import type { RecordKind, SequencingSnapshot } from "../sequencing/snapshot.js";
import { type Authorship, authorsOf } from "./authorship.js";
import type { FieldChange, RecordChange } from "./comparison.js";

const KIND_LISTS: ReadonlyArray<[RecordKind, keyof Omit<SequencingSnapshot, "invalid">]> = [
  ["milestone", "milestones"],
  ["step", "steps"],
  ["mechanism", "mechanisms"],
  ["guarantee", "guarantees"],
  ["proposal", "proposals"],
  ["side", "sides"],
  ["body", "bodies"],
];

/** Bookkeeping fields, not terms of the agreement. */
const IGNORED_FIELDS: ReadonlySet<string> = new Set(["id", "changed"]);

/** Fields tried, in order, for a record's readable name. */
const NAME_FIELDS = ["name", "action", "obligation"] as const;

type PlainRecord = Readonly<Record<string, unknown>>;

/** JSON with object keys sorted, so that two equal values always print the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries);
  });
}

function recordName(record: PlainRecord): string {
  for (const field of NAME_FIELDS) {
    const value = record[field];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return String(record.id ?? "");
}

/** The fields whose values differ, in a stable order (the earlier record's, then new ones). */
export function fieldChanges(from: PlainRecord, to: PlainRecord): FieldChange[] {
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  const out: FieldChange[] = [];
  for (const field of fields) {
    if (IGNORED_FIELDS.has(field)) continue;
    const a = from[field];
    const b = to[field];
    if (stableJson(a) === stableJson(b)) continue;
    out.push({ field, from: a ?? null, to: b ?? null });
  }
  return out;
}

export function compareSequencing(
  from: SequencingSnapshot,
  to: SequencingSnapshot,
  authorship: Authorship | undefined,
): RecordChange[] {
  const out: RecordChange[] = [];
  for (const [recordKind, list] of KIND_LISTS) {
    const before = new Map<string, PlainRecord>(from[list].map((r) => [r.id, r]));
    const after = new Map<string, PlainRecord>(to[list].map((r) => [r.id, r]));
    const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const id of ids) {
      const a = before.get(id);
      const b = after.get(id);
      const record = (b ?? a) as PlainRecord;
      let change: RecordChange | null = null;
      if (!a) change = { recordKind, id, name: recordName(record), kind: "added", fields: [] };
      else if (!b)
        change = { recordKind, id, name: recordName(record), kind: "removed", fields: [] };
      else {
        const fields = fieldChanges(a, b);
        if (fields.length > 0)
          change = { recordKind, id, name: recordName(b), kind: "changed", fields };
      }
      if (!change) continue;
      const by = authorsOf(authorship, { kind: "record", recordKind, id });
      if (by) change.by = by;
      out.push(change);
    }
  }
  return out;
}
