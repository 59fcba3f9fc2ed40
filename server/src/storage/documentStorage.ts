/**
 * The storage contract of the sync server. Every backend (SQLite today, PostgreSQL later) implements
 * it and passes the one contract suite in `storageContract.ts`. All methods are async so that a
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

export interface DocumentStorage {
  /** Loads a room's snapshot and update log. An unknown room loads as empty. */
  loadRoom(room: string): Promise<StoredRoom>;
  /**
   * Appends the updates (possibly of several rooms) in ONE transaction, in order, and sets the
   * `updatedAt` of every framework they touch to `at`. Either all are stored or none is.
   */
  appendUpdates(updates: readonly UpdateRecord[], at: string): Promise<void>;
  /** Replaces the room's snapshot and clears its update log, in one transaction. */
  compactRoom(room: string, frameworkId: string, snapshot: Uint8Array): Promise<void>;
  /** Removes one room's snapshot and log. */
  deleteRoom(room: string): Promise<void>;

  /** Creates a framework and its initial document snapshot in one transaction. */
  createFramework(record: FrameworkRecord, initialSnapshot: Uint8Array): Promise<void>;
  getFramework(id: string): Promise<FrameworkRecord | null>;
  /** Every framework, most recently updated first. */
  listFrameworks(): Promise<FrameworkRecord[]>;
  /** Renames a framework; returns the updated record, or null if it does not exist. */
  renameFramework(id: string, title: string, at: string): Promise<FrameworkRecord | null>;
  /** Deletes a framework with all of its rooms; returns false if it did not exist. */
  deleteFramework(id: string): Promise<boolean>;

  close(): Promise<void>;
}
