/**
 * SQLite storage through better-sqlite3: WAL mode with `synchronous=FULL` by default, so a
 * committed write survives a power cut as well as a killed process (`NORMAL` in WAL mode only
 * survives the latter, and is an option). The server batches one event-loop turn of updates into
 * one transaction, so the cost is one fsync per batch, not per keystroke. better-sqlite3 is
 * synchronous: a commit blocks the event loop for its duration.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type {
  DocumentStorage,
  FrameworkRecord,
  StoredRoom,
  UpdateRecord,
} from "./documentStorage.js";

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
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS room_updates_room ON room_updates (room, seq);
CREATE INDEX IF NOT EXISTS room_updates_framework ON room_updates (framework_id);
`;

interface FrameworkRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

function toRecord(row: FrameworkRow): FrameworkRecord {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at };
}

export type SqliteSynchronous = "FULL" | "NORMAL";

export interface SqliteOptions {
  /**
   * `FULL` (default): every commit is fsynced, durable across a power cut. `NORMAL`: in WAL mode,
   * commits survive a killed process but the last ones may be lost on a power cut; much faster.
   */
  synchronous?: SqliteSynchronous;
}

/** Opens (creating if needed) the database file; `:memory:` works for tests. */
export function openSqliteStorage(file: string, options: SqliteOptions = {}): DocumentStorage {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous === "NORMAL" ? "NORMAL" : "FULL"}`);
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);

  const selectSnapshot = db.prepare<[string], { snapshot: Buffer }>(
    "SELECT snapshot FROM room_snapshots WHERE room = ?",
  );
  const selectUpdates = db.prepare<[string], { data: Buffer }>(
    "SELECT data FROM room_updates WHERE room = ? ORDER BY seq",
  );
  const insertUpdate = db.prepare<[string, string, Buffer]>(
    "INSERT INTO room_updates (room, framework_id, data) VALUES (?, ?, ?)",
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
    "SELECT id, title, created_at, updated_at FROM frameworks WHERE id = ?",
  );
  const selectFrameworks = db.prepare<[], FrameworkRow>(
    "SELECT id, title, created_at, updated_at FROM frameworks ORDER BY updated_at DESC, id",
  );
  const updateTitle = db.prepare<[string, string, string]>(
    "UPDATE frameworks SET title = ?, updated_at = ? WHERE id = ?",
  );
  const deleteFrameworkRow = db.prepare<[string]>("DELETE FROM frameworks WHERE id = ?");
  const deleteFrameworkUpdates = db.prepare<[string]>(
    "DELETE FROM room_updates WHERE framework_id = ?",
  );
  const deleteFrameworkSnapshots = db.prepare<[string]>(
    "DELETE FROM room_snapshots WHERE framework_id = ?",
  );

  const append = db.transaction((updates: readonly UpdateRecord[], at: string) => {
    const touched = new Set<string>();
    for (const { room, frameworkId, update } of updates) {
      insertUpdate.run(room, frameworkId, Buffer.from(update));
      touched.add(frameworkId);
    }
    for (const id of touched) touchFramework.run(at, id);
  });
  const compact = db.transaction((room: string, frameworkId: string, snapshot: Uint8Array) => {
    upsertSnapshot.run(room, frameworkId, Buffer.from(snapshot));
    deleteRoomUpdates.run(room);
  });
  const removeRoom = db.transaction((room: string) => {
    deleteRoomUpdates.run(room);
    deleteRoomSnapshot.run(room);
  });
  const create = db.transaction((record: FrameworkRecord, snapshot: Uint8Array) => {
    insertFramework.run(record.id, record.title, record.createdAt, record.updatedAt);
    upsertSnapshot.run(record.id, record.id, Buffer.from(snapshot));
  });
  const removeFramework = db.transaction((id: string) => {
    const { changes } = deleteFrameworkRow.run(id);
    deleteFrameworkUpdates.run(id);
    deleteFrameworkSnapshots.run(id);
    return changes > 0;
  });

  return {
    async loadRoom(room: string): Promise<StoredRoom> {
      const read = db.transaction(() => ({
        snapshot: selectSnapshot.get(room)?.snapshot ?? null,
        updates: selectUpdates.all(room).map((row) => row.data),
      }));
      return read();
    },
    async appendUpdates(updates, at) {
      if (updates.length > 0) append(updates, at);
    },
    async compactRoom(room, frameworkId, snapshot) {
      compact(room, frameworkId, snapshot);
    },
    async deleteRoom(room) {
      removeRoom(room);
    },
    async createFramework(record, initialSnapshot) {
      create(record, initialSnapshot);
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
      return removeFramework(id);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
