/**
 * Loads, shares and unloads rooms. One load per room however many joins race for it; messages
 * that arrive while the room loads wait in order and are handled after it; a room unloads
 * (compacted, destroyed) a grace period after its last connection leaves.
 *
 * Compaction (snapshot + log merged into one snapshot) is not run every `compactionThreshold`
 * updates while people type: that re-encoded the whole document again and again in the middle of
 * bursts. Past the threshold, a room is compacted once its log outweighs its snapshot (so the
 * work stays proportional to what was written), else once it has been idle for
 * `compactionIdleMs`, and always on unload.
 */
import { CloseCode, LIMITS, roomNameToString } from "@parley/shared/protocol";
import { type AuditSink, silentAudit } from "../audit/auditLog.js";
import type { ServerMetrics } from "../metrics/serverMetrics.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { encodeSyncMessage, isFullStateRequest, needsDocument, syncStep2 } from "./messages.js";
import { type ConnectionAccess, Room, TRUSTED } from "./room.js";
import type { Logger, SyncConnection } from "./types.js";
import { WriteQueue } from "./writeQueue.js";

export interface RoomManagerOptions {
  storage: DocumentStorage;
  logger: Logger;
  metrics: ServerMetrics;
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
}

/** What the transport holds for one connection: feed it messages, tell it when the socket closed. */
export interface ConnectionHandle {
  receive(data: Uint8Array): void;
  disconnected(): void;
  /** Closes the connection from the server side (revoked invite, expired token, rate limit). */
  close(code: number, reason: string): void;
}

interface RoomEntry {
  name: string;
  frameworkId: string;
  ready: Promise<Room>;
  room: Room | null;
  unloadTimer: NodeJS.Timeout | null;
  unloading: Promise<void> | null;
  compacting: boolean;
  /** Bytes of the stored snapshot (the rest of `room.storedBytes` is the log). */
  snapshotBytes: number;
  compactTimer: NodeJS.Timeout | null;
  /** `performance.now()` of the last update past the threshold (the idle timer re-checks it). */
  lastUpdateAt: number;
  /** The first-join state of the load (see `EarlyReplies`). */
  early: EarlyReplies;
}

/**
 * Early replies (first join of an unloaded room). A room stored as one snapshot (no log) has that
 * snapshot as its whole state: a joiner asking for everything (sync step 1 of an empty document)
 * gets those bytes as soon as they are read, and the server parses its own copy afterwards, so
 * that the two parses do not follow each other.
 */
interface EarlyReplies {
  /** Set between the read and the parse. */
  snapshot: Uint8Array | null;
  /** Each joiner's check of the messages it queued before the read. */
  answerQueued: Array<(snapshot: Uint8Array) => void>;
  /** Early replies not yet handed to the network (the parse waits for them). */
  sends: Array<Promise<void>>;
  /** Joiners attached while the room loads that have not sent anything yet. */
  silentJoiners: number;
  /** Ends the wait for silent joiners before the parse (set while waiting). */
  wakeLoad: (() => void) | null;
  /** A joiner sent something that needs the document (an update, a step 1 with state). */
  documentNeeded: boolean;
  /** Ends the deferral of the parse (set while deferring). */
  wakeParse: (() => void) | null;
}

/**
 * How long a load waits, between reading a snapshot and parsing it, for its joiners' first
 * message (a client sends sync step 1 as soon as its socket opens: it usually comes within a
 * millisecond). Bounds what a client that never speaks first can cost the others.
 */
const EARLY_REPLY_WAIT_MS = 20;
/**
 * Once every joiner had the snapshot, the parse waits until a message needs the document (an
 * edit, or a client that already holds state) or this many milliseconds after the read, whichever
 * comes first. Meanwhile the joiners parse their copy undisturbed, and more joiners asking for
 * everything are answered at once; their presence is relayed (and the server's sync step 1, which
 * pulls edits a client made offline, is sent) after the parse, at most this much later.
 */
const PARSE_DEFER_MS = 60;

const DEFAULT_COMPACTION_IDLE_MS = 5_000;

export class RoomManager {
  readonly queue: WriteQueue;
  private readonly entries = new Map<string, RoomEntry>();
  private readonly handles = new Set<{ close(code: number, reason: string): void }>();
  private shuttingDown = false;

  constructor(private readonly options: RoomManagerOptions) {
    this.queue = new WriteQueue(options.storage, {
      onBatchWritten: (_updates, seconds) => {
        options.metrics.storageBatchesTotal.inc();
        options.metrics.storageWriteSeconds.observe(seconds);
      },
    });
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
    const queued: Uint8Array[] = [];
    let room: Room | null = null;
    let gone = false;
    let entry: RoomEntry | undefined;
    /** Attached while the room loads and has not sent anything yet (see `replyEarly`). */
    let silent = false;
    const spoke = () => {
      if (!entry || !silent) return;
      silent = false;
      entry.early.silentJoiners -= 1;
      if (entry.early.silentJoiners === 0) entry.early.wakeLoad?.();
    };
    const tracked = {
      close: (code: number, reason: string) => {
        if (gone) return;
        spoke();
        gone = true;
        this.handles.delete(tracked);
        if (room) room.removeConnection(connection);
        this.options.metrics.connectionsClosedTotal.inc({ code: String(code) });
        connection.close(code, reason);
      },
    };
    this.handles.add(tracked);
    if (this.shuttingDown) {
      tracked.close(CloseCode.goingAway, "server shutting down");
      return { receive() {}, disconnected() {}, close() {} };
    }
    const loading = this.acquire(roomName, frameworkId);
    entry = this.entries.get(roomName);
    silent = entry !== undefined && entry.room === null && entry.unloading === null;
    if (entry && silent) entry.early.silentJoiners += 1;
    const answerEarly = (data: Uint8Array | undefined, snapshot: Uint8Array): boolean => {
      if (gone || room || !data || !isFullStateRequest(data)) return false;
      entry?.early.sends.push(
        new Promise<void>((written) =>
          connection.send(encodeSyncMessage(syncStep2, snapshot), written),
        ),
      );
      return true;
    };
    if (silent) {
      entry?.early.answerQueued.push((snapshot) => {
        if (queued.length > 0 && answerEarly(queued[0], snapshot)) queued.shift();
      });
    }
    loading.then(
      (loaded) => {
        if (gone) {
          this.scheduleUnloadIfEmpty(loaded);
          return;
        }
        room = loaded;
        loaded.addConnection(connection, access);
        for (const data of queued.splice(0)) loaded.receive(connection, data);
      },
      (error: unknown) => {
        this.options.logger.error({ room: roomName, err: error }, "room failed to load");
        tracked.close(CloseCode.internalError, "room failed to load");
      },
    );
    return {
      receive: (data) => {
        if (gone) return;
        if (room) {
          room.receive(connection, data);
        } else if (data.byteLength > this.options.maxMessageBytes) {
          tracked.close(CloseCode.messageTooLarge, "message over size limit");
        } else {
          const snapshot = entry?.early.snapshot;
          if (!(snapshot && queued.length === 0 && answerEarly(data, snapshot))) {
            queued.push(data);
            if (entry && needsDocument(data)) {
              entry.early.documentNeeded = true;
              entry.early.wakeParse?.();
            }
          }
          spoke();
        }
      },
      disconnected: () => {
        if (gone) return;
        spoke();
        gone = true;
        this.handles.delete(tracked);
        room?.removeConnection(connection);
      },
      close: (code, reason) => tracked.close(code, reason),
    };
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
    return this.queue.run(() => this.options.storage.deleteFramework(frameworkId));
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
      compacting: false,
      snapshotBytes: 0,
      compactTimer: null,
      lastUpdateAt: 0,
      early: {
        snapshot: null,
        answerQueued: [],
        sends: [],
        silentJoiners: 0,
        wakeLoad: null,
        documentNeeded: false,
        wakeParse: null,
      },
    };
    this.entries.set(name, created);
    return created.ready;
  }

  private async load(name: string, frameworkId: string, self: () => RoomEntry): Promise<Room> {
    // Let the caller register the entry before anything else happens.
    await Promise.resolve();
    const entry = self();
    const started = performance.now();
    try {
      const [stored, bindings] = await Promise.all([
        this.options.storage.loadRoom(entry.name),
        this.options.storage.loadClientBindings(entry.name),
      ]);
      if (stored.snapshot && stored.updates.length === 0)
        await this.replyEarly(entry.early, stored.snapshot);
      entry.early.answerQueued = [];
      entry.snapshotBytes = stored.snapshot?.byteLength ?? 0;
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
        compact: (r) => this.compactSoon(entry, r),
        onBroken: () => this.drop(entry),
        onEmpty: (r) => this.scheduleUnloadIfEmpty(r),
        discussion: () =>
          this.entries.get(roomNameToString({ kind: "discussion", frameworkId }))?.room?.doc ??
          null,
      });
      room.load(stored, bindings);
      this.options.metrics.roomLoadSeconds.observe((performance.now() - started) / 1000);
      if (this.entries.get(entry.name) === entry) entry.room = room;
      this.options.logger.debug(
        { room: entry.name, updates: stored.updates.length },
        "room loaded",
      );
      return room;
    } catch (error) {
      if (this.entries.get(entry.name) === entry) this.entries.delete(entry.name);
      throw error;
    }
  }

  /**
   * Answers joiners from the snapshot until each has spoken and every reply has reached the
   * network (a parse holds the event loop: a large reply would otherwise wait behind it), within
   * `earlyReplyWaitMs`; then, if anyone was answered, defers the parse (`PARSE_DEFER_MS`).
   */
  private async replyEarly(early: EarlyReplies, snapshot: Uint8Array): Promise<void> {
    const readAt = performance.now();
    early.snapshot = snapshot;
    for (const answer of early.answerQueued) answer(snapshot);
    await this.until(
      this.options.earlyReplyWaitMs ?? EARLY_REPLY_WAIT_MS,
      (done) => {
        early.wakeLoad = () => {
          if (early.silentJoiners === 0) void Promise.all(early.sends).then(done);
        };
        early.wakeLoad();
      },
      () => {
        early.wakeLoad = null;
      },
    );
    const left = (this.options.parseDeferMs ?? PARSE_DEFER_MS) - (performance.now() - readAt);
    if (early.sends.length > 0 && !early.documentNeeded && left > 0) {
      await this.until(
        left,
        (done) => {
          early.wakeParse = done;
        },
        () => {
          early.wakeParse = null;
        },
      );
    }
    early.snapshot = null;
    await this.until(this.options.earlyReplyWaitMs ?? EARLY_REPLY_WAIT_MS, (done) => {
      void Promise.all(early.sends).then(done);
    });
    early.sends = [];
  }

  /** Resolves when `start` calls its `done`, or after `ms`; `cleanup` runs either way. */
  private async until(
    ms: number,
    start: (done: () => void) => void,
    cleanup: () => void = () => undefined,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      start(resolve);
    });
    clearTimeout(timer);
    cleanup();
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
    this.cancelIdleCompaction(entry);
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
      this.options.logger.debug({ room: entry.name }, "room unloaded");
    })();
    return entry.unloading;
  }

  /** Called by the room on every update past the threshold (and on load past it). */
  private compactSoon(entry: RoomEntry, room: Room): void {
    const logBytes = room.storedBytes - entry.snapshotBytes;
    if (logBytes >= entry.snapshotBytes) {
      this.compactNow(entry, room);
      return;
    }
    // Not worth it yet: wait for a pause in the typing. One timer per pause, not per keystroke:
    // when it fires early (updates came in meanwhile) it waits for the rest of the pause.
    entry.lastUpdateAt = performance.now();
    if (!entry.compactTimer) this.scheduleIdleCompaction(entry, room, this.idleMs);
  }

  private get idleMs(): number {
    return this.options.compactionIdleMs ?? DEFAULT_COMPACTION_IDLE_MS;
  }

  private scheduleIdleCompaction(entry: RoomEntry, room: Room, delayMs: number): void {
    entry.compactTimer = setTimeout(() => {
      entry.compactTimer = null;
      const idleFor = performance.now() - entry.lastUpdateAt;
      if (idleFor < this.idleMs) this.scheduleIdleCompaction(entry, room, this.idleMs - idleFor);
      else this.compactNow(entry, room);
    }, delayMs);
    entry.compactTimer.unref();
  }

  private cancelIdleCompaction(entry: RoomEntry): void {
    if (entry.compactTimer) clearTimeout(entry.compactTimer);
    entry.compactTimer = null;
  }

  private compactNow(entry: RoomEntry, room: Room): void {
    this.cancelIdleCompaction(entry);
    if (entry.compacting) return;
    entry.compacting = true;
    this.compact(entry, room)
      .catch((error: unknown) => {
        this.options.logger.error({ room: entry.name, err: error }, "compaction failed");
      })
      .finally(() => {
        entry.compacting = false;
      });
  }

  /** Merges snapshot + log into one snapshot, after every write queued before it. */
  private compact(entry: RoomEntry, room: Room): Promise<void> {
    return this.queue.run(async () => {
      if (room.isDestroyed || room.updatesSinceSnapshot === 0) return;
      const snapshot = room.encodeFullState();
      const logged = room.updatesSinceSnapshot;
      const bytes = room.storedBytes;
      await this.options.storage.compactRoom(entry.name, entry.frameworkId, snapshot);
      entry.snapshotBytes = snapshot.byteLength;
      room.updatesSinceSnapshot = Math.max(0, room.updatesSinceSnapshot - logged);
      // Updates logged while the snapshot was written stay counted on top of it.
      room.storedBytes = snapshot.byteLength + Math.max(0, room.storedBytes - bytes);
      this.options.metrics.compactionsTotal.inc();
    });
  }

  /** Forgets a room without saving (deleted, or broken by a storage failure). */
  private drop(entry: RoomEntry): void {
    this.cancelUnload(entry);
    this.cancelIdleCompaction(entry);
    if (this.entries.get(entry.name) === entry) this.entries.delete(entry.name);
    const room = entry.room;
    entry.room = null;
    if (room && !room.isDestroyed) room.destroy();
  }
}
