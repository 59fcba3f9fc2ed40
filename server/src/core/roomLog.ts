/**
 * What the core needs to share rooms with other processes (the scale-out, see README "Scale-out"):
 * a durable log in which every committed update of a room has a sequence number (`RoomLog`,
 * PostgreSQL at the edge), and a bus that carries committed updates and presence between processes
 * (`RoomBus`, Redis at the edge). The core imports neither engine: the edges pass these in.
 *
 * Commits are optimistic on the room's sequence: a process commits its batch as `after + 1…`
 * only if `after` is still the room's last sequence number (a unique (room, seq) key decides).
 * If another process committed first, the process catches up from the log, then commits again.
 * That is also the fencing: a process that was paused (SIGSTOP) holds a stale `after`, so its
 * commit is refused until it has caught up with everything committed meanwhile.
 */
import type { ClientBinding, DeletionRow, StoredRoom } from "../storage/documentStorage.js";

/** One committed update and its sequence number in the room's log (1, 2, 3…). */
export interface SequencedUpdate {
  seq: number;
  update: Uint8Array;
}

/** A client id binding as the bus and the log carry it. */
export interface BoundClient {
  client: number;
  principal: string;
}

/**
 * Who claims a relayed awareness client id: the principal key of the connection that announced
 * it (ids announced by trusted connections have none). A process refuses updates under an id
 * another principal claims, on any process (see `Room.claimedLive`).
 */
export interface AwarenessClaim {
  client: number;
  principal: string;
}

/** A room as loaded, with the sequence number of the last update its state holds. */
export interface SequencedRoom extends StoredRoom {
  seq: number;
}

/** What was committed after a sequence number. */
export interface RoomCatchUp {
  /**
   * The room's snapshot if it covers sequence numbers after the one asked for (another process
   * compacted them away): applied first. `upto` is the last sequence number it holds.
   */
  snapshot: { update: Uint8Array; upto: number } | null;
  /** The updates after the one asked for (and after the snapshot's), in order. */
  updates: SequencedUpdate[];
  /** The room's client id bindings (other processes' writers included). */
  bindings: BoundClient[];
}

export interface RoomLog {
  /** The room's snapshot, its updates after it and the last sequence number. */
  loadRoom(room: string): Promise<SequencedRoom>;
  /**
   * Commits a room's updates as `after + 1, after + 2, …` in one transaction, with their client
   * id bindings, who deleted what first, and the framework's `updatedAt`, only if `after` is the room's last sequence
   * number. Returns the last sequence number written, or null (nothing written) if another
   * process committed after `after` first, or bound one of `bindings`' client ids to another
   * principal first (the log decides such a race: the loser catches up and validates again).
   */
  commit(
    room: string,
    frameworkId: string,
    after: number,
    updates: readonly Uint8Array[],
    at: string,
    bindings: readonly ClientBinding[],
    deletions?: readonly DeletionRow[],
  ): Promise<number | null>;
  /** What was committed after `after`. */
  since(room: string, after: number): Promise<RoomCatchUp>;
  /** The last sequence number of each of `rooms` (0 for a room with none), in one read. */
  heads(rooms: readonly string[]): Promise<Map<string, number>>;
  /**
   * Replaces the snapshot with `snapshot` (which holds every update up to `upto`) and deletes the
   * updates up to `upto`, only if the stored snapshot holds less (two compactors never drop each
   * other's updates). False if it did nothing.
   */
  compact(room: string, frameworkId: string, snapshot: Uint8Array, upto: number): Promise<boolean>;
}

/** What the bus delivers for one room. */
export interface RoomBusHandler {
  /** Updates another process committed (and their new client id bindings). */
  committed(updates: readonly SequencedUpdate[], bindings: readonly BoundClient[]): void;
  /**
   * Another process's presence (a y-protocols awareness update) and who claims its client ids
   * there (as sent: the receiver checks them like anything off the network).
   */
  awareness(update: Uint8Array, claims: readonly AwarenessClaim[]): void;
  /** Another process joined the room and asks for everyone's presence. */
  awarenessQuery(): void;
  /** The bus may have missed messages (it reconnected): catch up from the log. */
  resync(): void;
}

export interface RoomBus {
  /** Starts delivering the room's messages; resolves once messages sent from now on arrive. */
  join(room: string, handler: RoomBusHandler): Promise<void>;
  /** Stops delivering the room's messages. */
  leave(room: string): void;
  /** Publishes committed updates (after the commit; best effort: the log is the truth). */
  publish(
    room: string,
    updates: readonly SequencedUpdate[],
    bindings: readonly BoundClient[],
  ): void;
  /**
   * Publishes presence of this process's connections (ephemeral, never stored), with the
   * principal that claims each of its client ids.
   */
  publishAwareness(room: string, update: Uint8Array, claims: readonly AwarenessClaim[]): void;
  /** Asks the other processes for their presence in the room. */
  queryAwareness(room: string): void;
}

/** What a room needs from the cluster (the room manager builds it from the log and the bus). */
export interface RoomCluster {
  since(after: number): Promise<RoomCatchUp>;
  publish(updates: readonly SequencedUpdate[], bindings: readonly BoundClient[]): void;
  publishAwareness(update: Uint8Array, claims: readonly AwarenessClaim[]): void;
}
