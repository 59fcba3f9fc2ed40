import type { Role } from "@parley/shared/access/roles";
import type { AuditAction } from "@parley/shared/api";
import type { Actor } from "@parley/shared/model/actor";

/**
 * The storage contract of the sync server. Every backend (SQLite today, PostgreSQL later) implements
 * it and passes the one contract suite in `test/storageContract.ts`. All methods are async so that a
 * networked database fits; the server serialises every write through one queue, so an
 * implementation never sees two write calls at once.
 */

/** The metadata of one framework, as the REST API shows it. Timestamps are ISO 8601 strings. */
export interface FrameworkRecord {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** A room as stored: the last snapshot (a Yjs update) and the updates logged after it, in order. */
export interface StoredRoom {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** One Yjs update to append to a room's log. `frameworkId` is the framework the room belongs to. */
export interface UpdateRecord {
  room: string;
  frameworkId: string;
  update: Uint8Array;
}

/**
 * A Yjs client id of a room bound to the principal that first wrote new items under it (see
 * server/src/core/access/clientBindings.ts). `principal` is that principal's key (`principalKey`).
 */
export interface ClientBinding {
  room: string;
  frameworkId: string;
  client: number;
  principal: string;
  /**
   * Who the principal is, as the server read it from the token when it bound the id: kept per
   * framework and principal (`loadMembers`), the last one written wins. What authorship reads.
   */
  identity?: MemberIdentity;
}

/**
 * What one principal's update deleted first in a room: ranges `[client, clock, len]` of Yjs ids
 * (see shared/src/versions/deletions.ts). Yjs deletions carry no client id; these rows say who
 * deleted what, for the comparison of versions. Kept through compaction, gone with the room.
 */
export interface DeletionRow {
  room: string;
  frameworkId: string;
  principal: string;
  ranges: ReadonlyArray<readonly [number, number, number]>;
}

/** A principal's name, party and role, as its token said when it wrote. */
export interface MemberIdentity {
  name: string | null;
  party: string | null;
  role: Role;
}

/** How a version came to be: saved by someone, before a restore, or with an export. */
export type VersionKind = "manual" | "beforeRestore" | "export";

/** A named version of a framework: its metadata (what lists show). */
export interface VersionRecord {
  id: string;
  frameworkId: string;
  name: string;
  note: string;
  kind: VersionKind;
  by: Actor;
  at: string;
  /** Bytes of the two room states before compression. */
  size: number;
  /** Bytes stored (compressed). */
  storedBytes: number;
}

/**
 * The content of a version, as `versionCodec.ts` packs it (compressed): the framework room's
 * state and the discussion room's state (`Y.encodeStateAsUpdate`). Never a private room.
 */
export interface VersionContent {
  framework: Uint8Array;
  discussion: Uint8Array;
}

export interface StoredVersion extends VersionRecord {
  content: VersionContent;
}

/** An invite: the row behind every token. Checked on every use of a token. */
export interface InviteRecord {
  id: string;
  frameworkId: string;
  role: Role;
  party: string | null;
  name: string | null;
  createdAt: string;
  expiresAt: string;
  /** Set once when revoked; never cleared. */
  revokedAt: string | null;
}

/** One audit log row as written (the storage assigns `seq`). */
export interface AuditRecord {
  frameworkId: string;
  at: string;
  action: AuditAction;
  room: string | null;
  inviteId: string | null;
  user: string | null;
  party: string | null;
  role: Role | null;
  bytes: number;
  count: number;
  detail: string | null;
}

/** An audit row as read, with its increasing sequence number. */
export interface StoredAuditRecord extends AuditRecord {
  seq: number;
}

export interface DocumentStorage {
  /** Loads a room's snapshot and update log. An unknown room loads as empty. */
  loadRoom(room: string): Promise<StoredRoom>;
  /**
   * Appends the updates (possibly of several rooms) in ONE transaction, in order, and sets the
   * `updatedAt` of every framework they touch to `at`; in the same transaction, stores the client
   * id `bindings` those updates created (a binding that exists already is kept: the first one
   * wins), and the `deletions` they made. Either all are stored or none is.
   */
  appendUpdates(
    updates: readonly UpdateRecord[],
    at: string,
    bindings?: readonly ClientBinding[],
    deletions?: readonly DeletionRow[],
  ): Promise<void>;
  /** A room's deletion rows, in the order they were stored. Compaction keeps them. */
  loadDeletions(room: string): Promise<Array<Pick<DeletionRow, "principal" | "ranges">>>;
  /**
   * The identities recorded with a framework's bindings (`ClientBinding.identity`), by principal
   * key. Gone with the framework.
   */
  loadMembers(frameworkId: string): Promise<Map<string, MemberIdentity>>;
  /** A room's client id bindings (none for an unknown room). Compaction keeps them. */
  loadClientBindings(room: string): Promise<Array<{ client: number; principal: string }>>;
  /** Replaces the room's snapshot and clears its update log, in one transaction. */
  compactRoom(room: string, frameworkId: string, snapshot: Uint8Array): Promise<void>;
  /** Removes one room's snapshot, log, client id bindings and deletion rows. */
  deleteRoom(room: string): Promise<void>;

  /**
   * Creates a framework and its initial document snapshot (and, if given, the creator's invite)
   * in one transaction.
   */
  createFramework(
    record: FrameworkRecord,
    initialSnapshot: Uint8Array,
    creatorInvite?: InviteRecord,
  ): Promise<void>;
  getFramework(id: string): Promise<FrameworkRecord | null>;
  /** Every framework, most recently updated first. */
  listFrameworks(): Promise<FrameworkRecord[]>;
  /** Renames a framework; returns the updated record, or null if it does not exist. */
  renameFramework(id: string, title: string, at: string): Promise<FrameworkRecord | null>;
  /**
   * Deletes a framework with all of its rooms (and their client id bindings and deletion rows), members, versions,
   * invites and audit log, in one transaction; false if it did not exist.
   */
  deleteFramework(id: string): Promise<boolean>;

  /** Stores a version; false (nothing stored) if its framework does not exist. */
  createVersion(record: VersionRecord, content: VersionContent): Promise<boolean>;
  /** A framework's versions without their content, newest first. */
  listVersions(frameworkId: string): Promise<VersionRecord[]>;
  /** One version of that framework with its content, or null. */
  getVersion(frameworkId: string, id: string): Promise<StoredVersion | null>;
  /** Deletes one version of that framework; false if there was none. */
  deleteVersion(frameworkId: string, id: string): Promise<boolean>;

  /** Stores a new invite (its framework must exist). */
  createInvite(invite: InviteRecord): Promise<void>;
  getInvite(id: string): Promise<InviteRecord | null>;
  /** A framework's invites, newest first. */
  listInvites(frameworkId: string): Promise<InviteRecord[]>;
  /**
   * Sets `revokedAt` (once: revoking again keeps the first time); returns the record, or null if
   * the invite does not exist.
   */
  revokeInvite(id: string, at: string): Promise<InviteRecord | null>;

  /** Appends audit rows in one transaction, in order. */
  appendAudit(records: readonly AuditRecord[]): Promise<void>;
  /** A framework's audit rows with `seq < before` (all if null), newest first, at most `limit`. */
  listAudit(
    frameworkId: string,
    options: { limit: number; before: number | null },
  ): Promise<StoredAuditRecord[]>;

  close(): Promise<void>;
}
