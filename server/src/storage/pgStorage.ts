/**
 * PostgreSQL storage through `pg` (a connection pool): the `DocumentStorage` contract, plus what
 * several Parley processes on one database need (the `PgStorage` interface below):
 *
 * - every room's update log is numbered by `seq` (1, 2, 3… per room, never reused, kept across
 *   compaction): `appendSequenced` reports the numbers it assigned, `loadRoomWithHead` returns the
 *   room with the last number it holds, and `loadUpdatesSince` what was appended after a number,
 *   so a process that missed a broadcast catches up from the database;
 * - an optional fence per room (`fences`): a write carrying an owner epoch lower than one already
 *   written to that room is refused inside its transaction (`FencedError`), so a paused former
 *   owner cannot write after another process took the room over;
 * - compaction up to a given `seq` (`compactRoomThrough`), which never deletes an update
 *   above it and never replaces a newer snapshot with an older one;
 * - `sharedSecret`: one value (the token signing key) generated once and shared by all processes.
 *
 * Every statement is parameterised; no value is ever spliced into SQL. Lock order, to keep
 * concurrent writers of several processes from deadlocking: fences, then room heads (both sorted
 * by room), then frameworks.
 */
import type { Role } from "@parley/shared/access/roles";
import type pg from "pg";
import type {
  ClientBinding,
  DeletionRow,
  DocumentStorage,
  InviteRecord,
  MemberIdentity,
  StoredRoom,
  StoredVersion,
  UpdateRecord,
} from "./documentStorage.js";
import { migrate } from "./pgMigrate.js";
import { connectPgPool, type PgPoolOptions } from "./pgPool.js";
import {
  type AuditRow,
  FRAMEWORK_COLUMNS,
  type FrameworkRow,
  INVITE_COLUMNS,
  type InviteRow,
  num,
  parseRanges,
  toAudit,
  toInvite,
  toRecord,
  toVersion,
  VERSION_COLUMNS,
  type VersionRow,
} from "./rows.js";

/** An owner's claim on a room: its epoch must be at least the highest written to that room. */
export interface RoomFence {
  room: string;
  epoch: number;
}

/** What `appendSequenced` assigned: `seqs[i]` is the room sequence number of `updates[i]`. */
export interface AppendResult {
  seqs: number[];
}

export interface AppendOptions {
  /** Checked (and raised to the given epoch) in the write transaction; refused: nothing stored. */
  fences?: readonly RoomFence[];
  /**
   * Optimistic commits (the scale-out, cluster/pgRoomLog.ts): each room's head must still be
   * `head` when the transaction numbers its updates, else `HeadMovedError` and nothing is stored.
   */
  expectHeads?: ReadonlyArray<{ room: string; head: number }>;
  /** Who deleted what first (stored in the same transaction). */
  deletions?: readonly DeletionRow[];
  /**
   * The scale-out: a binding whose (room, client) is bound to another principal already refuses
   * the whole append (`BindingTakenError`, nothing stored) instead of being skipped, so that of
   * two processes binding the same client id the log decides.
   */
  exclusiveBindings?: boolean;
}

/** An append refused because a client id it binds belongs to another principal (`exclusiveBindings`). */
export class BindingTakenError extends Error {
  constructor(
    readonly room: string,
    readonly client: number,
  ) {
    super(`room ${room}: client id ${client} is bound to another principal`);
    this.name = "BindingTakenError";
  }
}

/** An append refused because another process appended to the room first (`expectHeads`). */
export class HeadMovedError extends Error {
  constructor(readonly room: string) {
    super(`room ${room}: another process appended first`);
    this.name = "HeadMovedError";
  }
}

export interface CompactOptions {
  /** The last log number the snapshot holds (default: the room's head, read in the transaction). */
  through?: number;
  fence?: RoomFence;
}

/** A room as stored, with the last sequence number it holds (0: nothing appended yet). */
export interface StoredRoomWithHead extends StoredRoom {
  head: number;
}

export interface SequencedUpdate {
  seq: number;
  update: Uint8Array;
}

/**
 * The log after a number: complete (every update with a larger `seq`, in order, and the room's
 * head), or `compacted` when a snapshot already swallowed some of them (load the room instead).
 */
export type UpdatesSince =
  | { kind: "updates"; updates: SequencedUpdate[]; head: number }
  | { kind: "compacted"; snapshotSeq: number };

/** A write refused because another owner wrote to the room with a higher epoch. */
export class FencedError extends Error {
  constructor(
    readonly room: string,
    readonly epoch: number,
  ) {
    super(`room ${room}: epoch ${epoch} is fenced off by a newer owner`);
    this.name = "FencedError";
  }
}

export interface PgStorage extends DocumentStorage {
  /** `appendUpdates`, reporting the numbers it assigned, with optional fences. */
  appendSequenced(
    updates: readonly UpdateRecord[],
    at: string,
    bindings?: readonly ClientBinding[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** The room (snapshot and log) and its head, read in one consistent snapshot. */
  loadRoomWithHead(room: string): Promise<StoredRoomWithHead>;
  /** Updates of `room` with `seq > since`, in order (see `UpdatesSince`). */
  loadUpdatesSince(room: string, since: number): Promise<UpdatesSince>;
  /** The last sequence number handed out in `room` (0 if none). */
  roomHead(room: string): Promise<number>;
  /** The last sequence number of each of `rooms`, in one read (0 for a room without one). */
  roomHeads(rooms: readonly string[]): Promise<Map<string, number>>;
  /**
   * Stores `snapshot` and deletes the log up to `through`; false (nothing changed) if a snapshot
   * of a later `seq` is stored already. Throws `FencedError` if the fence is stale. (`compactRoom`
   * is this through the head read in the transaction.)
   */
  compactRoomThrough(
    room: string,
    frameworkId: string,
    snapshot: Uint8Array,
    options?: CompactOptions,
  ): Promise<boolean>;
  /**
   * Raises the room's fence to `epoch` in its own transaction (a new owner claims the room before
   * loading it); false if a higher epoch holds it.
   */
  claimFence(fence: RoomFence): Promise<boolean>;
  /**
   * The value stored under `key` in `parley_settings`; the first caller's `candidate` if none was
   * (every process then reads the same value).
   */
  sharedSetting(key: string, candidate: string): Promise<string>;
  readonly pool: pg.Pool;
}

/** PostgreSQL `text` cannot hold U+0000; it is stored as U+FFFD instead of failing the write. */
function text(value: string): string;
function text(value: string | null): string | null;
function text(value: string | null): string | null {
  return value === null ? null : value.replaceAll("\u0000", "\uFFFD");
}

function bytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** The rooms of a framework are `<id>` and `<id>/…`: with "C" collation, a range of names. */
const FRAMEWORK_ROOMS = "(room = $1 OR (room >= $1 || '/' AND room < $1 || '0'))";

/** Rows per multi-row INSERT (5 parameters each at most, far below PostgreSQL's 65,535). */
const ROWS_PER_INSERT = 1000;
/** Updates per INSERT of one room's log (one array parameter). */
const ROWS_PER_STATEMENT = 10_000;

function placeholders(rows: number, columns: number, offset = 0): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(`$${offset + r * columns + c}`);
    out.push(`(${cells.join(", ")})`);
  }
  return out.join(", ");
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Queryable = Pick<pg.PoolClient, "query">;

/** Runs `work` in one transaction on one connection: committed if it returns, rolled back if not. */
async function transaction<T>(pool: pg.Pool, work: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      // The connection is unusable: destroy it rather than hand it to the next caller.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Raises the fence of each room (sorted: one lock order) or throws `FencedError`. */
async function checkFences(client: Queryable, fences: readonly RoomFence[]): Promise<void> {
  const sorted = [...fences].sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0));
  for (const fence of sorted) {
    if (!(await raiseFence(client, fence))) throw new FencedError(fence.room, fence.epoch);
  }
}

async function raiseFence(client: Queryable, { room, epoch }: RoomFence): Promise<boolean> {
  if (!Number.isSafeInteger(epoch) || epoch < 0) throw new Error(`invalid epoch ${epoch}`);
  const result = await client.query(
    `INSERT INTO room_fences (room, epoch) VALUES ($1, $2)
     ON CONFLICT (room) DO UPDATE SET epoch = EXCLUDED.epoch
     WHERE room_fences.epoch <= EXCLUDED.epoch
     RETURNING epoch`,
    [text(room), epoch],
  );
  return result.rowCount === 1;
}

async function appendIn(
  client: Queryable,
  updates: readonly UpdateRecord[],
  at: string,
  bindings: readonly ClientBinding[],
  deletions: readonly DeletionRow[] = [],
): Promise<number[]> {
  const seqs: number[] = [];
  if (updates.length > 0) {
    const rows = updates.map((u) => ({ room: text(u.room), frameworkId: text(u.frameworkId), u }));
    const counts = new Map<string, number>();
    for (const { room } of rows) counts.set(room, (counts.get(room) ?? 0) + 1);
    const rooms = [...counts.keys()].sort();
    // One statement numbers every room's new updates; rows lock in the (sorted) order given.
    const heads = await client.query<{ room: string; seq: string }>(
      `INSERT INTO room_heads (room, seq)
       SELECT room, n FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(room, n, i) ORDER BY i
       ON CONFLICT (room) DO UPDATE SET seq = room_heads.seq + EXCLUDED.seq
       RETURNING room, seq`,
      [rooms, rooms.map((room) => counts.get(room)!)],
    );
    const next = new Map<string, number>();
    for (const row of heads.rows) next.set(row.room, num(row.seq) - counts.get(row.room)! + 1);
    for (const { room } of rows) {
      const seq = next.get(room)!;
      next.set(room, seq + 1);
      seqs.push(seq);
    }
    // One statement per run of updates of one room and framework (usually the whole batch): the
    // bytes go as one bytea[] parameter, numbered from the run's first seq.
    let start = 0;
    while (start < rows.length) {
      const { room, frameworkId } = rows[start]!;
      let end = start + 1;
      while (
        end < rows.length &&
        end - start < ROWS_PER_STATEMENT &&
        rows[end]!.room === room &&
        rows[end]!.frameworkId === frameworkId &&
        seqs[end] === seqs[end - 1]! + 1
      ) {
        end++;
      }
      if (end - start === 1) {
        // A lone update (maybe a big one) goes as a binary parameter, not hex in an array.
        await client.query(
          "INSERT INTO room_updates (room, seq, framework_id, data) VALUES ($1, $2, $3, $4)",
          [room, seqs[start], frameworkId, bytes(rows[start]!.u.update)],
        );
      } else {
        await client.query(
          `INSERT INTO room_updates (room, seq, framework_id, data)
           SELECT $1, $2::bigint + t.i - 1, $3, t.data
           FROM unnest($4::bytea[]) WITH ORDINALITY AS t(data, i)`,
          [room, seqs[start], frameworkId, rows.slice(start, end).map((r) => bytes(r.u.update))],
        );
      }
      start = end;
    }
  }
  if (bindings.length > 0) await bind(client, bindings);
  for (const batch of chunks(deletions, ROWS_PER_INSERT)) {
    await client.query(
      `INSERT INTO room_deletions (room, framework_id, principal, ranges)
       VALUES ${placeholders(batch.length, 4)}`,
      batch.flatMap((d) => [
        text(d.room),
        text(d.frameworkId),
        text(d.principal),
        JSON.stringify(validRanges(d.ranges)),
      ]),
    );
  }
  const touched = [...new Set(updates.map((u) => text(u.frameworkId)))].sort();
  if (touched.length > 0) {
    await client.query("UPDATE frameworks SET updated_at = $1 WHERE id = ANY($2::text[])", [
      text(at),
      touched,
    ]);
  }
  return seqs;
}

/** Deletion ranges as stored: `[client, clock, len]` of non-negative safe integers, else refused. */
function validRanges(
  ranges: DeletionRow["ranges"],
): ReadonlyArray<readonly [number, number, number]> {
  for (const range of ranges) {
    if (range.length !== 3 || !range.every((n) => Number.isSafeInteger(n) && n >= 0)) {
      throw new Error("invalid deletion range");
    }
  }
  return ranges;
}

/**
 * Appends updates without bindings or fences in ONE statement, so in one round trip and its own
 * implicit transaction (what one process on PostgreSQL does on every batch): number each room's
 * updates after its head, store them, move the frameworks' `updated_at`. Every data-modifying
 * part of the statement commits or none does. Returns the numbers in input order.
 */
async function appendInOneStatement(
  pool: pg.Pool,
  updates: readonly UpdateRecord[],
  at: string,
): Promise<number[]> {
  // Named: each connection parses and plans this statement once, not on every batch.
  const result = await pool.query<{ i: string; seq: string }>({
    name: "parley_append_batch",
    text: `WITH input AS (
       SELECT t.room, t.fw, t.data, t.i
       FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(room, fw, data, i)
     ),
     counts AS (SELECT room, count(*) AS n FROM input GROUP BY room),
     heads AS (
       INSERT INTO room_heads (room, seq)
       SELECT room, n FROM counts ORDER BY room COLLATE "C"
       ON CONFLICT (room) DO UPDATE SET seq = room_heads.seq + EXCLUDED.seq
       RETURNING room, seq
     ),
     numbered AS (
       SELECT input.room, input.fw, input.data, input.i,
         heads.seq - counts.n + row_number() OVER (PARTITION BY input.room ORDER BY input.i) AS seq
       FROM input
       JOIN heads ON heads.room = input.room
       JOIN counts ON counts.room = input.room
     ),
     stored AS (
       INSERT INTO room_updates (room, seq, framework_id, data)
       SELECT room, seq, fw, data FROM numbered
     ),
     touched AS (
       UPDATE frameworks SET updated_at = $4 WHERE id IN (SELECT fw FROM input)
     )
     SELECT i, seq FROM numbered ORDER BY i`,
    values: [
      updates.map((u) => text(u.room)),
      updates.map((u) => text(u.frameworkId)),
      updates.map((u) => bytes(u.update)),
      text(at),
    ],
  });
  return result.rows.map((row) => num(row.seq));
}

/**
 * Throws `BindingTakenError` if any of `bindings` is stored for another principal (read after
 * `bind`, in the same transaction: the first binding of a (room, client) is the one kept).
 */
async function checkBindingsHeld(
  client: Queryable,
  bindings: readonly ClientBinding[],
): Promise<void> {
  if (bindings.length === 0) return;
  const result = await client.query<{ room: string; client: string; principal: string }>(
    `SELECT b.room, b.client, b.principal
     FROM client_bindings b
     JOIN unnest($1::text[], $2::bigint[], $3::text[]) AS t(room, client, principal)
       ON b.room = t.room AND b.client = t.client
     WHERE b.principal <> t.principal
     LIMIT 1`,
    [
      bindings.map((b) => text(b.room)),
      bindings.map((b) => b.client),
      bindings.map((b) => text(b.principal)),
    ],
  );
  const taken = result.rows[0];
  if (taken) throw new BindingTakenError(taken.room, num(taken.client));
}

/**
 * An optimistic commit of one room (the scale-out's, cluster/pgRoomLog.ts) in ONE statement, so in
 * one round trip and its own implicit transaction, instead of BEGIN, the head, the updates, the
 * framework and COMMIT (five): the room's head moves from `after` to `after + n` only if it still
 * is `after` (under READ COMMITTED an UPDATE that waited for another writer re-reads the row, so a
 * concurrent commit makes it match nothing); every other part of the statement reads `head` and
 * writes nothing when it is empty. Null: the head moved, nothing was stored. A named (prepared)
 * statement: each connection parses and plans it once.
 *
 * Deletion rows are plain inserts (no row lock), so they can join; client id bindings (which also
 * upsert the framework's members) keep the transaction's lock order and go through `appendIn`.
 */
async function commitAfterHead(
  pool: pg.Pool,
  room: string,
  frameworkId: string,
  after: number,
  updates: readonly Uint8Array[],
  at: string,
  deletions: readonly DeletionRow[],
): Promise<number[] | null> {
  if (!Number.isSafeInteger(after) || after < 0) throw new Error(`invalid seq ${after}`);
  const result = await pool.query<{ seq: string }>({
    name: "parley_commit_after_head",
    text: `WITH moved AS (
         UPDATE room_heads SET seq = seq + $3 WHERE room = $1 AND seq = $2 RETURNING seq
       ),
       created AS (
         INSERT INTO room_heads (room, seq)
         SELECT $1, $3::bigint WHERE $2 = 0 AND NOT EXISTS (SELECT 1 FROM moved)
         ON CONFLICT (room) DO NOTHING
         RETURNING seq
       ),
       head AS (SELECT seq FROM moved UNION ALL SELECT seq FROM created),
       stored AS (
         INSERT INTO room_updates (room, seq, framework_id, data)
         SELECT $1, $2::bigint + t.i, $4, t.data
         FROM head, unnest($5::bytea[]) WITH ORDINALITY AS t(data, i)
       ),
       deleted AS (
         INSERT INTO room_deletions (room, framework_id, principal, ranges)
         SELECT $1, $4, d.principal, d.ranges::jsonb
         FROM head, unnest($6::text[], $7::text[]) WITH ORDINALITY AS d(principal, ranges, i)
         ORDER BY d.i
       ),
       touched AS (
         UPDATE frameworks SET updated_at = $8 WHERE id = $4 AND EXISTS (SELECT 1 FROM head)
       )
       SELECT seq FROM head`,
    values: [
      text(room),
      after,
      updates.length,
      text(frameworkId),
      updates.map(bytes),
      deletions.map((d) => text(d.principal)),
      deletions.map((d) => JSON.stringify(validRanges(d.ranges))),
      text(at),
    ],
  });
  const head = result.rows[0];
  if (!head) return null;
  return updates.map((_, index) => after + 1 + index);
}

/** Stores bindings (the first of a (room, client) wins) and their principals' latest identity. */
async function bind(client: Queryable, bindings: readonly ClientBinding[]): Promise<void> {
  const first = new Map<string, ClientBinding>();
  const identities = new Map<string, ClientBinding>();
  for (const b of bindings) {
    if (!Number.isSafeInteger(b.client) || b.client < 0) {
      throw new Error(`invalid client id ${b.client}`);
    }
    const key = JSON.stringify([b.room, b.client]);
    if (!first.has(key)) first.set(key, b);
    if (b.identity) identities.set(JSON.stringify([b.frameworkId, b.principal]), b);
  }
  const rows = [...first.values()].sort((a, b) =>
    a.room < b.room ? -1 : a.room > b.room ? 1 : a.client - b.client,
  );
  for (const batch of chunks(rows, ROWS_PER_INSERT)) {
    await client.query(
      `INSERT INTO client_bindings (room, client, framework_id, principal)
       VALUES ${placeholders(batch.length, 4)} ON CONFLICT (room, client) DO NOTHING`,
      batch.flatMap((b) => [text(b.room), b.client, text(b.frameworkId), text(b.principal)]),
    );
  }
  const members = [...identities.values()];
  for (const batch of chunks(members, ROWS_PER_INSERT)) {
    await client.query(
      `INSERT INTO members (framework_id, principal, name, party, role)
       VALUES ${placeholders(batch.length, 5)}
       ON CONFLICT (framework_id, principal) DO UPDATE
       SET name = EXCLUDED.name, party = EXCLUDED.party, role = EXCLUDED.role`,
      batch.flatMap((b) => [
        text(b.frameworkId),
        text(b.principal),
        text(b.identity!.name),
        text(b.identity!.party),
        text(b.identity!.role),
      ]),
    );
  }
}

async function insertInvite(client: Queryable, invite: InviteRecord): Promise<void> {
  await client.query(
    `INSERT INTO invites (${INVITE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      text(invite.id),
      text(invite.frameworkId),
      text(invite.role),
      text(invite.party),
      text(invite.name),
      text(invite.createdAt),
      text(invite.expiresAt),
      text(invite.revokedAt),
    ],
  );
}

/** The storage on an open pool whose schema is migrated (`pgMigrate.ts`). Closing ends the pool. */
export function createPgStorage(pool: pg.Pool): PgStorage {
  let closed = false;
  return {
    pool,

    async loadRoom(room) {
      const { snapshot, updates } = await this.loadRoomWithHead(room);
      return { snapshot, updates };
    },

    async loadRoomWithHead(room) {
      // One statement: one consistent view, even while another process compacts the room.
      const result = await pool.query<{ kind: number; seq: string; data: Buffer | null }>(
        `WITH s AS (SELECT seq, snapshot FROM room_snapshots WHERE room = $1)
         SELECT 0 AS kind, seq, snapshot AS data FROM s
         UNION ALL
         SELECT 1, u.seq, u.data FROM room_updates u
           WHERE u.room = $1 AND u.seq > COALESCE((SELECT seq FROM s), 0)
         UNION ALL
         SELECT 2, seq, NULL FROM room_heads WHERE room = $1
         ORDER BY kind, seq`,
        [text(room)],
      );
      let snapshot: Uint8Array | null = null;
      const updates: Uint8Array[] = [];
      let head = 0;
      for (const row of result.rows) {
        if (row.kind === 0) {
          snapshot = row.data;
          head = Math.max(head, num(row.seq));
        } else if (row.kind === 1) updates.push(row.data!);
        else head = Math.max(head, num(row.seq));
      }
      return { snapshot, updates, head };
    },

    async loadUpdatesSince(room, since) {
      if (!Number.isSafeInteger(since) || since < 0) throw new Error(`invalid seq ${since}`);
      const result = await pool.query<{ kind: number; seq: string; data: Buffer | null }>(
        `SELECT 0 AS kind, seq, NULL::bytea AS data FROM room_snapshots WHERE room = $1
         UNION ALL
         SELECT 1, seq, data FROM room_updates WHERE room = $1 AND seq > $2
         UNION ALL
         SELECT 2, seq, NULL FROM room_heads WHERE room = $1
         ORDER BY kind, seq`,
        [text(room), since],
      );
      const updates: SequencedUpdate[] = [];
      let head = 0;
      for (const row of result.rows) {
        const seq = num(row.seq);
        if (row.kind === 0) {
          if (seq > since) return { kind: "compacted", snapshotSeq: seq };
          head = Math.max(head, seq);
        } else if (row.kind === 1) updates.push({ seq, update: row.data! });
        else head = Math.max(head, seq);
      }
      return { kind: "updates", updates, head };
    },

    async roomHead(room) {
      const result = await pool.query<{ seq: string }>(
        "SELECT seq FROM room_heads WHERE room = $1",
        [text(room)],
      );
      return result.rows[0] ? num(result.rows[0].seq) : 0;
    },

    async roomHeads(rooms) {
      const heads = new Map(rooms.map((room) => [room, 0]));
      if (rooms.length === 0) return heads;
      const stored = new Map(rooms.map((room) => [text(room), room]));
      const result = await pool.query<{ room: string; seq: string }>(
        "SELECT room, seq FROM room_heads WHERE room = ANY($1::text[])",
        [[...stored.keys()]],
      );
      for (const row of result.rows) {
        const room = stored.get(row.room);
        if (room !== undefined) heads.set(room, num(row.seq));
      }
      return heads;
    },

    async appendUpdates(updates, at, bindings = [], deletions = []) {
      // The common batch (no new client id, nothing deleted): one statement, one round trip.
      if (bindings.length === 0 && deletions.length === 0 && updates.length > 0) {
        await appendInOneStatement(pool, updates, at);
        return;
      }
      await this.appendSequenced(updates, at, bindings, { deletions });
    },

    async loadDeletions(room) {
      const result = await pool.query<{ principal: string; ranges: unknown }>(
        "SELECT principal, ranges FROM room_deletions WHERE room = $1 ORDER BY seq",
        [text(room)],
      );
      return result.rows.map(({ principal, ranges }) => ({
        principal,
        ranges: parseRanges(ranges),
      }));
    },

    async appendSequenced(updates, at, bindings = [], options = {}) {
      const fences = options.fences ?? [];
      const deletions = options.deletions ?? [];
      if (
        updates.length === 0 &&
        bindings.length === 0 &&
        fences.length === 0 &&
        deletions.length === 0
      ) {
        return { seqs: [] };
      }
      const single = options.expectHeads?.length === 1 ? options.expectHeads[0] : undefined;
      if (
        single &&
        fences.length === 0 &&
        bindings.length === 0 &&
        updates.length > 0 &&
        deletions.every((d) => d.room === single.room) &&
        updates.every((u) => u.room === single.room && u.frameworkId === updates[0]!.frameworkId) &&
        deletions.every((d) => d.frameworkId === updates[0]!.frameworkId)
      ) {
        // The scale-out's commit of one room (the common one): one statement, one round trip.
        const seqs = await commitAfterHead(
          pool,
          single.room,
          updates[0]!.frameworkId,
          single.head,
          updates.map((u) => u.update),
          at,
          deletions,
        );
        if (!seqs) throw new HeadMovedError(single.room);
        return { seqs };
      }
      const seqs = await transaction(pool, async (client) => {
        await checkFences(client, fences);
        const assigned = await appendIn(client, updates, at, bindings, deletions);
        if (options.exclusiveBindings) await checkBindingsHeld(client, bindings);
        for (const { room, head } of options.expectHeads ?? []) {
          const first = updates.findIndex((update) => update.room === room);
          if (first >= 0 && assigned[first] !== head + 1) throw new HeadMovedError(room);
        }
        return assigned;
      });
      return { seqs };
    },

    async claimFence(fence) {
      return transaction(pool, (client) => raiseFence(client, fence));
    },

    async loadMembers(frameworkId) {
      const result = await pool.query<{
        principal: string;
        name: string | null;
        party: string | null;
        role: string;
      }>("SELECT principal, name, party, role FROM members WHERE framework_id = $1", [
        text(frameworkId),
      ]);
      const members = new Map<string, MemberIdentity>();
      for (const row of result.rows) {
        members.set(row.principal, { name: row.name, party: row.party, role: row.role as Role });
      }
      return members;
    },

    async loadClientBindings(room) {
      const result = await pool.query<{ client: string; principal: string }>(
        "SELECT client, principal FROM client_bindings WHERE room = $1 ORDER BY client",
        [text(room)],
      );
      return result.rows.map((row) => ({ client: num(row.client), principal: row.principal }));
    },

    async compactRoom(room, frameworkId, snapshot) {
      await this.compactRoomThrough(room, frameworkId, snapshot);
    },

    async compactRoomThrough(room, frameworkId, snapshot, options = {}) {
      return transaction(pool, async (client) => {
        if (options.fence) await checkFences(client, [options.fence]);
        // Locks the head: no append to this room commits between reading it and deleting.
        const head = await client.query<{ seq: string }>(
          "SELECT seq FROM room_heads WHERE room = $1 FOR UPDATE",
          [text(room)],
        );
        const current = head.rows[0] ? num(head.rows[0].seq) : 0;
        const through = options.through ?? current;
        if (!Number.isSafeInteger(through) || through < 0 || through > current) {
          throw new Error(`room ${room}: cannot compact through ${through} (head ${current})`);
        }
        const stored = await client.query(
          `INSERT INTO room_snapshots (room, framework_id, seq, snapshot) VALUES ($1, $2, $3, $4)
           ON CONFLICT (room) DO UPDATE SET snapshot = EXCLUDED.snapshot, seq = EXCLUDED.seq
           WHERE room_snapshots.seq <= EXCLUDED.seq`,
          [text(room), text(frameworkId), through, bytes(snapshot)],
        );
        if (stored.rowCount !== 1) return false;
        await client.query("DELETE FROM room_updates WHERE room = $1 AND seq <= $2", [
          text(room),
          through,
        ]);
        return true;
      });
    },

    async deleteRoom(room) {
      // The head and fence stay: numbers are never reused, even if the room comes back.
      await transaction(pool, async (client) => {
        await client.query("DELETE FROM room_updates WHERE room = $1", [text(room)]);
        await client.query("DELETE FROM room_snapshots WHERE room = $1", [text(room)]);
        await client.query("DELETE FROM client_bindings WHERE room = $1", [text(room)]);
        await client.query("DELETE FROM room_deletions WHERE room = $1", [text(room)]);
      });
    },

    async createFramework(record, initialSnapshot, creatorInvite) {
      await transaction(pool, async (client) => {
        await client.query(
          `INSERT INTO frameworks (${FRAMEWORK_COLUMNS}) VALUES ($1, $2, $3, $4)`,
          [text(record.id), text(record.title), text(record.createdAt), text(record.updatedAt)],
        );
        await client.query(
          `INSERT INTO room_snapshots (room, framework_id, seq, snapshot)
           VALUES ($1, $1, COALESCE((SELECT seq FROM room_heads WHERE room = $1), 0), $2)
           ON CONFLICT (room) DO UPDATE SET snapshot = EXCLUDED.snapshot, seq = EXCLUDED.seq`,
          [text(record.id), bytes(initialSnapshot)],
        );
        if (creatorInvite) await insertInvite(client, creatorInvite);
      });
    },

    async getFramework(id) {
      const result = await pool.query<FrameworkRow>(
        `SELECT ${FRAMEWORK_COLUMNS} FROM frameworks WHERE id = $1`,
        [text(id)],
      );
      return result.rows[0] ? toRecord(result.rows[0]) : null;
    },

    async listFrameworks() {
      const result = await pool.query<FrameworkRow>(
        `SELECT ${FRAMEWORK_COLUMNS} FROM frameworks ORDER BY updated_at DESC, id`,
      );
      return result.rows.map(toRecord);
    },

    async renameFramework(id, title, at) {
      const result = await pool.query<FrameworkRow>(
        `UPDATE frameworks SET title = $1, updated_at = $2 WHERE id = $3
         RETURNING ${FRAMEWORK_COLUMNS}`,
        [text(title), text(at), text(id)],
      );
      return result.rows[0] ? toRecord(result.rows[0]) : null;
    },

    async deleteFramework(id) {
      return transaction(pool, async (client) => {
        const key = [text(id)];
        // Heads and fences first: the lock order of appends (heads, then frameworks).
        await client.query(`DELETE FROM room_fences WHERE ${FRAMEWORK_ROOMS}`, key);
        await client.query(`DELETE FROM room_heads WHERE ${FRAMEWORK_ROOMS}`, key);
        const deleted = await client.query("DELETE FROM frameworks WHERE id = $1", key);
        await client.query(`DELETE FROM room_updates WHERE ${FRAMEWORK_ROOMS}`, key);
        await client.query("DELETE FROM room_snapshots WHERE framework_id = $1", key);
        await client.query("DELETE FROM client_bindings WHERE framework_id = $1", key);
        await client.query("DELETE FROM room_deletions WHERE framework_id = $1", key);
        await client.query("DELETE FROM members WHERE framework_id = $1", key);
        await client.query("DELETE FROM versions WHERE framework_id = $1", key);
        await client.query("DELETE FROM invites WHERE framework_id = $1", key);
        await client.query("DELETE FROM audit_log WHERE framework_id = $1", key);
        return deleted.rowCount === 1;
      });
    },

    async createVersion(record, content) {
      return transaction(pool, async (client) => {
        // Locks the framework row: a concurrent delete waits for this version, then removes it.
        const exists = await client.query("SELECT 1 FROM frameworks WHERE id = $1 FOR SHARE", [
          text(record.frameworkId),
        ]);
        if (exists.rowCount !== 1) return false;
        await client.query(
          `INSERT INTO versions (${VERSION_COLUMNS}, framework_state, discussion_state)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            text(record.id),
            text(record.frameworkId),
            text(record.name),
            text(record.note),
            text(record.kind),
            text(JSON.stringify(record.by)),
            text(record.at),
            record.size,
            record.storedBytes,
            bytes(content.framework),
            bytes(content.discussion),
          ],
        );
        return true;
      });
    },

    async listVersions(frameworkId) {
      const result = await pool.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM versions WHERE framework_id = $1 ORDER BY seq DESC`,
        [text(frameworkId)],
      );
      return result.rows.map(toVersion);
    },

    async getVersion(frameworkId, id): Promise<StoredVersion | null> {
      const result = await pool.query<
        VersionRow & { framework_state: Buffer; discussion_state: Buffer }
      >(
        `SELECT ${VERSION_COLUMNS}, framework_state, discussion_state FROM versions
         WHERE framework_id = $1 AND id = $2`,
        [text(frameworkId), text(id)],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        ...toVersion(row),
        content: { framework: row.framework_state, discussion: row.discussion_state },
      };
    },

    async deleteVersion(frameworkId, id) {
      const result = await pool.query("DELETE FROM versions WHERE framework_id = $1 AND id = $2", [
        text(frameworkId),
        text(id),
      ]);
      return result.rowCount === 1;
    },

    async createInvite(invite) {
      // The foreign key refuses an invite of a framework that does not exist.
      await insertInvite(pool, invite);
    },

    async getInvite(id) {
      const result = await pool.query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE id = $1`,
        [text(id)],
      );
      return result.rows[0] ? toInvite(result.rows[0]) : null;
    },

    async listInvites(frameworkId) {
      const result = await pool.query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE framework_id = $1
         ORDER BY created_at DESC, id DESC`,
        [text(frameworkId)],
      );
      return result.rows.map(toInvite);
    },

    async revokeInvite(id, at) {
      // COALESCE keeps the first revocation time; one statement, so no race between processes.
      const result = await pool.query<InviteRow>(
        `UPDATE invites SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2
         RETURNING ${INVITE_COLUMNS}`,
        [text(at), text(id)],
      );
      return result.rows[0] ? toInvite(result.rows[0]) : null;
    },

    async appendAudit(records) {
      if (records.length === 0) return;
      await transaction(pool, async (client) => {
        for (const batch of chunks(records, ROWS_PER_INSERT / 10)) {
          await client.query(
            `INSERT INTO audit_log (framework_id, at, action, room, invite_id, user_name, party,
               role, bytes, count, detail) VALUES ${placeholders(batch.length, 11)}`,
            batch.flatMap((r) => [
              text(r.frameworkId),
              text(r.at),
              text(r.action),
              text(r.room),
              text(r.inviteId),
              text(r.user),
              text(r.party),
              text(r.role),
              r.bytes,
              r.count,
              text(r.detail),
            ]),
          );
        }
      });
    },

    async listAudit(frameworkId, { limit, before }) {
      const max = Number.isSafeInteger(limit) && limit > 0 ? limit : 0;
      const result = await pool.query<AuditRow & { user_name: string | null }>(
        `SELECT seq, framework_id, at, action, room, invite_id, user_name, party, role, bytes,
           count, detail
         FROM audit_log WHERE framework_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
         ORDER BY seq DESC LIMIT $3`,
        [text(frameworkId), before, max],
      );
      return result.rows.map((row) => toAudit(row, row.user_name));
    },

    async sharedSetting(key, candidate) {
      await pool.query(
        "INSERT INTO parley_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        [text(key), text(candidate)],
      );
      // A new statement: sees the row whichever process inserted it.
      const result = await pool.query<{ value: string }>(
        "SELECT value FROM parley_settings WHERE key = $1",
        [text(key)],
      );
      return result.rows[0]!.value;
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Connects (a clear error if PostgreSQL is unreachable or refuses), creates or upgrades the schema
 * and returns the storage.
 */
export async function openPgStorage(options: PgPoolOptions): Promise<PgStorage> {
  const pool = await connectPgPool(options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return createPgStorage(pool);
}
