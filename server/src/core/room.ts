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
import { CloseCode, parseRoomName } from "@parley/shared/protocol";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { AuditSink } from "../audit/auditLog.js";
import type { ServerMetrics } from "../metrics/serverMetrics.js";
import type { StoredRoom } from "../storage/documentStorage.js";
import { BatchDelta, stateVectorOf } from "./batchDelta.js";
import {
  type AwarenessEntry,
  encodeAwarenessMessage,
  encodeSyncMessage,
  type IncomingMessage,
  isEmptyStateVector,
  parseMessage,
  syncStep1,
  syncStep2,
  syncUpdate,
} from "./messages.js";
import { watchResolutions } from "./resolutionAudit.js";
import { SenderBatch, type SenderUpdate } from "./senderBatch.js";
import type { Logger, SyncConnection } from "./types.js";
import { hasPending } from "./updateInspection.js";
import { WriteGate } from "./writeGate.js";
import { mergeInTree, type WriteQueue } from "./writeQueue.js";

export interface RoomOptions {
  name: string;
  frameworkId: string;
  queue: WriteQueue;
  logger: Logger;
  metrics: ServerMetrics;
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
}

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
  private readonly connections = new Map<SyncConnection, ConnectionState>();
  private pendingAwareness = new Set<number>();
  private awarenessFlushScheduled = false;
  private destroyed = false;
  private readonly gate: WriteGate;
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

  /** Applies the stored state. Called once, before any connection is added. */
  load(stored: StoredRoom): void {
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

  /** Sync step 2 carrying the whole document (cached until the doc changes). */
  private encodeFullStateReply(): Uint8Array {
    this.fullStateReply ??= encodeSyncMessage(syncStep2, this.encodeFullState());
    return this.fullStateReply;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  addConnection(connection: SyncConnection, access: ConnectionAccess = TRUSTED): void {
    if (this.destroyed) return;
    this.connections.set(connection, { awarenessIds: new Set(), access, awarenessAudited: false });
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
    if (state.awarenessIds.size > 0 && !this.destroyed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...state.awarenessIds], null);
    }
    if (this.connections.size === 0 && !this.destroyed) this.options.onEmpty(this);
  }

  receive(connection: SyncConnection, data: Uint8Array): void {
    if (this.destroyed || !this.connections.has(connection)) return;
    const parsed = parseMessage(data, this.options.maxMessageBytes);
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
    this.connections.clear();
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.off("afterTransaction", this.onAfterTransaction);
    this.gate.destroy();
    this.doc.destroy();
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

  /** Applies one sender's updates in one Yjs transaction, stopping at the first failure. */
  private applyRun(connection: SyncConnection, updates: readonly Uint8Array[]): void {
    if (this.destroyed) return;
    let failure: string | null = null;
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
    // Outside the transaction: failing destroys the document.
    if (failure !== null) this.fail(failure);
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
    const access = this.connections.get(connection)?.access ?? TRUSTED;
    const verdict = this.gate.check(access.principal, update);
    if (verdict.action === "ignore") return null;
    if (verdict.action === "refuse") {
      this.options.logger.info(
        { room: this.name, invite: access.principal?.inviteId, reason: verdict.reason },
        "update refused",
      );
      this.options.audit.record({
        frameworkId: this.frameworkId,
        action: "refused",
        room: this.name,
        principal: access.principal,
        connection: access.id,
        bytes: update.byteLength,
        detail: `update dropped: ${verdict.reason}`,
      });
      return null;
    }
    if (this.storedBytes + update.byteLength > this.options.maxDocumentBytes) {
      this.gate.abandoned();
      this.options.audit.record({
        frameworkId: this.frameworkId,
        action: "refused",
        room: this.name,
        principal: access.principal,
        connection: access.id,
        bytes: update.byteLength,
        detail: `update dropped: the room would grow past ${this.options.maxDocumentBytes} bytes`,
      });
      this.reject(connection, CloseCode.documentTooLarge, "document size limit reached");
      return null;
    }
    this.delta ??= new BatchDelta(this.doc, stateVectorOf(this.doc));
    const before = changeMark(this.doc, transaction);
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
      this.reject(connection, CloseCode.malformedMessage, "update could not be applied");
      return "room reloaded after a failed update";
    }
    this.gate.applied(update);
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
    this.options.queue.enlist({
      room: this.name,
      take: () => {
        outgoing = this.takeBatch(batch);
        // The audit log counts each sender's accepted updates, once per batch.
        for (const { tag: by, updates, bytes } of batch.totals()) {
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
        const { name: room, frameworkId } = this;
        return {
          records: outgoing.map(({ update }) => ({ room, frameworkId, update })),
          updates: batch.updates,
        };
      },
      settled: (error) => {
        if (error) {
          this.options.logger.error({ room: this.name, err: error }, "storage write failed");
          this.fail("storage failed");
          return;
        }
        for (const { from, update } of outgoing) {
          this.broadcast(encodeSyncMessage(syncUpdate, update), from);
        }
      },
    });
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
    const senders = batch.senders;
    const [only] = senders;
    if (delta && only !== undefined && senders.length === 1 && batch.updates > 1) {
      if (!hasPending(this.doc)) return [{ from: only, update: delta.encode() }];
    }
    return batch.merged();
  }

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
    // A connection may only speak for awareness ids no other connection of the room announced,
    // and its `user` is what its token says. Stock y-websocket clients echo the states they
    // receive: such echoes (another connection's id, or a clock that is not newer) would change
    // nothing and are dropped silently.
    const kept: AwarenessEntry[] = [];
    let impersonation: string | null = null;
    for (const entry of entries) {
      if (this.awarenessOwnedByOther(entry.clientID, connection)) continue;
      const known = this.awareness.meta.get(entry.clientID);
      if (known && known.clock >= entry.clock) continue;
      if (entry.state === null && !state.awarenessIds.has(entry.clientID)) continue;
      if (awarenessClaimsOtherIdentity(entry.state, principal)) {
        impersonation = "awareness claimed another name, party or role (corrected)";
      }
      kept.push({ ...entry, state: correctAwarenessState(entry.state, principal) });
    }
    if (impersonation && !state.awarenessAudited) {
      state.awarenessAudited = true;
      this.options.audit.record({
        frameworkId: this.frameworkId,
        action: "refused",
        room: this.name,
        principal,
        connection: state.access.id,
        detail: impersonation,
      });
    }
    if (kept.length === 0) return;
    for (const { clientID } of kept) state.awarenessIds.add(clientID);
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      encodeAwarenessEntries(kept),
      connection,
    );
  }

  /** Whether another connection than `connection` announced this awareness id. */
  private awarenessOwnedByOther(clientID: number, connection: SyncConnection): boolean {
    for (const [other, state] of this.connections) {
      if (other !== connection && state.awarenessIds.has(clientID)) return true;
    }
    return false;
  }

  private readonly onAwarenessUpdate = (changes: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) {
      this.pendingAwareness.add(id);
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

  private send(connection: SyncConnection, message: Uint8Array): void {
    if (!this.connections.has(connection)) return;
    connection.send(message);
    if (connection.bufferedAmount > this.options.maxBufferedBytes) {
      this.reject(connection, CloseCode.slowConsumer, "send buffer over limit");
    }
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
    this.closeAll(CloseCode.internalError, reason);
    this.options.onBroken(this);
  }
}

/** Encodes awareness entries back into an awareness update (the y-protocols format). */
function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientID);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
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
