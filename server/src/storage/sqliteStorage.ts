/**
 * SQLite storage through better-sqlite3: WAL mode with `synchronous=NORMAL` by default, so a
 * committed write survives a killed process; `FULL` (an option) also survives a power cut, at the
 * price of one fsync per commit (the reasoning is in `config.ts`, `sqliteSynchronous`). The server
 * batches one event-loop turn of updates into one transaction. better-sqlite3 is synchronous: a
 * commit blocks the event loop for its duration.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Role } from "@parley/shared/access/roles";
import Database from "better-sqlite3";
import type {
  AuditRecord,
  ClientBinding,
  DeletionRow,
  DocumentStorage,
  FrameworkRecord,
  InviteRecord,
  MemberIdentity,
  StoredRoom,
  StoredVersion,
  UpdateRecord,
  VersionContent,
  VersionRecord,
} from "./documentStorage.js";
import {
  type AuditRow,
  FRAMEWORK_COLUMNS,
  type FrameworkRow,
  INVITE_COLUMNS,
  type InviteRow,
  parseRangesText,
  toAudit,
  toInvite,
  toRecord,
  toVersion,
  VERSION_COLUMNS,
  type VersionRow,
} from "./rows.js";
import { type CheckpointResult, startWalCheckpointer } from "./walCheckpointer.js";

/** The database file in the data directory (the server and the export CLI both open it). */
export const DATABASE_FILE = "parley.sqlite";

/**
 * The tables. Each commit of the update log writes as few pages as possible (it is on every edit's
 * way to the other clients): `room_updates` has one index, and `seq` is a plain rowid (new rows
 * always get the largest one, which is all the log's order needs; files created before keep their
 * AUTOINCREMENT, which works the same). The framework index of the log was dropped: a framework's
 * rooms are found by name.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS frameworks (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS room_snapshots (
  room TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL,
  snapshot BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS room_snapshots_framework ON room_snapshots (framework_id);
CREATE TABLE IF NOT EXISTS room_updates (
  seq INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS room_updates_room ON room_updates (room, seq);
DROP INDEX IF EXISTS room_updates_framework;
CREATE TABLE IF NOT EXISTS invites (
  id TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL,
  role TEXT NOT NULL,
  party TEXT,
  name TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS invites_framework ON invites (framework_id, created_at);
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  framework_id TEXT NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  room TEXT,
  invite_id TEXT,
  user TEXT,
  party TEXT,
  role TEXT,
  bytes INTEGER NOT NULL,
  count INTEGER NOT NULL,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_framework ON audit_log (framework_id, seq);
CREATE TABLE IF NOT EXISTS client_bindings (
  room TEXT NOT NULL,
  client INTEGER NOT NULL,
  framework_id TEXT NOT NULL,
  principal TEXT NOT NULL,
  PRIMARY KEY (room, client)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS client_bindings_framework ON client_bindings (framework_id);
CREATE TABLE IF NOT EXISTS room_deletions (
  seq INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  principal TEXT NOT NULL,
  ranges TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS room_deletions_room ON room_deletions (room, seq);
CREATE INDEX IF NOT EXISTS room_deletions_framework ON room_deletions (framework_id);
CREATE TABLE IF NOT EXISTS members (
  framework_id TEXT NOT NULL,
  principal TEXT NOT NULL,
  name TEXT,
  party TEXT,
  role TEXT NOT NULL,
  PRIMARY KEY (framework_id, principal)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS versions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  framework_id TEXT NOT NULL,
  name TEXT NOT NULL,
  note TEXT NOT NULL,
  kind TEXT NOT NULL,
  by_json TEXT NOT NULL,
  at TEXT NOT NULL,
  size INTEGER NOT NULL,
  stored_bytes INTEGER NOT NULL,
  framework_state BLOB NOT NULL,
  discussion_state BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_framework ON versions (framework_id, seq);
`;

export type SqliteSynchronous = "FULL" | "NORMAL";

export interface SqliteOptions {
  /**
   * `NORMAL` (default): in WAL mode, commits survive a killed process but the last ones may be
   * lost on an OS crash or power cut; much faster. `FULL`: every commit is fsynced.
   */
  synchronous?: SqliteSynchronous;
  /**
   * Checkpoint the WAL from a worker thread (default true for a file): the server's connection
   * then never stops to checkpoint in the middle of a commit (see `walCheckpointer.ts`).
   */
  checkpointInWorker?: boolean;
  /** Milliseconds between the worker's checkpoints (default 1,000). */
  checkpointIntervalMs?: number;
  /** The checkpoint worker failed; the connection went back to SQLite's automatic checkpoints. */
  onCheckpointFailure?: (error: Error) => void;
}

/** Free pages (4 KiB each) from which a compaction runs `incremental_vacuum`. */
const FREE_PAGES_TO_VACUUM = 64;
/** SQLite's own automatic checkpoint, in WAL pages (its default). */
const AUTO_CHECKPOINT_PAGES = 1000;
/**
 * With the worker checkpointing: the server's connection checkpoints by itself only past this many
 * WAL pages (16 MiB). Under a stream of commits the worker's passive checkpoints may never find a
 * moment when the whole WAL is copied and it can start over; this bounds the file, and the
 * checkpoint it runs then has little left to copy.
 */
const SAFETY_CHECKPOINT_PAGES = 4096;
/**
 * WAL size kept on disk: whenever the WAL starts over (everything in it checkpointed), SQLite
 * truncates the file to this (`journal_size_limit`); without the worker, a compaction also
 * checkpoints and truncates it once it has grown past it.
 */
const WAL_KEEP_BYTES = 256 * 1024;

/** Opens (creating if needed) the database file; `:memory:` works for tests. */
/** The SQLite storage, plus a way to run the worker's checkpoint now (null without a worker). */
export interface SqliteStorage extends DocumentStorage {
  checkpointWal(): Promise<CheckpointResult | null>;
}

export function openSqliteStorage(file: string, options: SqliteOptions = {}): SqliteStorage {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Takes effect only on a new file (before the first table): lets compaction give the space of
  // deleted log rows back to the file system (`incremental_vacuum` below). Existing files keep
  // their mode; their free pages are reused by later writes.
  db.pragma("auto_vacuum = INCREMENTAL");
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous === "FULL" ? "FULL" : "NORMAL"}`);
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  const checkpointer =
    file !== ":memory:" && options.checkpointInWorker !== false
      ? startWalCheckpointer({
          file,
          intervalMs: options.checkpointIntervalMs ?? 1000,
          onFailure: (error) => {
            options.onCheckpointFailure?.(error);
            if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
          },
        })
      : null;
  if (checkpointer) db.pragma(`wal_autocheckpoint = ${SAFETY_CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`);

  const selectSnapshot = db.prepare<[string], { snapshot: Buffer }>(
    "SELECT snapshot FROM room_snapshots WHERE room = ?",
  );
  const selectUpdates = db.prepare<[string], { data: Buffer }>(
    "SELECT data FROM room_updates WHERE room = ? ORDER BY seq",
  );
  const insertUpdate = db.prepare<[string, string, Buffer]>(
    "INSERT INTO room_updates (room, framework_id, data) VALUES (?, ?, ?)",
  );
  // The first binding of a client id wins: a later one (a race between batches) is ignored.
  const insertBinding = db.prepare<[string, number, string, string]>(
    "INSERT OR IGNORE INTO client_bindings (room, client, framework_id, principal) VALUES (?, ?, ?, ?)",
  );
  const upsertMember = db.prepare<[string, string, string | null, string | null, string]>(
    `INSERT INTO members (framework_id, principal, name, party, role) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (framework_id, principal) DO UPDATE
     SET name = excluded.name, party = excluded.party, role = excluded.role`,
  );
  const selectMembers = db.prepare<
    [string],
    { principal: string; name: string | null; party: string | null; role: string }
  >("SELECT principal, name, party, role FROM members WHERE framework_id = ?");
  const deleteFrameworkMembers = db.prepare<[string]>("DELETE FROM members WHERE framework_id = ?");
  const insertVersion = db.prepare<
    [string, string, string, string, string, string, string, number, number, Buffer, Buffer]
  >(
    `INSERT INTO versions (id, framework_id, name, note, kind, by_json, at, size, stored_bytes,
       framework_state, discussion_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectVersions = db.prepare<[string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM versions WHERE framework_id = ? ORDER BY seq DESC`,
  );
  const selectVersion = db.prepare<
    [string, string],
    VersionRow & { framework_state: Buffer; discussion_state: Buffer }
  >(
    `SELECT ${VERSION_COLUMNS}, framework_state, discussion_state FROM versions
     WHERE framework_id = ? AND id = ?`,
  );
  const deleteVersionRow = db.prepare<[string, string]>(
    "DELETE FROM versions WHERE framework_id = ? AND id = ?",
  );
  const deleteFrameworkVersions = db.prepare<[string]>(
    "DELETE FROM versions WHERE framework_id = ?",
  );
  const selectBindings = db.prepare<[string], { client: number; principal: string }>(
    "SELECT client, principal FROM client_bindings WHERE room = ? ORDER BY client",
  );
  const deleteRoomBindings = db.prepare<[string]>("DELETE FROM client_bindings WHERE room = ?");
  const insertDeletion = db.prepare<[string, string, string, string]>(
    "INSERT INTO room_deletions (room, framework_id, principal, ranges) VALUES (?, ?, ?, ?)",
  );
  const selectDeletions = db.prepare<[string], { principal: string; ranges: string }>(
    "SELECT principal, ranges FROM room_deletions WHERE room = ? ORDER BY seq",
  );
  const deleteRoomDeletions = db.prepare<[string]>("DELETE FROM room_deletions WHERE room = ?");
  const deleteFrameworkDeletions = db.prepare<[string]>(
    "DELETE FROM room_deletions WHERE framework_id = ?",
  );
  const deleteFrameworkBindings = db.prepare<[string]>(
    "DELETE FROM client_bindings WHERE framework_id = ?",
  );
  const touchFramework = db.prepare<[string, string]>(
    "UPDATE frameworks SET updated_at = ? WHERE id = ?",
  );
  const upsertSnapshot = db.prepare<[string, string, Buffer]>(
    `INSERT INTO room_snapshots (room, framework_id, snapshot) VALUES (?, ?, ?)
     ON CONFLICT (room) DO UPDATE SET snapshot = excluded.snapshot`,
  );
  const deleteRoomUpdates = db.prepare<[string]>("DELETE FROM room_updates WHERE room = ?");
  const deleteRoomSnapshot = db.prepare<[string]>("DELETE FROM room_snapshots WHERE room = ?");
  const insertFramework = db.prepare<[string, string, string, string]>(
    "INSERT INTO frameworks (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
  );
  const selectFramework = db.prepare<[string], FrameworkRow>(
    `SELECT ${FRAMEWORK_COLUMNS} FROM frameworks WHERE id = ?`,
  );
  const selectFrameworks = db.prepare<[], FrameworkRow>(
    `SELECT ${FRAMEWORK_COLUMNS} FROM frameworks ORDER BY updated_at DESC, id`,
  );
  const updateTitle = db.prepare<[string, string, string]>(
    "UPDATE frameworks SET title = ?, updated_at = ? WHERE id = ?",
  );
  const deleteFrameworkRow = db.prepare<[string]>("DELETE FROM frameworks WHERE id = ?");
  // A framework's rooms are `<id>` and `<id>/…`: the (room, seq) index finds them by range.
  const deleteFrameworkUpdates = db.prepare<[string, string, string]>(
    "DELETE FROM room_updates WHERE room = ? OR (room >= ? AND room < ?)",
  );
  const deleteFrameworkSnapshots = db.prepare<[string]>(
    "DELETE FROM room_snapshots WHERE framework_id = ?",
  );

  const insertInvite = db.prepare<
    [string, string, string, string | null, string | null, string, string, string | null]
  >(
    `INSERT INTO invites (id, framework_id, role, party, name, created_at, expires_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectInvite = db.prepare<[string], InviteRow>(
    `SELECT ${INVITE_COLUMNS} FROM invites WHERE id = ?`,
  );
  const selectInvites = db.prepare<[string], InviteRow>(
    `SELECT ${INVITE_COLUMNS} FROM invites WHERE framework_id = ? ORDER BY created_at DESC, id DESC`,
  );
  const updateRevoked = db.prepare<[string, string]>(
    "UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
  );
  const deleteFrameworkInvites = db.prepare<[string]>("DELETE FROM invites WHERE framework_id = ?");
  const insertAudit = db.prepare<
    [
      string,
      string,
      string,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      number,
      number,
      string | null,
    ]
  >(
    `INSERT INTO audit_log (framework_id, at, action, room, invite_id, user, party, role, bytes, count, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectAudit = db.prepare<[string, number, number], AuditRow & { user: string | null }>(
    "SELECT * FROM audit_log WHERE framework_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
  );
  const deleteFrameworkAudit = db.prepare<[string]>("DELETE FROM audit_log WHERE framework_id = ?");
  const addInvite = (invite: InviteRecord): void => {
    insertInvite.run(
      invite.id,
      invite.frameworkId,
      invite.role,
      invite.party,
      invite.name,
      invite.createdAt,
      invite.expiresAt,
      invite.revokedAt,
    );
  };
  // Every write transaction below runs as BEGIN IMMEDIATE (`.immediate`): it takes the write lock
  // and its snapshot together, so another connection on the file (the checkpoint worker's, or a
  // tool's) can only make it wait (busy_timeout), never fail half-way with SQLITE_BUSY_SNAPSHOT
  // between a read and a write. (An e2e run once got a 500 from an invite creation, which reads the
  // framework and then inserts, while the worker truncated the WAL; the worker no longer truncates.)
  const appendAuditRows = db.transaction((records: readonly AuditRecord[]) => {
    for (const r of records) {
      insertAudit.run(
        r.frameworkId,
        r.at,
        r.action,
        r.room,
        r.inviteId,
        r.user,
        r.party,
        r.role,
        r.bytes,
        r.count,
        r.detail,
      );
    }
  });
  const createInviteChecked = db.transaction((invite: InviteRecord) => {
    if (!selectFramework.get(invite.frameworkId)) {
      throw new Error(`framework ${invite.frameworkId} does not exist`);
    }
    addInvite(invite);
  });

  const append = db.transaction(
    (
      updates: readonly UpdateRecord[],
      at: string,
      bindings: readonly ClientBinding[],
      deletions: readonly DeletionRow[],
    ) => {
      const touched = new Set<string>();
      for (const { room, frameworkId, update } of updates) {
        insertUpdate.run(room, frameworkId, Buffer.from(update));
        touched.add(frameworkId);
      }
      for (const b of bindings) {
        insertBinding.run(b.room, b.client, b.frameworkId, b.principal);
        if (b.identity) {
          const { name, party, role } = b.identity;
          upsertMember.run(b.frameworkId, b.principal, name, party, role);
        }
      }
      for (const d of deletions) {
        insertDeletion.run(d.room, d.frameworkId, d.principal, JSON.stringify(d.ranges));
      }
      for (const id of touched) touchFramework.run(at, id);
    },
  );
  const compact = db.transaction((room: string, frameworkId: string, snapshot: Uint8Array) => {
    upsertSnapshot.run(room, frameworkId, Buffer.from(snapshot));
    deleteRoomUpdates.run(room);
  });
  /**
   * After a compaction: hand the freed pages back (new files, see `auto_vacuum`), so the data
   * directory shrinks to the size of what it holds. The WAL shrinks by itself once the worker has
   * checkpointed it (`journal_size_limit`); without the worker, a WAL past `WAL_KEEP_BYTES` is
   * checkpointed and truncated here (blocking: a checkpoint costs an fsync, so not for less).
   */
  const giveBackSpace = (): void => {
    if (file === ":memory:") return;
    const free = Number(db.pragma("freelist_count", { simple: true }));
    if (free >= FREE_PAGES_TO_VACUUM) db.pragma("incremental_vacuum");
    if (checkpointer) return;
    const wal = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (wal >= WAL_KEEP_BYTES) db.pragma("wal_checkpoint(TRUNCATE)");
  };
  const removeRoom = db.transaction((room: string) => {
    deleteRoomUpdates.run(room);
    deleteRoomSnapshot.run(room);
    deleteRoomBindings.run(room);
    deleteRoomDeletions.run(room);
  });
  const create = db.transaction(
    (record: FrameworkRecord, snapshot: Uint8Array, invite: InviteRecord | undefined) => {
      insertFramework.run(record.id, record.title, record.createdAt, record.updatedAt);
      upsertSnapshot.run(record.id, record.id, Buffer.from(snapshot));
      if (invite) addInvite(invite);
    },
  );
  const removeFramework = db.transaction((id: string) => {
    const { changes } = deleteFrameworkRow.run(id);
    deleteFrameworkUpdates.run(id, `${id}/`, `${id}0`);
    deleteFrameworkSnapshots.run(id);
    deleteFrameworkBindings.run(id);
    deleteFrameworkDeletions.run(id);
    deleteFrameworkMembers.run(id);
    deleteFrameworkVersions.run(id);
    deleteFrameworkInvites.run(id);
    deleteFrameworkAudit.run(id);
    return changes > 0;
  });

  const addVersion = db.transaction((record: VersionRecord, content: VersionContent) => {
    if (!selectFramework.get(record.frameworkId)) return false;
    insertVersion.run(
      record.id,
      record.frameworkId,
      record.name,
      record.note,
      record.kind,
      JSON.stringify(record.by),
      record.at,
      record.size,
      record.storedBytes,
      Buffer.from(content.framework),
      Buffer.from(content.discussion),
    );
    return true;
  });

  return {
    async loadRoom(room: string): Promise<StoredRoom> {
      const read = db.transaction(() => ({
        snapshot: selectSnapshot.get(room)?.snapshot ?? null,
        updates: selectUpdates.all(room).map((row) => row.data),
      }));
      return read();
    },
    async appendUpdates(updates, at, bindings = [], deletions = []) {
      if (updates.length > 0 || bindings.length > 0 || deletions.length > 0) {
        append.immediate(updates, at, bindings, deletions);
      }
    },
    async loadDeletions(room) {
      return selectDeletions
        .all(room)
        .map(({ principal, ranges }) => ({ principal, ranges: parseRangesText(ranges) }));
    },
    async loadClientBindings(room) {
      return selectBindings.all(room).map(({ client, principal }) => ({ client, principal }));
    },
    async loadMembers(frameworkId) {
      const members = new Map<string, MemberIdentity>();
      for (const row of selectMembers.all(frameworkId)) {
        members.set(row.principal, { name: row.name, party: row.party, role: row.role as Role });
      }
      return members;
    },
    async compactRoom(room, frameworkId, snapshot) {
      compact.immediate(room, frameworkId, snapshot);
      giveBackSpace();
    },
    async deleteRoom(room) {
      removeRoom.immediate(room);
    },
    async createFramework(record, initialSnapshot, creatorInvite) {
      create.immediate(record, initialSnapshot, creatorInvite);
    },
    async getFramework(id) {
      const row = selectFramework.get(id);
      return row ? toRecord(row) : null;
    },
    async listFrameworks() {
      return selectFrameworks.all().map(toRecord);
    },
    async renameFramework(id, title, at) {
      updateTitle.run(title, at, id);
      const row = selectFramework.get(id);
      return row ? toRecord(row) : null;
    },
    async deleteFramework(id) {
      return removeFramework.immediate(id);
    },
    async createVersion(record, content) {
      return addVersion.immediate(record, content);
    },
    async listVersions(frameworkId) {
      return selectVersions.all(frameworkId).map(toVersion);
    },
    async getVersion(frameworkId, id): Promise<StoredVersion | null> {
      const row = selectVersion.get(frameworkId, id);
      if (!row) return null;
      return {
        ...toVersion(row),
        content: { framework: row.framework_state, discussion: row.discussion_state },
      };
    },
    async deleteVersion(frameworkId, id) {
      return deleteVersionRow.run(frameworkId, id).changes > 0;
    },
    async createInvite(invite) {
      createInviteChecked.immediate(invite);
    },
    async getInvite(id) {
      const row = selectInvite.get(id);
      return row ? toInvite(row) : null;
    },
    async listInvites(frameworkId) {
      return selectInvites.all(frameworkId).map(toInvite);
    },
    async revokeInvite(id, at) {
      updateRevoked.run(at, id);
      const row = selectInvite.get(id);
      return row ? toInvite(row) : null;
    },
    async appendAudit(records) {
      if (records.length > 0) appendAuditRows.immediate(records);
    },
    async listAudit(frameworkId, { limit, before }) {
      return selectAudit
        .all(frameworkId, before ?? Number.MAX_SAFE_INTEGER, limit)
        .map((row) => toAudit(row, row.user));
    },
    async close() {
      await checkpointer?.stop();
      if (db.open) db.close();
    },
    checkpointWal() {
      return checkpointer ? checkpointer.checkpointNow() : Promise.resolve(null);
    },
  };
}
