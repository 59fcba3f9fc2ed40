/**
 * Loads, shares and unloads rooms. One load per room however many joins race for it; messages
 * that arrive while the room loads wait in order and are handled after it; a room unloads
 * (compacted, destroyed) a grace period after its last connection leaves. Each connection's way in
 * is a `RoomConnection`; when a room is compacted is its `CompactionSchedule`; the first join of a
 * stored room is answered through `EarlyReplies`.
 */
import { CloseCode, LIMITS, roomNameToString } from "@parley/shared/protocol";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { type AuditSink, silentAudit } from "./auditSink.js";
import { CompactionSchedule, DEFAULT_COMPACTION_IDLE_MS } from "./compactionSchedule.js";
import type { CoreMetrics } from "./coreMetrics.js";
import { EARLY_REPLY_WAIT_MS, EarlyReplies, PARSE_DEFER_MS } from "./earlyReplies.js";
import { type ConnectionAccess, Room, TRUSTED } from "./room.js";
import { type ConnectionHandle, RoomConnection } from "./roomConnection.js";
import type { RoomBus, RoomBusHandler, RoomCluster, RoomLog, SequencedRoom } from "./roomLog.js";
import type { Logger, SyncConnection } from "./types.js";
import { WriteQueue } from "./writeQueue.js";

export interface RoomManagerOptions {
  storage: DocumentStorage;
  logger: Logger;
  metrics: CoreMetrics;
  /** Milliseconds a room stays loaded after its last connection leaves. */
  unloadGraceMs: number;
  compactionThreshold: number;
  /** Past the threshold, compact after this many milliseconds without an update (default 5 s). */
  compactionIdleMs?: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
  /** Default `LIMITS.maxDocumentBytes`. */
  maxDocumentBytes?: number;
  /** Where rooms report applied and refused updates (default: nowhere). */
  audit?: AuditSink;
  /** Longest wait for joiners' first messages and early replies (default `EARLY_REPLY_WAIT_MS`). */
  earlyReplyWaitMs?: number;
  /** Longest deferral of the parse after early replies (default `PARSE_DEFER_MS`). */
  parseDeferMs?: number;
  /**
   * Scale-out (see `roomLog.ts`): rooms load from and commit to the sequenced log, and share
   * committed updates and presence over the bus. Both or neither.
   */
  cluster?: { log: RoomLog; bus: RoomBus } | null;
  /**
   * Scale-out: milliseconds between catch-ups of each loaded room from the log (what a process
   * committed but never published, e.g. it died in between). Default 1000.
   */
  catchUpMs?: number;
  /** A framework was deleted here (the edge tells the other processes). */
  onFrameworkDeleted?: (frameworkId: string) => void;
}

export const DEFAULT_CATCH_UP_MS = 1000;

export type { ConnectionHandle } from "./roomConnection.js";

interface RoomEntry {
  name: string;
  frameworkId: string;
  ready: Promise<Room>;
  room: Room | null;
  unloadTimer: NodeJS.Timeout | null;
  unloading: Promise<void> | null;
  compaction: CompactionSchedule<Room>;
  /** The first-join state of the load. */
  early: EarlyReplies;
  /**
   * Scale-out: another process committed (or the bus may have missed something) while the room
   * was loading, after the log was read: the room catches up once its joiners are attached.
   */
  heardWhileLoading: boolean;
}

export class RoomManager {
  readonly queue: WriteQueue;
  private readonly entries = new Map<string, RoomEntry>();
  private readonly handles = new Set<{ close(code: number, reason: string): void }>();
  private shuttingDown = false;
  /** Commits that lost to another process's (scale-out), since start. */
  commitConflicts = 0;
  private readonly catchUpTimer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(private readonly options: RoomManagerOptions) {
    this.queue = new WriteQueue(
      options.storage,
      {
        onBatchWritten: (_updates, seconds) => {
          options.metrics.storageBatchesTotal.inc();
          options.metrics.storageWriteSeconds.observe(seconds);
        },
        onConflict: () => {
          this.commitConflicts += 1;
        },
      },
      options.cluster?.log ?? null,
    );
    if (options.cluster) {
      this.catchUpTimer = setInterval(
        () => void this.catchUpTick(),
        options.catchUpMs ?? DEFAULT_CATCH_UP_MS,
      );
      this.catchUpTimer.unref();
    }
  }

  /**
   * The safety net's tick (every `catchUpMs`): reads the log's head of every loaded room in one
   * query, outside the write queue, and catches up only the rooms whose head is past what they
   * hold (an update another process committed and did not publish, e.g. it died in between; or
   * one still on its way over the bus, which the catch-up then finds applied). A room that is up
   * to date costs no catch-up: catch-ups run in the write queue, where this process's commits
   * would wait behind their reads. Never rejects.
   */
  async catchUpTick(): Promise<void> {
    const log = this.options.cluster?.log;
    if (!log || this.ticking) return;
    const rooms = [...this.entries.values()].flatMap((entry) =>
      entry.room && !entry.unloading ? [entry.room] : [],
    );
    if (rooms.length === 0) return;
    this.ticking = true;
    try {
      const heads = await log.heads(rooms.map((room) => room.name));
      for (const room of rooms) {
        if ((heads.get(room.name) ?? 0) > room.seq) room.requestCatchUp();
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, "reading the rooms' heads failed (next tick)");
    } finally {
      this.ticking = false;
    }
  }

  get loadedRoomCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.room) count += 1;
    return count;
  }

  get connectionCount(): number {
    return this.handles.size;
  }

  isLoaded(room: string): boolean {
    return this.entries.get(room)?.room != null;
  }

  /** Attaches a connection to a room, loading the room if needed. */
  connect(
    roomName: string,
    frameworkId: string,
    connection: SyncConnection,
    access: ConnectionAccess = TRUSTED,
  ): ConnectionHandle {
    const loading = this.shuttingDown ? null : this.acquire(roomName, frameworkId);
    const entry = this.entries.get(roomName);
    const joining = new RoomConnection({
      connection,
      access,
      maxMessageBytes: this.options.maxMessageBytes,
      early: loading ? (entry?.early ?? null) : null,
      onGone: () => this.handles.delete(joining),
      onServerClose: (code) =>
        this.options.metrics.connectionsClosedTotal.inc({ code: String(code) }),
    });
    this.handles.add(joining);
    if (!loading) {
      joining.close(CloseCode.goingAway, "server shutting down");
      return joining;
    }
    if (entry && entry.room === null && entry.unloading === null) joining.waitSilently();
    loading.then(
      (loaded) => {
        if (!joining.attach(loaded)) this.scheduleUnloadIfEmpty(loaded);
      },
      (error: unknown) => {
        this.options.logger.error({ room: roomName, err: error }, "room failed to load");
        joining.close(CloseCode.internalError, "room failed to load");
      },
    );
    return joining;
  }

  /** The room if it is loaded and live (not loading, unloading or broken), else null. */
  liveRoom(name: string): Room | null {
    const entry = this.entries.get(name);
    const room = entry?.room;
    return room && !entry.unloading && !room.isDestroyed ? room : null;
  }

  /**
   * Runs `task` on the room, loading it if needed (without a connection: the server acting on
   * its own, e.g. a restore); a room nobody is connected to unloads after the grace period as
   * usual.
   */
  async withRoom<T>(
    name: string,
    frameworkId: string,
    task: (room: Room) => Promise<T>,
  ): Promise<T> {
    if (this.shuttingDown) throw new Error("server shutting down");
    const room = await this.acquire(name, frameworkId);
    try {
      return await task(room);
    } finally {
      this.scheduleUnloadIfEmpty(room);
    }
  }

  /**
   * Closes every connection of a framework's rooms with `roomDeleted`, drops the rooms without
   * saving, and deletes the framework from storage. Returns false if it did not exist.
   */
  async deleteFramework(frameworkId: string): Promise<boolean> {
    this.closeFramework(frameworkId);
    const deleted = await this.queue.run(() => this.options.storage.deleteFramework(frameworkId));
    if (deleted) this.options.onFrameworkDeleted?.(frameworkId);
    return deleted;
  }

  /**
   * Closes every connection of a framework's rooms with `roomDeleted` and drops the rooms without
   * saving (here: the framework is being deleted, or another process deleted it).
   */
  closeFramework(frameworkId: string): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.frameworkId !== frameworkId) continue;
      entry.room?.closeAll(CloseCode.roomDeleted, "framework deleted");
      this.drop(entry);
      this.queue.dropRoom(entry.name);
      // A room still loading is closed as soon as its joiners are attached.
      entry.ready.then(
        (room) => {
          room.closeAll(CloseCode.roomDeleted, "framework deleted");
          room.destroy();
        },
        () => undefined,
      );
    }
  }

  /** Unloads every idle room now (tests, memory pressure). */
  async unloadIdle(): Promise<void> {
    const idle = [...this.entries.values()].filter(
      (entry) => entry.room && entry.room.connectionCount === 0,
    );
    await Promise.all(idle.map((entry) => this.unload(entry)));
  }

  /** Closes every connection with `goingAway`, writes what is pending, compacts and unloads. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    for (const handle of [...this.handles])
      handle.close(CloseCode.goingAway, "server shutting down");
    await this.queue.flush();
    await Promise.allSettled([...this.entries.values()].map((entry) => entry.ready));
    await Promise.all([...this.entries.values()].map((entry) => this.unload(entry)));
  }

  private acquire(name: string, frameworkId: string): Promise<Room> {
    const entry = this.entries.get(name);
    if (entry?.unloading) {
      return entry.unloading.then(() => this.acquire(name, frameworkId));
    }
    if (entry) {
      this.cancelUnload(entry);
      return entry.ready;
    }
    const created: RoomEntry = {
      name,
      frameworkId,
      room: null,
      ready: this.load(name, frameworkId, () => created),
      unloadTimer: null,
      unloading: null,
      compaction: new CompactionSchedule<Room>({
        idleMs: this.options.compactionIdleMs ?? DEFAULT_COMPACTION_IDLE_MS,
        compact: (room) => this.compact(created, room),
        onError: (error) =>
          this.options.logger.error({ room: name, err: error }, "compaction failed"),
      }),
      early: new EarlyReplies(),
      heardWhileLoading: false,
    };
    this.entries.set(name, created);
    return created.ready;
  }

  private async load(name: string, frameworkId: string, self: () => RoomEntry): Promise<Room> {
    // Let the caller register the entry before anything else happens.
    await Promise.resolve();
    const entry = self();
    const started = performance.now();
    const cluster = this.options.cluster ?? null;
    try {
      // Joined before loading: whatever is committed after the load arrives over the bus.
      if (cluster) await cluster.bus.join(name, this.busHandler(entry));
      const [stored, bindings] = await Promise.all([
        cluster ? cluster.log.loadRoom(entry.name) : this.options.storage.loadRoom(entry.name),
        this.options.storage.loadClientBindings(entry.name),
      ]);
      if (stored.snapshot && stored.updates.length === 0) {
        await entry.early.reply(stored.snapshot, {
          waitMs: this.options.earlyReplyWaitMs ?? EARLY_REPLY_WAIT_MS,
          parseDeferMs: this.options.parseDeferMs ?? PARSE_DEFER_MS,
        });
      }
      entry.early.stopAnswering();
      entry.compaction.snapshotBytes = stored.snapshot?.byteLength ?? 0;
      const room = new Room({
        name,
        frameworkId,
        queue: this.queue,
        logger: this.options.logger,
        metrics: this.options.metrics,
        maxMessageBytes: this.options.maxMessageBytes,
        maxBufferedBytes: this.options.maxBufferedBytes,
        maxDocumentBytes: this.options.maxDocumentBytes ?? LIMITS.maxDocumentBytes,
        audit: this.options.audit ?? silentAudit,
        compactionThreshold: this.options.compactionThreshold,
        compact: (r) => entry.compaction.updated(r),
        onBroken: () => this.drop(entry),
        onEmpty: (r) => this.scheduleUnloadIfEmpty(r),
        discussion: () =>
          this.entries.get(roomNameToString({ kind: "discussion", frameworkId }))?.room?.doc ??
          null,
        cluster: cluster ? this.roomCluster(name, cluster) : null,
      });
      room.load(stored, bindings);
      if (cluster) {
        room.seq = (stored as SequencedRoom).seq;
        cluster.bus.queryAwareness(name);
      }
      this.options.metrics.roomLoadSeconds.observe((performance.now() - started) / 1000);
      if (this.entries.get(entry.name) === entry) entry.room = room;
      // Through the write queue, so after the joiners waiting for this load are attached: the
      // catch-up relays to them what the snapshot they were answered with lacks.
      if (entry.heardWhileLoading) room.requestCatchUp();
      this.options.logger.debug(
        { room: entry.name, updates: stored.updates.length },
        "room loaded",
      );
      return room;
    } catch (error) {
      if (this.entries.get(entry.name) === entry) this.entries.delete(entry.name);
      this.leaveIfGone(entry.name);
      throw error;
    }
  }

  /** What a room of this process hears from the others. */
  private busHandler(entry: RoomEntry): RoomBusHandler {
    const bus = this.options.cluster?.bus;
    return {
      committed: (updates, bindings) => {
        const room = entry.room;
        if (!room) entry.heardWhileLoading = true;
        else if (!room.applyCommitted(updates, bindings)) room.requestCatchUp();
      },
      awareness: (update, claims) => entry.room?.applyRemoteAwareness(update, claims),
      awarenessQuery: () => {
        const local = entry.room?.localAwareness();
        if (local) bus?.publishAwareness(entry.name, local.update, local.claims);
      },
      resync: () => {
        if (entry.room) entry.room.requestCatchUp();
        else entry.heardWhileLoading = true;
      },
    };
  }

  private roomCluster(name: string, cluster: { log: RoomLog; bus: RoomBus }): RoomCluster {
    return {
      since: (after) => cluster.log.since(name, after),
      publish: (updates, bindings) => cluster.bus.publish(name, updates, bindings),
      publishAwareness: (update, claims) => cluster.bus.publishAwareness(name, update, claims),
    };
  }

  /** Stops hearing a room on the bus once no entry of it is left. */
  private leaveIfGone(name: string): void {
    if (this.options.cluster && !this.entries.has(name)) this.options.cluster.bus.leave(name);
  }

  private scheduleUnloadIfEmpty(room: Room): void {
    const entry = this.entries.get(room.name);
    if (!entry || entry.room !== room || room.connectionCount > 0 || entry.unloading) return;
    this.cancelUnload(entry);
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = null;
      void this.unload(entry);
    }, this.options.unloadGraceMs);
    entry.unloadTimer.unref();
  }

  private cancelUnload(entry: RoomEntry): void {
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = null;
  }

  /** Compacts (after every pending write), then destroys the room and forgets it. */
  private unload(entry: RoomEntry): Promise<void> {
    if (entry.unloading) return entry.unloading;
    this.cancelUnload(entry);
    entry.compaction.cancel();
    entry.unloading = (async () => {
      const room = entry.room;
      if (room && !room.isDestroyed) {
        room.closeAll(CloseCode.goingAway, "room unloaded");
        try {
          await this.compact(entry, room);
        } catch (error) {
          this.options.logger.error(
            { room: entry.name, err: error },
            "compaction on unload failed",
          );
        }
        room.destroy();
      }
      if (this.entries.get(entry.name) === entry) this.entries.delete(entry.name);
      this.leaveIfGone(entry.name);
      this.options.logger.debug({ room: entry.name }, "room unloaded");
    })();
    return entry.unloading;
  }

  /** Merges snapshot + log into one snapshot, after every write queued before it. */
  private compact(entry: RoomEntry, room: Room): Promise<void> {
    return this.queue.run(async () => {
      if (room.isDestroyed || room.updatesSinceSnapshot === 0) return;
      // With a cluster, only what is committed (up to `room.seq`) goes into the snapshot.
      const snapshot = room.encodeStoredState();
      const logged = room.updatesSinceSnapshot;
      const bytes = room.storedBytes;
      const log = this.options.cluster?.log;
      if (log) await log.compact(entry.name, entry.frameworkId, snapshot, room.seq);
      else await this.options.storage.compactRoom(entry.name, entry.frameworkId, snapshot);
      entry.compaction.snapshotBytes = snapshot.byteLength;
      room.compacted(snapshot.byteLength);
      room.updatesSinceSnapshot = Math.max(0, room.updatesSinceSnapshot - logged);
      // Updates logged while the snapshot was written stay counted on top of it.
      room.storedBytes = snapshot.byteLength + Math.max(0, room.storedBytes - bytes);
      this.options.metrics.compactionsTotal.inc();
    });
  }

  /** Forgets a room without saving (deleted, or broken by a storage failure). */
  private drop(entry: RoomEntry): void {
    this.cancelUnload(entry);
    entry.compaction.cancel();
    if (this.entries.get(entry.name) === entry) this.entries.delete(entry.name);
    this.leaveIfGone(entry.name);
    const room = entry.room;
    entry.room = null;
    if (room && !room.isDestroyed) room.destroy();
  }
}
