/**
 * The rows both SQL engines read back (`sqliteStorage.ts`, `pgStorage.ts`) and their mapping to
 * the records of `documentStorage.ts`. The tables have the same columns in both engines; what
 * differs is how values arrive: PostgreSQL's `pg` returns bigint columns as strings and jsonb
 * already parsed, better-sqlite3 returns integers as numbers and JSON as text. Each engine keeps
 * its own SQL; only the column lists and the row shapes are shared.
 */
import type { Role } from "@parley/shared/access/roles";
import type { AuditAction } from "@parley/shared/api";
import type {
  FrameworkRecord,
  InviteRecord,
  StoredAuditRecord,
  VersionKind,
  VersionRecord,
} from "./documentStorage.js";

/** An integer column: a number from SQLite, a string from a PostgreSQL bigint. */
export type IntegerColumn = string | number;

/** bigint columns arrive as strings (PostgreSQL); SQLite's integers are numbers already. */
export function num(value: IntegerColumn): number {
  return typeof value === "number" ? value : Number(value);
}

export const FRAMEWORK_COLUMNS = "id, title, created_at, updated_at";
export const INVITE_COLUMNS =
  "id, framework_id, role, party, name, created_at, expires_at, revoked_at";
export const VERSION_COLUMNS =
  "id, framework_id, name, note, kind, by_json, at, size, stored_bytes";

export interface FrameworkRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

export function toRecord(row: FrameworkRow): FrameworkRecord {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at };
}

export interface InviteRow {
  id: string;
  framework_id: string;
  role: string;
  party: string | null;
  name: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export function toInvite(row: InviteRow): InviteRecord {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    role: row.role as Role,
    party: row.party,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * An audit row. The user's column is `user` in SQLite and `user_name` in PostgreSQL (where `user`
 * is a reserved word); each engine names it in its own select, so this takes the user separately.
 */
export interface AuditRow {
  seq: IntegerColumn;
  framework_id: string;
  at: string;
  action: string;
  room: string | null;
  invite_id: string | null;
  party: string | null;
  role: string | null;
  bytes: IntegerColumn;
  count: IntegerColumn;
  detail: string | null;
}

export function toAudit(row: AuditRow, user: string | null): StoredAuditRecord {
  return {
    seq: num(row.seq),
    frameworkId: row.framework_id,
    at: row.at,
    action: row.action as AuditAction,
    room: row.room,
    inviteId: row.invite_id,
    user,
    party: row.party,
    role: row.role as Role | null,
    bytes: num(row.bytes),
    count: num(row.count),
    detail: row.detail,
  };
}

export interface VersionRow {
  id: string;
  framework_id: string;
  name: string;
  note: string;
  kind: string;
  by_json: string;
  at: string;
  size: IntegerColumn;
  stored_bytes: IntegerColumn;
}

export function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    name: row.name,
    note: row.note,
    kind: row.kind as VersionKind,
    by: JSON.parse(row.by_json) as VersionRecord["by"],
    at: row.at,
    size: num(row.size),
    storedBytes: num(row.stored_bytes),
  };
}

/** A deletion row's ranges, parsed (`[[client, clock, len], …]`); malformed entries are skipped. */
export function parseRanges(raw: unknown): Array<readonly [number, number, number]> {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) =>
    Array.isArray(entry) &&
    entry.length === 3 &&
    entry.every((n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0)
      ? [[entry[0] as number, entry[1] as number, entry[2] as number] as const]
      : [],
  );
}

/** The same from JSON text (SQLite stores the ranges as text); unparseable text holds none. */
export function parseRangesText(text: string): Array<readonly [number, number, number]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  return parseRanges(raw);
}
