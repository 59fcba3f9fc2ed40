/**
 * One live room: a Y.Doc, its awareness and its connections. It speaks the y-websocket protocol:
 * validates each message before touching the doc, logs accepted updates through the write queue
 * and broadcasts them only once they are durable, answers sync step 1 only with durable state, and
 * relays awareness. Knows nothing of sockets or storage beyond the interfaces it is given.
 */
import {
  awarenessClaimsOtherIdentity,
  correctAwarenessState,
} from "@parley/shared/access/awareness";
import type { Principal } from "@parley/shared/access/roles";
import {
  CloseCode,
  LIMITS,
  parseRoomName,
  syncStep1,
  syncStep2,
  syncUpdate,
} from "@parley/shared/protocol";
import { firstDeletions } from "@parley/shared/versions/deletions";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type {
  ClientBinding,
  DeletionRow,
  MemberIdentity,
  StoredRoom,
} from "../storage/documentStorage.js";
import { ClientBindings, principalKey } from "./access/clientBindings.js";
import { watchResolutions } from "./access/resolutionAudit.js";
import { WriteGate } from "./access/writeGate.js";
import type { AuditSink } from "./auditSink.js";
import { BatchDelta, stateVectorOf } from "./batchDelta.js";
import { CommittedState } from "./committedState.js";
import type { CoreMetrics } from "./coreMetrics.js";
import {
  type AwarenessEntry,
  encodeAwarenessMessage,
  encodeSyncMessage,
  type IncomingMessage,
  parseMessage,
} from "./messages.js";
import type { AwarenessClaim, BoundClient, RoomCluster, SequencedUpdate } from "./roomLog.js";
import { SenderBatch, type SenderUpdate } from "./senderBatch.js";
import { TokenBucket } from "./tokenBucket.js";
import type { Logger, SyncConnection } from "./types.js";
import { hasPending } from "./updateInspection.js";
import { assessUpdate } from "./updateWork.js";
import type { WriteQueue } from "./writeQueue.js";
import {
  decodeUpdateOnce,
  encodeAwarenessEntries,
  isEmptyStateVector,
  mergeInTree,
} from "./yjsBytes.js";

export interface RoomOptions {
  name: string;
  frameworkId: string;
  queue: WriteQueue;
  logger: Logger;
  metrics: CoreMetrics;
  maxMessageBytes: number;
  maxBufferedBytes: number;
  /** Largest the room may grow (snapshot + logged updates, bytes); beyond, updates are refused. */
  maxDocumentBytes: number;
  audit: AuditSink;
  /** Compact the room into one snapshot once this many updates are logged after it. */
  compactionThreshold: number;
  compact: (room: Room) => void;
  /** The room can no longer be trusted (storage failed); the manager drops it without saving. */
  onBroken: (room: Room) => void;
  /** The last connection left. */
  onEmpty: (room: Room) => void;
  /**
   * The framework's discussion room document while it is loaded: a framework room's write gate
   * reads thread authors from it (who may move a comment anchor).
   */
  discussion?: () => Y.Doc | null;
  /** Work and presence limits; each defaults to its `LIMITS` value. */
  limits?: Partial<RoomLimits>;
  /** Scale-out: the room's log and bus (null or absent: this process is the only one). */
  cluster?: RoomCluster | null;
}

/** The limits a room enforces per update and per connection (see `LIMITS` for each). */
export interface RoomLimits {
  maxNestingDepth: number;
  maxUpdateWork: number;
  updateWorkPerSecond: number;
  updateWorkBurst: number;
  maxAwarenessStateBytes: number;
  maxAwarenessClientsPerConnection: number;
  awarenessBytesPerSecond: number;
  awarenessBurstBytes: number;
}

const DEFAULT_LIMITS: RoomLimits = {
  maxNestingDepth: LIMITS.maxNestingDepth,
  maxUpdateWork: LIMITS.maxUpdateWork,
  updateWorkPerSecond: LIMITS.updateWorkPerSecond,
  updateWorkBurst: LIMITS.updateWorkBurst,
  maxAwarenessStateBytes: LIMITS.maxAwarenessStateBytes,
  maxAwarenessClientsPerConnection: LIMITS.maxAwarenessClientsPerConnection,
  awarenessBytesPerSecond: LIMITS.awarenessBytesPerSecond,
  awarenessBurstBytes: LIMITS.awarenessBurstBytes,
};

/**
 * The sender of the server's own updates: no connection, so the broadcast reaches every
 * connection of the room.
 */
const SERVER_SENDER: SyncConnection = { send() {}, close() {}, bufferedAmount: 0 };

/** The origin of what other processes committed (updates) or announced (presence). */
const REMOTE = Symbol("remote process");

/** How long awareness over a connection's rate waits before it is tried again (coalesced). */
const AWARENESS_RETRY_MS = 250;

/** Who a connection acts as. `principal: null` is a trusted connection (tests, tools). */
export interface ConnectionAccess {
  principal: Principal | null;
  /** Unique per connection: audit rows of different connections never merge. */
  id: number;
}

export const TRUSTED: ConnectionAccess = { principal: null, id: 0 };

interface ConnectionState {
  /** Awareness client ids this connection has announced. */
  awarenessIds: Set<number>;
  access: ConnectionAccess;
  /** An awareness correction was audited already (once per connection: cursors move often). */
  awarenessAudited: boolean;
  /** Awareness dropped or delayed for a limit was audited already (once per connection). */
  awarenessLimitAudited: boolean;
  /** Integration work this connection may still cause (its principal's budget, see `workBucketFor`). */
  work: TokenBucket;
  /** Awareness bytes this connection may still relay. */
  awarenessBytes: TokenBucket;
  /** Awareness over the rate: the latest entry per client id, tried again on a timer. */
  deferredAwareness: Map<number, AwarenessEntry>;
  deferTimer: NodeJS.Timeout | null;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly name: string;
  readonly frameworkId: string;
  /** Updates logged since the last snapshot (loaded log rows included). */
  updatesSinceSnapshot = 0;
  /** Bytes stored for the room: snapshot plus logged updates (an upper bound of its size). */
  storedBytes = 0;
  /**
   * Scale-out: the sequence number of the last committed update the document holds (its own and
   * other processes'). The next commit goes after it.
   */
  seq = 0;
  /** Another process's update was applied while the current batch was open (see `takeBatch`). */
  private remoteInBatch = false;
  private catchUpQueued = false;
  private readonly connections = new Map<SyncConnection, ConnectionState>();
  private pendingAwareness = new Set<number>();
  private awarenessFlushScheduled = false;
  private destroyed = false;
  private readonly gate: WriteGate;
  /** Scale-out: the state committed to the log, against which a stale batch is re-validated. */
  private readonly committedState: CommittedState | null;
  private readonly limits: RoomLimits;
  /** Who owns each Yjs client id of the room (see `clientBindings.ts`). */
  private readonly bindings = new ClientBindings();
  /**
   * Scale-out: awareness client ids that connections of other processes announced, and the
   * principal key of each announcer (see `claimedLive`). A claim goes when the id's state is
   * removed by its process or times out here; the room starts with none when it (re)loads.
   */
  private readonly remoteClaims = new Map<number, string>();
  /** The claims that came with the remote awareness update being applied (see `onAwarenessUpdate`). */
  private incomingClaims: ReadonlyMap<number, string> | null = null;
  /** Integration work budgets per principal (see `workBucketFor`). */
  private readonly workBuckets = new Map<string, TokenBucket>();
  /** Client ids bound since the current batch began: stored with it. */
  private newBindings: Array<{ client: number; principal: string; identity: MemberIdentity }> = [];
  /** What each principal's update deleted first since the current batch began: stored with it. */
  private newDeletions: Array<Pick<DeletionRow, "principal" | "ranges">> = [];
  /**
   * The whole state as one update and as the sync step 2 message that carries it: the answer to
   * every client that joins with an empty document. Encoded at most once per change of the doc
   * (a transaction that changed something clears it); after a compaction it is the stored
   * snapshot.
   */
  private fullState: Uint8Array | null = null;
  private fullStateReply: Uint8Array | null = null;
  /** Accepted updates waiting for the current write batch (null: none yet this batch). */
  private batch: SenderBatch<SyncConnection, ConnectionAccess> | null = null;
  /** What the document gained since the current batch began (open from its first apply). */
  private delta: BatchDelta | null = null;
  /** Validated updates waiting to be applied at the end of the current I/O callback. */
  private incoming: Array<{ connection: SyncConnection; update: Uint8Array }> = [];
  private incomingScheduled = false;
  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    const changed = transactionChanged(transaction);
    // Every joining client sends its (usually empty) state as sync step 2, which runs a
    // transaction that changes nothing: that must not throw the cached state away. Pending structs
    // are part of the encoded state but not of the transaction: while any exist, always re-encode.
    if (changed || hasPending(this.doc)) {
      this.fullState = null;
      this.fullStateReply = null;
    }
    // Only what connections sent: the document's own formatting clean-ups (local transactions
    // Yjs runs after remote formatting) are for each copy to make, as every client does.
    if (!transaction.local) this.delta?.record(transaction);
  };

  constructor(private readonly options: RoomOptions) {
    this.name = options.name;
    this.frameworkId = options.frameworkId;
    const roomName = parseRoomName(options.name);
    this.gate = new WriteGate(roomName, this.doc, options.discussion);
    this.committedState = options.cluster ? new CommittedState(roomName, options.discussion) : null;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    // Resolutions (and reopenings) of brackets go to the audit log with what was dropped.
    if (roomName?.kind === "framework") {
      watchResolutions(this.doc, (origin, action, detail) => {
        const access = this.connections.get(origin as SyncConnection)?.access;
        if (!access) return;
        this.options.audit.record({
          frameworkId: this.frameworkId,
          action,
          room: this.name,
          principal: access.principal,
          connection: access.id,
          detail,
        });
      });
    }
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onAwarenessUpdate);
    this.doc.on("afterTransaction", this.onAfterTransaction);
  }

  /**
   * Applies the stored state and client id bindings. Called once, before any connection is
   * added.
   */
  load(
    stored: StoredRoom,
    bindings: ReadonlyArray<{ client: number; principal: string }> = [],
  ): void {
    this.bindings.load(bindings);
    this.committedState?.load(stored, bindings);
    Y.transact(this.doc, () => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      // The log as one merged update, one apply (measured faster than one apply per row, and
      // than merging the snapshot in as well, which re-encodes all of it).
      if (stored.updates.length === 1) Y.applyUpdate(this.doc, stored.updates[0] as Uint8Array);
      else if (stored.updates.length > 1) Y.applyUpdate(this.doc, mergeInTree(stored.updates));
    });
    // With no log, the stored snapshot already is the full state a joining client needs.
    if (stored.snapshot && stored.updates.length === 0) this.fullState = stored.snapshot;
    this.updatesSinceSnapshot = stored.updates.length;
    this.storedBytes =
      (stored.snapshot?.byteLength ?? 0) +
      stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    if (this.updatesSinceSnapshot >= this.options.compactionThreshold) this.options.compact(this);
  }

  /** The whole document as one update (cached until the doc changes). */
  encodeFullState(): Uint8Array {
    this.fullState ??= Y.encodeStateAsUpdate(this.doc);
    return this.fullState;
  }

  /**
   * What a compaction stores: the whole document, or with a cluster the committed state only (the
   * document also holds updates not committed yet, which may still be refused).
   */
  encodeStoredState(): Uint8Array {
    return this.committedState
      ? Y.encodeStateAsUpdate(this.committedState.doc)
      : this.encodeFullState();
  }

  /** The log was compacted into a snapshot of `bytes`. */
  compacted(bytes: number): void {
    this.committedState?.compacted(bytes);
  }

  /** The whole document as one update if it is encoded already (no change since), else null. */
  cachedFullState(): Uint8Array | null {
    return this.fullState;
  }

  /** Sync step 2 carrying the whole document (cached until the doc changes). */
  private encodeFullStateReply(): Uint8Array {
    this.fullStateReply ??= encodeSyncMessage(syncStep2, this.encodeFullState());
    return this.fullStateReply;
  }

  /**
   * The integration work budget of a connection: shared by every connection of the same
   * principal in this room (reconnecting or opening more sockets does not refill it); a trusted
   * connection has its own.
   */
  private workBucketFor(access: ConnectionAccess): TokenBucket {
    const fresh = () =>
      new TokenBucket(this.limits.updateWorkPerSecond, this.limits.updateWorkBurst);
    if (!access.principal) return fresh();
    const key = principalKey(access.principal);
    let bucket = this.workBuckets.get(key);
    if (!bucket) {
      bucket = fresh();
      this.workBuckets.set(key, bucket);
    }
    return bucket;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  addConnection(connection: SyncConnection, access: ConnectionAccess = TRUSTED): void {
    if (this.destroyed) return;
    this.connections.set(connection, {
      awarenessIds: new Set(),
      access,
      awarenessAudited: false,
      awarenessLimitAudited: false,
      work: this.workBucketFor(access),
      awarenessBytes: new TokenBucket(
        this.limits.awarenessBytesPerSecond,
        this.limits.awarenessBurstBytes,
      ),
      deferredAwareness: new Map(),
      deferTimer: null,
    });
    this.send(connection, encodeSyncMessage(syncStep1, Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]);
      this.send(connection, encodeAwarenessMessage(update));
    }
  }

  /** The connection went away (closed by either side): forget it and its awareness states. */
  removeConnection(connection: SyncConnection): void {
    const state = this.connections.get(connection);
    if (!state) return;
    this.connections.delete(connection);
    if (state.deferTimer) clearTimeout(state.deferTimer);
    state.deferredAwareness.clear();
    if (state.awarenessIds.size > 0 && !this.destroyed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.awarenessIds], null);
    }
    if (this.connections.size === 0 && !this.destroyed) this.options.onEmpty(this);
  }

  receive(connection: SyncConnection, data: Uint8Array): void {
    if (this.destroyed || !this.connections.has(connection)) return;
    const parsed = parseMessage(
      data,
      this.options.maxMessageBytes,
      this.limits.maxAwarenessStateBytes,
    );
    if (!parsed.ok) {
      this.reject(connection, parsed.code, parsed.reason);
      return;
    }
    this.handle(connection, parsed.message);
  }

  /** Closes every connection with `code` (shutdown, deletion, failure). */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections.keys()]) {
      this.closeConnection(connection, code, reason);
    }
  }

  /** Releases the doc, the awareness timer and every listener. Connections must be gone. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const state of this.connections.values()) {
      if (state.deferTimer) clearTimeout(state.deferTimer);
    }
    this.connections.clear();
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.off("afterTransaction", this.onAfterTransaction);
    this.gate.destroy();
    this.committedState?.destroy();
    this.doc.destroy();
  }

  /**
   * Applies updates another process committed, in sequence order, and relays them to this
   * process's connections (they are durable already). Updates this room holds already are
   * skipped; returns false, applying nothing, if they do not follow the room's last sequence
   * number (a gap: the caller catches up from the log).
   */
  applyCommitted(updates: readonly SequencedUpdate[], bindings: readonly BoundClient[]): boolean {
    if (this.destroyed) return true;
    this.bindings.load(bindings);
    this.committedState?.loadBindings(bindings);
    const fresh = updates.filter((entry) => entry.seq > this.seq);
    if (fresh.length === 0) return true;
    if (fresh.some((entry, index) => entry.seq !== this.seq + 1 + index)) return false;
    this.applyRemote(fresh.map((entry) => entry.update));
    this.seq = (fresh[fresh.length - 1] as SequencedUpdate).seq;
    return true;
  }

  /**
   * Catches up from the log: what other processes committed after this room's sequence number
   * (a snapshot first, if they compacted that part away). Run through the write queue (see
   * `requestCatchUp`) or by the queue itself before it retries a commit.
   */
  async catchUp(): Promise<void> {
    const cluster = this.options.cluster;
    if (!cluster || this.destroyed) return;
    const after = this.seq;
    const found = await cluster.since(after);
    if (this.destroyed) return;
    this.bindings.load(found.bindings);
    this.committedState?.loadBindings(found.bindings);
    if (found.snapshot && found.snapshot.upto > this.seq) {
      const before = Y.encodeStateVector(this.doc);
      this.applyRemote([found.snapshot.update], false);
      if (this.destroyed) return;
      const gained = Y.encodeStateAsUpdate(this.doc, before);
      this.broadcast(encodeSyncMessage(syncUpdate, gained), null);
      this.seq = found.snapshot.upto;
    }
    if (!this.applyCommitted(found.updates, [])) {
      throw new Error(`room ${this.name}: the log has a gap after ${this.seq}`);
    }
  }

  /** Catches up from the log after everything queued (a gap, a tick, the bus reconnected). */
  requestCatchUp(): void {
    if (!this.options.cluster || this.catchUpQueued || this.destroyed) return;
    this.catchUpQueued = true;
    this.options.queue
      .run(() => {
        this.catchUpQueued = false;
        return this.catchUp();
      })
      .catch((error: unknown) => {
        this.options.logger.error({ room: this.name, err: error }, "catching up failed");
      });
  }

  /**
   * Applies another process's presence (validated there) and relays it to this process's. `claims`
   * say which principal announced each of its client ids there: kept for the ids whose state it
   * adds or updates here (see `claimedLive`).
   */
  applyRemoteAwareness(update: Uint8Array, claims: readonly AwarenessClaim[] = []): void {
    if (this.destroyed) return;
    const incoming = new Map<number, string>();
    for (const { client, principal } of claims) {
      if (Number.isSafeInteger(client) && typeof principal === "string") {
        incoming.set(client, principal);
      }
    }
    this.incomingClaims = incoming;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch (error) {
      this.options.logger.warn({ room: this.name, err: error }, "bad presence from the bus");
    } finally {
      this.incomingClaims = null;
    }
  }

  /**
   * The presence of this process's connections, as one awareness update with who claims each of
   * its ids (null: none).
   */
  localAwareness(): { update: Uint8Array; claims: AwarenessClaim[] } | null {
    const ids: number[] = [];
    for (const state of this.connections.values()) {
      for (const id of state.awarenessIds) if (this.awareness.states.has(id)) ids.push(id);
    }
    if (ids.length === 0) return null;
    return {
      update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids),
      claims: this.localClaims(ids),
    };
  }

  /** Who claims each of `ids` among this process's connections with a principal. */
  private localClaims(ids: readonly number[]): AwarenessClaim[] {
    const claims: AwarenessClaim[] = [];
    if (ids.length === 0) return claims;
    const wanted = new Set(ids);
    for (const state of this.connections.values()) {
      const principal = state.access.principal;
      if (!principal) continue;
      for (const client of state.awarenessIds) {
        if (wanted.has(client)) claims.push({ client, principal: principalKey(principal) });
      }
    }
    return claims;
  }

  /**
   * Applies committed updates of other processes in one transaction and relays each (or, with
   * `relay` false, leaves the relay to the caller). They count towards compaction like any.
   */
  private applyRemote(updates: readonly Uint8Array[], relay = true): void {
    try {
      Y.transact(
        this.doc,
        () => {
          for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE);
        },
        REMOTE,
        false,
      );
    } catch (error) {
      this.failToApply(error);
      return;
    }
    // Relayed as soon as the room holds them (they are committed already); the room's other
    // copies (the committed state, the gate's shadow) follow before anything else runs.
    if (relay) {
      for (const update of updates) this.broadcast(encodeSyncMessage(syncUpdate, update), null);
    }
    try {
      this.committedState?.applyRemote(updates);
    } catch (error) {
      this.failToApply(error);
      return;
    }
    if (this.delta) this.remoteInBatch = true;
    for (const update of updates) {
      this.gate.applied(update);
      this.updatesSinceSnapshot += 1;
      this.storedBytes += update.byteLength;
    }
    if (this.updatesSinceSnapshot >= this.options.compactionThreshold) this.options.compact(this);
  }

  /** A committed update did not apply to one of the room's copies: the room reloads. */
  private failToApply(error: unknown): void {
    this.options.logger.error({ room: this.name, err: error }, "a committed update failed");
    this.fail("a committed update failed to apply");
  }

  /**
   * Applies an update the server wrote itself (a restore), on behalf of `principal` (null: the
   * server alone): after the updates already received, without the write policy's checks, and
   * then like any update: stored in the next write batch (its new client ids bound to the
   * principal, so authorship names them), broadcast to every connection once durable. Resolves
   * once it is durable; false if the room is gone or the update changed nothing.
   */
  applyServerUpdate(update: Uint8Array, principal: Principal | null): Promise<boolean> {
    if (this.destroyed) return Promise.resolve(false);
    this.applyIncoming();
    const access: ConnectionAccess = { principal, id: 0 };
    const key = principal ? principalKey(principal) : null;
    const writers = key === null ? null : ClientBindings.newWriters(this.doc, update);
    let changed = false;
    const deleted = key === null ? null : this.deletedFirst(update);
    Y.transact(
      this.doc,
      (transaction) => {
        this.delta ??= new BatchDelta(this.doc, stateVectorOf(this.doc));
        const before = changeMark(this.doc, transaction);
        Y.applyUpdate(this.doc, update, SERVER_SENDER);
        changed = changeMark(this.doc, transaction) !== before || hasPending(this.doc);
      },
      SERVER_SENDER,
      false,
    );
    this.gate.applied(update);
    if (!changed) return Promise.resolve(false);
    if (key !== null && writers !== null && principal) this.recordBindings(writers, key, principal);
    if (key !== null && deleted) this.newDeletions.push({ principal: key, ranges: deleted });
    this.options.metrics.updatesTotal.inc();
    this.updatesSinceSnapshot += 1;
    this.storedBytes += update.byteLength;
    this.batchUpdate(SERVER_SENDER, update, access);
    if (this.updatesSinceSnapshot >= this.options.compactionThreshold) this.options.compact(this);
    return new Promise((resolve, reject) => {
      this.options.queue.afterDurable((error) => (error ? reject(error) : resolve(true)));
    });
  }

  private handle(connection: SyncConnection, message: IncomingMessage): void {
    if (message.type === "update") {
      this.queueIncoming(connection, message.update);
      return;
    }
    // Everything else is answered after the updates received before it.
    this.applyIncoming();
    switch (message.type) {
      case "syncStep1": {
        // Encoded now, sent once everything in it is durable.
        const reply = isEmptyStateVector(message.stateVector)
          ? this.encodeFullStateReply()
          : encodeSyncMessage(syncStep2, Y.encodeStateAsUpdate(this.doc, message.stateVector));
        this.options.queue.afterDurable((error) => {
          if (!error) this.send(connection, reply);
        });
        return;
      }
      case "awareness":
        this.applyAwareness(connection, message.update, message.entries);
        return;
      case "queryAwareness": {
        const ids = [...this.awareness.getStates().keys()];
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
        this.send(connection, encodeAwarenessMessage(update));
        return;
      }
    }
  }

  /**
   * Queues a validated update; the updates of one I/O callback (a socket read can carry hundreds
   * of a fast writer's keystrokes) are applied together at its end, each sender's run in ONE Yjs
   * transaction when the gate lets them go straight in (`WriteGate.appliesDirectly`): Yjs's
   * per-transaction work (state vectors, clean-up, events) then happens once per run instead of
   * once per keystroke (measured: half the cost of applying a replayed trace).
   */
  private queueIncoming(connection: SyncConnection, update: Uint8Array): void {
    this.incoming.push({ connection, update });
    if (this.incomingScheduled) return;
    this.incomingScheduled = true;
    queueMicrotask(() => this.applyIncoming());
  }

  private applyIncoming(): void {
    this.incomingScheduled = false;
    const list = this.incoming;
    this.incoming = [];
    for (const { connection, updates } of runsBySender(list)) {
      const principal = this.connections.get(connection)?.access.principal ?? null;
      if (this.gate.appliesDirectly(principal)) {
        this.applyRun(connection, updates);
      } else {
        for (const update of updates) this.applyRun(connection, [update]);
      }
    }
  }

  /**
   * Applies one sender's updates in one Yjs transaction, stopping at the first failure. Whatever
   * throws — applying, or the transaction's clean-up (garbage collection, formatting clean-up,
   * observers), which runs when `Y.transact` returns — the sender is refused and, since the
   * document may hold part of the update, the room is dropped and reloaded from storage (`fail`):
   * every other connection is closed with `internalError` (transient), reconnects and resyncs
   * against the stored state, which never held the refused update.
   */
  private applyRun(connection: SyncConnection, updates: readonly Uint8Array[]): void {
    if (this.destroyed) return;
    let failure: string | null = null;
    // Read now: a failed update closes the connection before the catch below audits it.
    const access = this.connections.get(connection)?.access ?? TRUSTED;
    try {
      Y.transact(
        this.doc,
        (transaction) => {
          for (const update of updates) {
            if (failure !== null || !this.connections.has(connection)) return;
            failure = this.applyUpdate(connection, update, transaction);
          }
        },
        connection,
        false,
      );
    } catch (error) {
      this.gate.abandoned();
      this.options.logger.error(
        { room: this.name, err: error },
        "applying an update threw in the transaction clean-up; reloading room",
      );
      const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
      this.refuse(connection, bytes, "the update failed in the transaction clean-up", access);
      this.reject(connection, CloseCode.malformedMessage, "update could not be applied");
      failure ??= "room reloaded after a failed update";
    }
    // Outside the transaction: failing destroys the document.
    if (failure !== null) this.fail(failure);
  }

  /** Audits a refused update of `connection` (the caller closes it or drops the update). */
  private refuse(
    connection: SyncConnection,
    bytes: number,
    reason: string,
    access: ConnectionAccess = this.connections.get(connection)?.access ?? TRUSTED,
  ): void {
    this.options.logger.info(
      { room: this.name, invite: access.principal?.inviteId, reason },
      "update refused",
    );
    this.options.audit.record({
      frameworkId: this.frameworkId,
      action: "refused",
      room: this.name,
      principal: access.principal,
      connection: access.id,
      bytes,
      detail: `update dropped: ${reason}`,
    });
  }

  /**
   * Applies one update inside the open `transaction`. Returns why the room can no longer be
   * trusted, or null.
   */
  private applyUpdate(
    connection: SyncConnection,
    update: Uint8Array,
    transaction: Y.Transaction,
  ): string | null {
    const state = this.connections.get(connection);
    const access = state?.access ?? TRUSTED;
    // The work an update causes, bounded before anything touches a document:
    // nesting depth, integration work per update and per connection.
    const assessed = assessUpdate(this.doc, update, {
      maxDepth: this.limits.maxNestingDepth,
      maxWork: this.limits.maxUpdateWork,
    });
    if (!assessed.ok) {
      this.refuse(connection, update.byteLength, assessed.reason);
      const code =
        assessed.kind === "depth" ? CloseCode.malformedMessage : CloseCode.updateTooComplex;
      this.reject(connection, code, assessed.reason);
      return null;
    }
    if (state && !state.work.take(assessed.work)) {
      this.refuse(connection, update.byteLength, "update work over the connection's rate");
      this.reject(connection, CloseCode.rateLimited, "update work over rate");
      return null;
    }
    // New items under a client id someone else owns (finding 7). Trusted connections are not bound.
    const key = access.principal ? principalKey(access.principal) : null;
    const writers = key === null ? null : ClientBindings.newWriters(this.doc, update);
    if (key !== null) {
      const taken =
        writers === null
          ? null
          : (this.bindings.conflict(writers, key) ?? this.claimedLive(writers, key, connection));
      if (writers === null || taken !== null) {
        const reason =
          taken === null
            ? "the update could not be decoded"
            : `new items under client id ${taken}, which another participant uses`;
        this.refuse(connection, update.byteLength, reason);
        this.reject(connection, CloseCode.clientIdTaken, "client id belongs to someone else");
        return null;
      }
    }
    let verdict: ReturnType<WriteGate["check"]>;
    try {
      verdict = this.gate.check(access.principal, update);
    } catch (error) {
      // The shadow copy may hold part of the update: the gate starts it again from the document,
      // which the check never touches.
      this.gate.abandoned();
      this.options.logger.warn({ room: this.name, err: error }, "update check threw");
      this.refuse(connection, update.byteLength, "the update could not be checked");
      this.reject(connection, CloseCode.malformedMessage, "update could not be applied");
      return null;
    }
    if (verdict.action === "ignore") return null;
    if (verdict.action === "refuse") {
      this.refuse(connection, update.byteLength, verdict.reason);
      return null;
    }
    if (this.storedBytes + update.byteLength > this.options.maxDocumentBytes) {
      this.gate.abandoned();
      this.refuse(
        connection,
        update.byteLength,
        `the room would grow past ${this.options.maxDocumentBytes} bytes`,
        access,
      );
      this.reject(connection, CloseCode.documentTooLarge, "document size limit reached");
      return null;
    }
    this.delta ??= new BatchDelta(this.doc, stateVectorOf(this.doc));
    const before = changeMark(this.doc, transaction);
    const deleted = key === null ? null : this.deletedFirst(update);
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      this.gate.abandoned();
      // Validation should make this unreachable; if Yjs still throws, the doc may hold part of the
      // update, so the room is dropped and reloaded from storage rather than trusted.
      this.options.logger.error(
        { room: this.name, err: error },
        "update passed validation but failed to apply; reloading room",
      );
      this.refuse(connection, update.byteLength, "the update could not be applied");
      this.reject(connection, CloseCode.malformedMessage, "update could not be applied");
      return "room reloaded after a failed update";
    }
    this.gate.applied(update);
    if (key !== null && writers !== null && access.principal) {
      this.recordBindings(writers, key, access.principal);
    }
    if (key !== null && deleted) this.newDeletions.push({ principal: key, ranges: deleted });
    // Nothing new (e.g. the step 2 of a client that was already in sync): nothing to store.
    if (changeMark(this.doc, transaction) === before && !hasPending(this.doc)) return null;
    this.options.metrics.updatesTotal.inc();
    this.updatesSinceSnapshot += 1;
    this.storedBytes += update.byteLength;
    this.batchUpdate(connection, update, access);
    if (this.updatesSinceSnapshot >= this.options.compactionThreshold) this.options.compact(this);
    return null;
  }

  /**
   * The ranges `update` deletes first (items the document holds undeleted), read before it is
   * applied, or null when it deletes nothing new: who deleted what, which a Yjs delete set does
   * not say (see shared/src/versions/deletions.ts). Only for updates of a principal.
   */
  private deletedFirst(update: Uint8Array): DeletionRow["ranges"] | null {
    let deletes: ReturnType<typeof decodeUpdateOnce>["ds"];
    try {
      deletes = decodeUpdateOnce(update).ds;
    } catch {
      return null;
    }
    if (deletes.clients.size === 0) return null;
    const ranges = firstDeletions(this.doc, deletes);
    return ranges.length > 0 ? ranges : null;
  }

  /** Binds the unbound ids of `writers` to the principal; stored with the current batch. */
  private recordBindings(writers: Iterable<number>, key: string, principal: Principal): void {
    const identity = { name: principal.name, party: principal.party, role: principal.role };
    for (const client of this.bindings.bind(writers, key)) {
      this.newBindings.push({ client, principal: key, identity });
    }
  }

  /**
   * Adds an accepted update to this room's part of the current write batch. When the batch is
   * written it is stored as one row per sender, and once that is durable the same update is
   * broadcast to everyone but its sender (see `takeBatch`).
   */
  private batchUpdate(
    connection: SyncConnection,
    update: Uint8Array,
    access: ConnectionAccess,
  ): void {
    if (this.batch) {
      this.batch.add(connection, update, access);
      return;
    }
    const batch = new SenderBatch<SyncConnection, ConnectionAccess>();
    batch.add(connection, update, access);
    this.batch = batch;
    let outgoing: SenderUpdate<SyncConnection>[] = [];
    let stored: { bindings: ClientBinding[]; deletions: DeletionRow[] } = {
      bindings: [],
      deletions: [],
    };
    let committed: { updates: SequencedUpdate[]; bindings: BoundClient[] } | null = null;
    /** The committed state's generation the batch's updates were validated against. */
    let validatedAt = this.committedState?.generation ?? 0;
    /** A sender's records were refused against the committed state: the room reloads. */
    let refusedOnCommit = false;
    let totals: ReturnType<typeof batch.totals> = [];
    const records = () => ({
      records: outgoing.map(({ update }) => ({
        room: this.name,
        frameworkId: this.frameworkId,
        update,
      })),
      bindings: stored.bindings,
      deletions: stored.deletions,
    });
    this.options.queue.enlist({
      room: this.name,
      take: () => {
        outgoing = this.takeBatch(batch);
        // The audit log counts each sender's accepted updates, once per batch; with a cluster,
        // once committed (a lost race may still refuse them).
        totals = batch.totals();
        if (!this.committedState) this.auditUpdated(totals);
        const { name: room, frameworkId } = this;
        stored = {
          bindings: this.newBindings.map(({ client, principal, identity }) => ({
            room,
            frameworkId,
            client,
            principal,
            identity,
          })),
          deletions: this.newDeletions.map(({ principal, ranges }) => ({
            room,
            frameworkId,
            principal,
            ranges,
          })),
        };
        this.newBindings = [];
        this.newDeletions = [];
        return { ...records(), updates: batch.updates };
      },
      settled: (error) => {
        if (error) {
          this.options.logger.error({ room: this.name, err: error }, "storage write failed");
          this.fail("storage failed");
          return;
        }
        if (committed && this.options.cluster) {
          this.options.cluster.publish(committed.updates, committed.bindings);
        }
        if (refusedOnCommit) {
          // The document holds what was refused: nothing of it is relayed; the room reloads from
          // the log and its clients send their state again, validated afresh.
          this.fail("an update was refused against the committed state");
          return;
        }
        for (const { from, update } of outgoing) {
          this.broadcast(encodeSyncMessage(syncUpdate, update), from);
        }
        // After the relay, which does not need it: nothing validates against the committed state
        // before this batch has settled (the queue writes one batch at a time).
        if (committed) {
          this.committedState?.applyOwn(
            committed.updates.map(({ update }) => update),
            committed.bindings,
          );
        }
      },
      sequence: this.options.cluster
        ? {
            frameworkId: this.frameworkId,
            current: () => this.seq,
            catchUp: () => this.catchUp(),
            committed: (after, last) => {
              this.seq = Math.max(this.seq, last);
              const bindings = stored.bindings.map(({ client, principal }) => ({
                client,
                principal,
              }));
              const updates = outgoing.map(({ update }) => update);
              const kept = new Set(outgoing.map(({ from }) => from));
              this.auditUpdated(totals.filter(({ from }) => kept.has(from)));
              committed = {
                updates: updates.map((update, index) => ({ seq: after + 1 + index, update })),
                bindings,
              };
            },
            revalidate: () => {
              const state = this.committedState;
              if (!state || this.destroyed || state.generation === validatedAt) return null;
              validatedAt = state.generation;
              const refused = this.revalidate(state, batch, outgoing);
              if (refused.size === 0) return null;
              refusedOnCommit = true;
              outgoing = outgoing.filter(({ from }) => !refused.has(from));
              // Bindings and first deletions are the principal's: a refused sender's go too.
              const keys = new Set<string>();
              for (const from of refused) {
                const principal = batch.tagOf(from)?.principal;
                if (principal) keys.add(principalKey(principal));
              }
              stored = {
                bindings: stored.bindings.filter(({ principal }) => !keys.has(principal)),
                deletions: stored.deletions.filter(({ principal }) => !keys.has(principal)),
              };
              return records();
            },
          }
        : undefined,
    });
  }

  /** Audits each sender's accepted updates of a batch (one row per sender). */
  private auditUpdated(
    totals: ReadonlyArray<{ tag: ConnectionAccess; updates: number; bytes: number }>,
  ): void {
    for (const { tag: by, updates, bytes } of totals) {
      this.options.audit.record({
        frameworkId: this.frameworkId,
        action: "updated",
        room: this.name,
        principal: by.principal,
        connection: by.id,
        bytes,
        count: updates,
      });
    }
  }

  /**
   * Checks a batch's records again, against the committed state (another process committed
   * since they were validated), by the rules `applyUpdate` enforces; audits each refusal and
   * returns the refused senders.
   */
  private revalidate(
    state: CommittedState,
    batch: SenderBatch<SyncConnection, ConnectionAccess>,
    outgoing: readonly SenderUpdate<SyncConnection>[],
  ): Set<SyncConnection> {
    const refused = new Set<SyncConnection>();
    const checked = outgoing.map(({ from, update }) => ({
      from,
      access: batch.tagOf(from) ?? TRUSTED,
      update,
    }));
    const reasons = state.check(
      checked.map(({ from, access, update }) => ({
        principal: access.principal,
        update,
        server: from === SERVER_SENDER,
      })),
      this.options.maxDocumentBytes,
    );
    checked.forEach(({ from, access, update }, index) => {
      const reason = reasons[index];
      if (reason === null || reason === undefined) return;
      refused.add(from);
      this.refuse(from, update.byteLength, `${reason} (against the committed state)`, access);
    });
    return refused;
  }

  /**
   * Closes the batch: one update per sender. With one sender (the usual case) and several updates,
   * it is what the document gained during the batch, read from the document (cheap, and already
   * compacted by Yjs); with several senders, each sender's updates merged. While the document
   * holds structs it cannot integrate yet, the updates are merged as well, so that storage keeps
   * the pending structs (the document's own structs do not include them).
   */
  private takeBatch(
    batch: SenderBatch<SyncConnection, ConnectionAccess>,
  ): SenderUpdate<SyncConnection>[] {
    const delta = this.delta;
    if (this.batch === batch) this.batch = null;
    this.delta = null;
    // The delta would hold what other processes committed meanwhile as well: merge instead.
    const remote = this.remoteInBatch;
    this.remoteInBatch = false;
    const senders = batch.senders;
    const [only] = senders;
    if (delta && !remote && only !== undefined && senders.length === 1 && batch.updates > 1) {
      if (!hasPending(this.doc)) return [{ from: only, update: delta.encode() }];
    }
    return batch.merged();
  }

  /**
   * Relays a connection's awareness (presence). A connection with a principal may only speak for
   * awareness ids no other connection of the room announced, and its `user` is what its token
   * says. Presence is bounded per connection: one state's JSON is at most
   * `maxAwarenessStateBytes` (a y-prosemirror cursor state is well under 1 KiB), a connection
   * announces at most `maxAwarenessClientsPerConnection` ids (a tab uses one), and it relays at
   * most `awarenessBytesPerSecond`. States over a size or id limit are dropped; states over the
   * rate wait, coalesced to the latest per id, and go out as soon as the rate allows. Each kind of
   * limit is audited once per connection. A late joiner therefore receives bounded presence.
   */
  private applyAwareness(
    connection: SyncConnection,
    update: Uint8Array,
    entries: readonly AwarenessEntry[],
  ): void {
    const state = this.connections.get(connection);
    if (!state) return;
    const principal = state.access.principal;
    if (!principal) {
      for (const { clientID } of entries) state.awarenessIds.add(clientID);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
      return;
    }
    // Stock y-websocket clients echo the states they receive: such echoes (another connection's
    // id, or a clock that is not newer) would change nothing and are dropped silently.
    const kept: AwarenessEntry[] = [];
    let impersonation: string | null = null;
    let overLimit: string | null = null;
    const announced = new Set(state.awarenessIds);
    const key = principalKey(principal);
    for (const entry of entries) {
      // Oversize states were not even parsed (their state reads as null): checked first.
      if (entry.bytes > this.limits.maxAwarenessStateBytes) {
        overLimit = `awareness state of ${entry.bytes} bytes over ${this.limits.maxAwarenessStateBytes} (dropped)`;
        continue;
      }
      if (this.awarenessOwnedByOther(entry.clientID, connection)) continue;
      if ((this.remoteClaims.get(entry.clientID) ?? key) !== key) continue;
      if ((this.bindings.ownerOf(entry.clientID) ?? key) !== key) continue;
      const known = this.awareness.meta.get(entry.clientID);
      if (known && known.clock >= entry.clock) continue;
      if (entry.state === null && !state.awarenessIds.has(entry.clientID)) continue;
      if (
        !announced.has(entry.clientID) &&
        announced.size >= this.limits.maxAwarenessClientsPerConnection
      ) {
        overLimit = `over ${this.limits.maxAwarenessClientsPerConnection} awareness client ids on one connection (dropped)`;
        continue;
      }
      announced.add(entry.clientID);
      if (awarenessClaimsOtherIdentity(entry.state, principal)) {
        impersonation = "awareness claimed another name, party or role (corrected)";
      }
      kept.push({ ...entry, state: correctAwarenessState(entry.state, principal) });
    }
    if (impersonation && !state.awarenessAudited) {
      state.awarenessAudited = true;
      this.auditAwareness(state, impersonation);
    }
    if (kept.length === 0) {
      if (overLimit) this.auditAwarenessLimit(state, overLimit);
      return;
    }
    const bytes = kept.reduce((sum, entry) => sum + entry.bytes, 0);
    if (state.deferredAwareness.size > 0 || !state.awarenessBytes.take(bytes)) {
      for (const entry of kept) state.deferredAwareness.set(entry.clientID, entry);
      this.scheduleDeferredAwareness(connection, state);
      overLimit ??= "awareness over the connection's rate (delayed, coalesced)";
      this.auditAwarenessLimit(state, overLimit);
      return;
    }
    if (overLimit) this.auditAwarenessLimit(state, overLimit);
    for (const { clientID } of kept) state.awarenessIds.add(clientID);
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      encodeAwarenessEntries(kept),
      connection,
    );
  }

  /** Tries the awareness waiting for the connection's rate again, later. */
  private scheduleDeferredAwareness(connection: SyncConnection, state: ConnectionState): void {
    if (state.deferTimer) return;
    state.deferTimer = setTimeout(() => {
      state.deferTimer = null;
      if (this.destroyed || this.connections.get(connection) !== state) return;
      const entries = [...state.deferredAwareness.values()];
      const bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
      if (!state.awarenessBytes.take(bytes)) {
        this.scheduleDeferredAwareness(connection, state);
        return;
      }
      state.deferredAwareness.clear();
      // Another message may have brought newer states meanwhile: only what is still newest goes.
      const current = entries.filter(
        (entry) => (this.awareness.meta.get(entry.clientID)?.clock ?? -1) < entry.clock,
      );
      if (current.length === 0) return;
      for (const { clientID } of current) state.awarenessIds.add(clientID);
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        encodeAwarenessEntries(current),
        connection,
      );
    }, AWARENESS_RETRY_MS);
    state.deferTimer.unref();
  }

  private auditAwarenessLimit(state: ConnectionState, detail: string): void {
    if (state.awarenessLimitAudited) return;
    state.awarenessLimitAudited = true;
    this.auditAwareness(state, detail);
  }

  private auditAwareness(state: ConnectionState, detail: string): void {
    this.options.audit.record({
      frameworkId: this.frameworkId,
      action: "refused",
      room: this.name,
      principal: state.access.principal,
      connection: state.access.id,
      detail,
    });
  }

  /**
   * The first of `writers` that a live connection of another principal announced in its
   * awareness, on this process or (scale-out) another one, or null. Awareness shows every client
   * id to the whole room before its owner may have written anything: without this, anyone could
   * claim an id first (binding it to themselves) and lock its owner out.
   */
  private claimedLive(
    writers: Iterable<number>,
    key: string,
    connection: SyncConnection,
  ): number | null {
    for (const client of writers) {
      const remote = this.remoteClaims.get(client);
      if (remote !== undefined && remote !== key) return client;
      for (const [other, state] of this.connections) {
        const principal = state.access.principal;
        if (other === connection || !principal || !state.awarenessIds.has(client)) continue;
        if (principalKey(principal) !== key) return client;
      }
    }
    return null;
  }

  /** Whether another connection than `connection` announced this awareness id. */
  private awarenessOwnedByOther(clientID: number, connection: SyncConnection): boolean {
    for (const [other, state] of this.connections) {
      if (other !== connection && state.awarenessIds.has(clientID)) return true;
    }
    return false;
  }

  private readonly onAwarenessUpdate = (
    changes: {
      added: number[];
      updated: number[];
      removed: number[];
    },
    origin: unknown,
  ): void => {
    const ids = [...changes.added, ...changes.updated, ...changes.removed];
    for (const id of ids) this.pendingAwareness.add(id);
    // Remote claims follow the remote states: set (or cleared) by the process that announced the
    // id, gone when it removes the state or it times out here. A removal by this process's
    // connections leaves them: a connection here that announced the same id (before the claim
    // arrived; after, `applyAwareness` drops it) must not drop the owner's claim by leaving.
    if (origin === REMOTE) {
      for (const id of [...changes.added, ...changes.updated]) {
        const claim = this.incomingClaims?.get(id);
        if (claim === undefined) this.remoteClaims.delete(id);
        else this.remoteClaims.set(id, claim);
      }
    }
    if (origin === REMOTE || origin === "timeout") {
      for (const id of changes.removed) this.remoteClaims.delete(id);
    }
    // This process's connections' presence goes to the other processes (never stored), with who
    // claims each id. What came from them, and states this process timed out itself, do not go
    // back.
    const cluster = this.options.cluster;
    if (cluster && origin !== REMOTE && origin !== "timeout" && ids.length > 0) {
      cluster.publishAwareness(
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids),
        this.localClaims(ids),
      );
    }
    if (this.awarenessFlushScheduled) return;
    this.awarenessFlushScheduled = true;
    // Coalesce the awareness changes of one event-loop turn into one broadcast.
    setImmediate(() => {
      this.awarenessFlushScheduled = false;
      if (this.destroyed) return;
      const ids = [...this.pendingAwareness];
      this.pendingAwareness = new Set();
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
      this.broadcast(encodeAwarenessMessage(update), null);
    });
  };

  /** Sends the same bytes to every connection but `except`. */
  private broadcast(message: Uint8Array, except: SyncConnection | null): void {
    // No copy: deleting from a Map while iterating it (a slow consumer closed by `send`) is safe.
    for (const connection of this.connections.keys()) {
      if (connection !== except) this.send(connection, message);
    }
  }

  /**
   * Sends to one connection, cutting it off as a slow consumer once its unsent buffer passes
   * `maxBufferedBytes` on top of the room's size. The room's size is allowed because a joiner
   * needs the whole room at once (the sync step 2 reply, or the snapshot the manager sent before
   * the room was parsed): with a fixed threshold, every joiner of a room larger than it was cut
   * and reconnected forever. A consumer is slow when it falls behind by
   * more than the threshold beyond that.
   */
  private send(connection: SyncConnection, message: Uint8Array): void {
    if (!this.connections.has(connection)) return;
    connection.send(message);
    if (connection.bufferedAmount > this.options.maxBufferedBytes + this.replyAllowance()) {
      this.reject(connection, CloseCode.slowConsumer, "send buffer over limit");
    }
  }

  /** The largest reply a joiner may need: the room's whole state (bytes, an upper bound). */
  private replyAllowance(): number {
    return Math.max(this.storedBytes, this.fullStateReply?.byteLength ?? 0);
  }

  private reject(connection: SyncConnection, code: number, reason: string): void {
    this.options.logger.warn({ room: this.name, code, reason }, "closing connection");
    this.closeConnection(connection, code, reason);
  }

  private closeConnection(connection: SyncConnection, code: number, reason: string): void {
    if (!this.connections.has(connection)) return;
    this.options.metrics.connectionsClosedTotal.inc({ code: String(code) });
    this.removeConnection(connection);
    connection.close(code, reason);
  }

  private fail(reason: string): void {
    if (this.destroyed) return;
    // The document may hold part of a refused update: what the current batch took from it is not
    // trusted either. Nothing of it was broadcast; its senders are closed with `internalError`
    // and send it again (their sync step 2) when they reconnect to the reloaded room.
    this.batch?.clear();
    this.batch = null;
    this.delta = null;
    this.newBindings = [];
    this.newDeletions = [];
    this.closeAll(CloseCode.internalError, reason);
    this.options.onBroken(this);
  }
}

/**
 * A number that grows whenever the open `transaction` inserts or deletes anything: the sum of every
 * client's clock plus the deletions recorded so far (Yjs records a deletion only for an item not
 * deleted before). O(clients).
 */
function changeMark(doc: Y.Doc, transaction: Y.Transaction): number {
  let mark = 0;
  for (const structs of doc.store.clients.values()) {
    const last = structs[structs.length - 1];
    if (last) mark += last.id.clock + last.length;
  }
  for (const ranges of transaction.deleteSet.clients.values()) mark += ranges.length;
  return mark;
}

/** Consecutive updates of the same connection, in order. */
function runsBySender(
  list: ReadonlyArray<{ connection: SyncConnection; update: Uint8Array }>,
): Array<{ connection: SyncConnection; updates: Uint8Array[] }> {
  const runs: Array<{ connection: SyncConnection; updates: Uint8Array[] }> = [];
  for (const { connection, update } of list) {
    const last = runs[runs.length - 1];
    if (last && last.connection === connection) last.updates.push(update);
    else runs.push({ connection, updates: [update] });
  }
  return runs;
}

/** Whether a transaction inserted or deleted anything. */
function transactionChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  if (transaction.beforeState.size !== transaction.afterState.size) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
