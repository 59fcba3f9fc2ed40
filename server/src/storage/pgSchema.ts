/**
 * The PostgreSQL schema as a list of migrations, applied in order by `pgMigrate.ts` and recorded in
 * `parley_migrations`. A migration, once released, never changes: a change of schema is a new
 * entry at the end.
 *
 * The tables mirror the SQLite ones (`sqliteStorage.ts`), with what several processes need:
 * - `room_updates` numbers each room's log with its own increasing `seq` (unique per room). The
 *   last number handed out lives in `room_heads`, whose row is locked by every append to that room:
 *   two processes appending to one room are serialised there, and numbers never go backwards, even
 *   after a compaction empties the log.
 * - `room_snapshots.seq` is the last log number a snapshot holds (compaction deletes the log up to
 *   it), so a process that followed the log up to some `seq` knows whether it can catch up from
 *   the log or must load the snapshot.
 * - `room_fences` holds, per room, the highest owner epoch that wrote to it (see
 *   `PgStorage.appendSequenced`' `fences`): a write with a lower epoch is refused in its transaction.
 * - `room_deletions` says who deleted what first (`DeletionRow`), kept through compaction.
 * - `parley_settings` holds values every process shares, such as the token signing secret.
 * - `access_events` records each invite revoked and framework deleted (by triggers), so that every
 *   process closes the connections concerned even when the Redis announcement is lost.
 * Bytes are `bytea`; times are the ISO strings the rest of the server uses, as `text`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
CREATE TABLE frameworks (
  id text COLLATE "C" PRIMARY KEY,
  title text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX frameworks_updated ON frameworks (updated_at DESC, id);
CREATE TABLE room_heads (
  room text COLLATE "C" PRIMARY KEY,
  seq bigint NOT NULL
);
CREATE TABLE room_snapshots (
  room text COLLATE "C" PRIMARY KEY,
  framework_id text COLLATE "C" NOT NULL,
  seq bigint NOT NULL DEFAULT 0,
  snapshot bytea NOT NULL
);
CREATE INDEX room_snapshots_framework ON room_snapshots (framework_id);
CREATE TABLE room_updates (
  room text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  framework_id text COLLATE "C" NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (room, seq)
);
CREATE INDEX room_updates_framework ON room_updates (framework_id);
CREATE TABLE room_fences (
  room text COLLATE "C" PRIMARY KEY,
  epoch bigint NOT NULL
);
CREATE TABLE client_bindings (
  room text COLLATE "C" NOT NULL,
  client bigint NOT NULL,
  framework_id text COLLATE "C" NOT NULL,
  principal text COLLATE "C" NOT NULL,
  PRIMARY KEY (room, client)
);
CREATE INDEX client_bindings_framework ON client_bindings (framework_id);
CREATE TABLE members (
  framework_id text COLLATE "C" NOT NULL,
  principal text COLLATE "C" NOT NULL,
  name text,
  party text,
  role text NOT NULL,
  PRIMARY KEY (framework_id, principal)
);
CREATE TABLE invites (
  id text COLLATE "C" PRIMARY KEY,
  framework_id text COLLATE "C" NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  role text NOT NULL,
  party text,
  name text,
  created_at text COLLATE "C" NOT NULL,
  expires_at text NOT NULL,
  revoked_at text
);
CREATE INDEX invites_framework ON invites (framework_id, created_at);
CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  framework_id text COLLATE "C" NOT NULL,
  at text NOT NULL,
  action text NOT NULL,
  room text,
  invite_id text,
  user_name text,
  party text,
  role text,
  bytes bigint NOT NULL,
  count bigint NOT NULL,
  detail text
);
CREATE INDEX audit_log_framework ON audit_log (framework_id, seq);
CREATE TABLE versions (
  seq bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  framework_id text COLLATE "C" NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  name text NOT NULL,
  note text NOT NULL,
  kind text NOT NULL,
  by_json text NOT NULL,
  at text NOT NULL,
  size bigint NOT NULL,
  stored_bytes bigint NOT NULL,
  framework_state bytea NOT NULL,
  discussion_state bytea NOT NULL
);
CREATE INDEX versions_framework ON versions (framework_id, seq);
CREATE TABLE parley_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
`,
  },
  {
    version: 2,
    name: "who deleted what first (room_deletions)",
    sql: `
CREATE TABLE room_deletions (
  seq bigserial PRIMARY KEY,
  room text COLLATE "C" NOT NULL,
  framework_id text COLLATE "C" NOT NULL,
  principal text COLLATE "C" NOT NULL,
  ranges jsonb NOT NULL
);
CREATE INDEX room_deletions_room ON room_deletions (room, seq);
CREATE INDEX room_deletions_framework ON room_deletions (framework_id);
`,
  },
  {
    version: 3,
    name: "revocations and deletions for every process (access_events)",
    // Written by triggers, so in the transaction of the revocation or deletion itself, whichever
    // code path makes it. `xid` is the writing transaction: a reader follows the events by
    // transaction horizon, not by `id` (ids are handed out before commit, so they can commit out
    // of order). See cluster/accessEvents.ts.
    sql: `
CREATE TABLE access_events (
  id bigserial PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  kind text NOT NULL,
  subject text COLLATE "C" NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_events_xid ON access_events (xid);
CREATE INDEX access_events_at ON access_events (at);
CREATE FUNCTION parley_invite_revoked() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO access_events (kind, subject) VALUES ('inviteRevoked', NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER invites_revoked AFTER UPDATE OF revoked_at ON invites FOR EACH ROW
  WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION parley_invite_revoked();
CREATE FUNCTION parley_framework_deleted() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO access_events (kind, subject) VALUES ('frameworkDeleted', OLD.id);
  RETURN NULL;
END $$;
CREATE TRIGGER frameworks_deleted AFTER DELETE ON frameworks FOR EACH ROW
  EXECUTE FUNCTION parley_framework_deleted();
`,
  },
];
