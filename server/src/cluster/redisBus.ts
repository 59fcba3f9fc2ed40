/**
 * The scale-out's bus on Redis (`RoomBus`, see core/roomLog.ts), with `ioredis`:
 * - committed updates: one Redis STREAM per room and writing process (`<prefix>u:<room>:<origin>`,
 *   trimmed to about `streamMaxLen` entries), read with XREAD by every other process that has the
 *   room loaded. Streams, not pub/sub: a lagging reader catches up instead of losing messages.
 *   One stream per writer, not per room: an XADD wakes the processes that read it, and a writer
 *   never reads its own (with one stream per room, every commit also woke its own process, for
 *   nothing: see docs/bench/scaleout-notes.md for what that cost). Each entry carries the
 *   update's sequence number, so a reader sees a gap and catches up from PostgreSQL.
 * - who writes to a room: a sorted set (`<prefix>w:<room>`, origin → when it last announced
 *   itself). A writer announces itself with its first publish to a room and again at least every
 *   `ANNOUNCE_EVERY_MS` while it writes: it adds itself to the set, then publishes a notice on the
 *   room's presence channel, on which readers start reading its stream from the start. A joining
 *   process reads the set after subscribing, so it learns every writer one way or the other.
 * - presence: pub/sub per room (`<prefix>a:<room>`). Ephemeral by nature: never stored. Each
 *   message says who claims its client ids (`c`: client id → principal key).
 * - control (an invite revoked, a framework deleted): pub/sub on `<prefix>control`.
 * Redis holds nothing that matters: after a reconnect every room catches up from PostgreSQL, and
 * a writer the readers missed (Redis flushed) is covered by the log's heads until it announces
 * itself again.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type {
  AwarenessClaim,
  BoundClient,
  RoomBus,
  RoomBusHandler,
  SequencedUpdate,
} from "../core/roomLog.js";
import type { Logger } from "../core/types.js";

export interface RedisBusOptions {
  url: string;
  /** Prefix of every key and channel (several deployments or test runs may share one Redis). */
  prefix: string;
  logger: Logger;
  /** Entries a room's stream keeps (approximately). */
  streamMaxLen?: number;
  /** Longest a room's load waits for Redis to answer its join (ms; default 2000). */
  joinWaitMs?: number;
  /** Test hook (`PARLEY_TEST_SKIP_PUBLISH=1`): commit but never publish, as if the process died. */
  skipPublish?: boolean;
}

export type ControlMessage =
  | { kind: "inviteRevoked"; inviteId: string }
  | { kind: "frameworkDeleted"; frameworkId: string };

interface JoinedRoom {
  handler: RoomBusHandler;
  /** The other processes that write to the room (their origins), each with the id read up to. */
  writers: Map<string, string>;
  /** The room is loaded (or loading): a writer learned from now on is read from its start. */
  loaded: boolean;
}

/** Longest a blocking read waits before it looks at the set of rooms again (ms). */
const READ_BLOCK_MS = 2000;
/** Longest a room's load waits for Redis to answer its join (ms); then it loads without. */
const JOIN_WAIT_MS = 2000;
/** A writer announces itself again after this long (ms), while it writes to the room. */
const ANNOUNCE_EVERY_MS = 60_000;
/** A joining process reads the writers that announced themselves this recently (ms). */
const WRITER_HORIZON_MS = 5 * ANNOUNCE_EVERY_MS;
/** How long a writer's stream and a room's set of writers outlive their last announcement (ms). */
const WRITER_KEYS_TTL_MS = 60 * 60_000;
/** A process's origin, as the bus writes it (`randomUUID`). */
const ORIGIN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class RedisBus implements RoomBus {
  /** This process on the bus: its own messages are not delivered back to it. */
  readonly origin = randomUUID();
  private readonly rooms = new Map<string, JoinedRoom>();
  /** Rooms being joined: writers announced meanwhile are kept for them. */
  private readonly joining = new Map<string, JoinedRoom>();
  /** When this process last announced itself as a writer of each room (ms). */
  private readonly announced = new Map<string, number>();
  private readonly controlHandlers: Array<(message: ControlMessage) => void> = [];
  private readerId: number | null = null;
  private wake: (() => void) | null = null;
  private closed = false;
  private reading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: RedisBusOptions,
    /** Commands and publishing. */
    private readonly cmd: Redis,
    /** Blocking stream reads. */
    private readonly reader: Redis,
    /** Subscriptions (presence, control). */
    private readonly sub: Redis,
  ) {}

  /**
   * Connects (three connections). Fails with a clear message if Redis cannot be reached at
   * start; once started, connections are retried for ever and every room resyncs after each.
   */
  static async connect(options: RedisBusOptions): Promise<RedisBus> {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new Error(`REDIS_URL is not a URL: ${options.url}`);
    }
    if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
      throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${url.protocol})`);
    }
    const open = async (name: string): Promise<Redis> => {
      const redis = new Redis(options.url, {
        lazyConnect: true,
        connectionName: `parley-${name}`,
        // At start: fail at once. Once connected: retry for ever (see below).
        retryStrategy: () => null,
        maxRetriesPerRequest: null,
      });
      redis.on("error", (error: Error) =>
        options.logger.warn({ err: error, connection: name }, "redis connection error"),
      );
      try {
        await redis.connect();
      } catch (error) {
        redis.disconnect();
        throw new Error(`Redis at ${url.host} is unreachable: ${(error as Error).message}`, {
          cause: error,
        });
      }
      redis.options.retryStrategy = (times: number) => Math.min(50 * times, 1000);
      return redis;
    };
    const cmd = await open("cmd");
    const reader = await open("reader").catch((error: unknown) => {
      cmd.disconnect();
      throw error;
    });
    const sub = await open("sub").catch((error: unknown) => {
      cmd.disconnect();
      reader.disconnect();
      throw error;
    });
    const bus = new RedisBus(options, cmd, reader, sub);
    await bus.start();
    return bus;
  }

  private key(kind: "w" | "a" | "control", room = ""): string {
    return kind === "control"
      ? `${this.options.prefix}control`
      : `${this.options.prefix}${kind}:${room}`;
  }

  /** The stream of the updates `origin` committed for `room`. */
  private streamKey(room: string, origin: string): string {
    return `${this.options.prefix}u:${room}:${origin}`;
  }

  private async start(): Promise<void> {
    this.readerId = Number(await this.reader.call("CLIENT", "ID"));
    this.sub.on("messageBuffer", (channel: Buffer, message: Buffer) =>
      this.onMessage(channel.toString(), message),
    );
    await this.sub.subscribe(this.key("control"));
    // Connected already: every later "ready" is a reconnect, after which anything may have been
    // missed (Redis restarted or flushed): every room catches up from the log.
    this.reader.on("ready", () => {
      this.reader.call("CLIENT", "ID").then(
        (id) => {
          this.readerId = Number(id);
        },
        () => undefined,
      );
      // Redis may have restarted empty: this process announces itself again with its next
      // publish to each room.
      this.announced.clear();
      for (const [room, joined] of this.rooms) {
        joined.handler.resync();
        // Writers that announced themselves while this process could not hear them.
        this.learnWriters(room, joined).catch(() => undefined);
      }
    });
    this.reading = this.readLoop();
  }

  async join(room: string, handler: RoomBusHandler): Promise<void> {
    const joined: JoinedRoom = { handler, writers: new Map(), loaded: false };
    if (this.cmd.status !== "ready" || this.sub.status !== "ready") {
      // Redis down: commands would wait in ioredis's queue until it is back, and the room with
      // them. Load now; the subscription is sent on reconnect, and the writers are learned then
      // and read from their start (entries the room holds already are skipped by their seq).
      this.options.logger.warn({ room }, "joining the room while redis is down");
      this.sub.subscribe(this.key("a", room)).catch(() => undefined);
      joined.loaded = true;
      this.rooms.set(room, joined);
      this.interruptRead();
      return;
    }
    this.joining.set(room, joined);
    // Subscribed first: a writer that announces itself after the set is read is heard.
    const joining = (async () => {
      await this.sub.subscribe(this.key("a", room));
      await this.learnWriters(room, joined);
    })();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.options.joinWaitMs ?? JOIN_WAIT_MS);
    });
    try {
      const outcome = await Promise.race([joining, waited]);
      if (outcome === "timeout") {
        // Redis hangs (or went down after the check above): the room loads without waiting; the
        // writers learned when Redis answers are read from their start (entries the room holds
        // already are skipped by their seq).
        this.options.logger.warn({ room }, "redis did not answer the join in time");
        joining.catch(() => undefined);
      }
    } catch (error) {
      // Redis down: the room still loads; it catches up from the log until Redis is back.
      this.options.logger.warn({ room, err: error }, "joining the room on redis failed");
    } finally {
      clearTimeout(timer);
    }
    if (this.joining.get(room) === joined) this.joining.delete(room);
    joined.loaded = true;
    this.rooms.set(room, joined);
    this.interruptRead();
  }

  /**
   * Adds the room's recent writers (but this process) to those `joined` reads: from their
   * stream's last entry while the room is not loaded yet (the load holds everything before), from
   * their start once it is.
   */
  private async learnWriters(room: string, joined: JoinedRoom): Promise<void> {
    const origins = (
      await this.cmd.zrangebyscore(this.key("w", room), Date.now() - WRITER_HORIZON_MS, "+inf")
    ).filter((origin) => origin !== this.origin && ORIGIN.test(origin));
    if (origins.length === 0) return;
    const pipeline = this.cmd.pipeline();
    for (const origin of origins) {
      pipeline.call("XREVRANGE", this.streamKey(room, origin), "+", "-", "COUNT", "1");
    }
    const replies = (await pipeline.exec()) ?? [];
    let added = false;
    origins.forEach((origin, index) => {
      if (joined.writers.has(origin)) return;
      const [error, last] = replies[index] ?? [null, null];
      const lastId = (!error && (last as Array<[string, unknown]> | null)?.[0]?.[0]) || "0-0";
      joined.writers.set(origin, joined.loaded ? "0-0" : lastId);
      added = true;
    });
    if (added && this.rooms.get(room) === joined) this.interruptRead();
  }

  /** `origin` announced itself as a writer of `room`: its stream is read from the start. */
  private addWriter(room: string, origin: string): void {
    const joined = this.rooms.get(room) ?? this.joining.get(room);
    if (!joined || joined.writers.has(origin)) return;
    joined.writers.set(origin, "0-0");
    if (this.rooms.get(room) === joined) this.interruptRead();
  }

  leave(room: string): void {
    this.announced.delete(room);
    if (!this.rooms.delete(room)) return;
    this.sub.unsubscribe(this.key("a", room)).catch(() => undefined);
    this.interruptRead();
  }

  publish(
    room: string,
    updates: readonly SequencedUpdate[],
    bindings: readonly BoundClient[],
  ): void {
    if (this.options.skipPublish || this.closed || updates.length === 0) return;
    const stream = this.streamKey(room, this.origin);
    const maxLen = String(this.options.streamMaxLen ?? 1000);
    const now = Date.now();
    const announce =
      now - (this.announced.get(room) ?? Number.NEGATIVE_INFINITY) >= ANNOUNCE_EVERY_MS;
    if (announce) this.announced.set(room, now);
    const pipeline = this.cmd.pipeline();
    if (announce) {
      // In the set before the first entry: a process that joins now finds this stream.
      const writers = this.key("w", room);
      pipeline.zadd(writers, now, this.origin);
      pipeline.zremrangebyscore(writers, "-inf", now - WRITER_HORIZON_MS);
      pipeline.pexpire(writers, WRITER_KEYS_TTL_MS);
    }
    updates.forEach(({ seq, update }, index) => {
      const fields: Array<string | Buffer> = ["s", String(seq), "u", Buffer.from(update)];
      if (index === 0 && bindings.length > 0) fields.push("b", JSON.stringify(bindings));
      pipeline.call("XADD", stream, "MAXLEN", "~", maxLen, "*", ...fields);
    });
    if (announce) {
      pipeline.pexpire(stream, WRITER_KEYS_TTL_MS);
      // After the entries: the readers already in the room read this stream from its start.
      pipeline.publish(this.key("a", room), JSON.stringify({ o: this.origin, w: 1 }));
    }
    pipeline.exec().catch((error: unknown) => {
      if (announce) this.announced.delete(room);
      this.options.logger.warn(
        { room, err: error },
        "publishing to redis failed (others catch up)",
      );
    });
  }

  publishAwareness(room: string, update: Uint8Array, claims: readonly AwarenessClaim[]): void {
    if (this.closed) return;
    const c: Record<string, string> = {};
    for (const { client, principal } of claims) c[String(client)] = principal;
    const message = JSON.stringify({
      o: this.origin,
      u: Buffer.from(update).toString("base64"),
      c,
    });
    this.cmd.publish(this.key("a", room), message).catch(() => undefined);
  }

  queryAwareness(room: string): void {
    if (this.closed) return;
    this.cmd
      .publish(this.key("a", room), JSON.stringify({ o: this.origin, q: 1 }))
      .catch(() => undefined);
  }

  /** Tells every other process (best effort). */
  publishControl(message: ControlMessage): void {
    if (this.closed) return;
    const payload = JSON.stringify({ o: this.origin, ...message });
    this.cmd.publish(this.key("control"), payload).catch((error: unknown) => {
      this.options.logger.error({ err: error, message }, "publishing a control message failed");
    });
  }

  /** Control messages of the other processes. */
  onControl(handler: (message: ControlMessage) => void): void {
    this.controlHandlers.push(handler);
  }

  /**
   * Called whenever the subscription connection is back after a loss (control messages
   * published meanwhile were dropped by Redis pub/sub).
   */
  onReconnect(handler: () => void): void {
    // Registered once connected: every later "ready" is a reconnect.
    this.sub.on("ready", handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.interruptRead();
    this.wake?.();
    this.reader.disconnect();
    await this.reading.catch(() => undefined);
    await Promise.allSettled([this.cmd.quit(), this.sub.quit()]);
  }

  private onMessage(channel: string, message: Buffer): void {
    let parsed: { o?: unknown; u?: unknown; q?: unknown; w?: unknown; kind?: unknown } & Record<
      string,
      unknown
    >;
    try {
      parsed = JSON.parse(message.toString());
    } catch {
      return;
    }
    if (parsed.o === this.origin) return;
    if (channel === this.key("control")) {
      const control = asControl(parsed);
      if (control) for (const handler of this.controlHandlers) handler(control);
      return;
    }
    const prefix = this.key("a", "");
    if (!channel.startsWith(prefix)) return;
    const room = channel.slice(prefix.length);
    const joined = this.rooms.get(room);
    if (parsed.w === 1) {
      if (typeof parsed.o === "string" && ORIGIN.test(parsed.o)) this.addWriter(room, parsed.o);
      return;
    }
    if (!joined) return;
    if (parsed.q === 1) joined.handler.awarenessQuery();
    else if (typeof parsed.u === "string") {
      joined.handler.awareness(
        new Uint8Array(Buffer.from(parsed.u, "base64")),
        parseAwarenessClaims(parsed.c),
      );
    }
  }

  /** Wakes the blocking read so that it reads the new set of rooms. */
  private interruptRead(): void {
    this.wake?.();
    if (this.readerId !== null && this.cmd.status === "ready") {
      this.cmd.call("CLIENT", "UNBLOCK", String(this.readerId)).catch(() => undefined);
    }
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const streams: ReadStream[] = [];
      for (const [room, joined] of this.rooms) {
        for (const [origin, lastId] of joined.writers) {
          streams.push({ key: this.streamKey(room, origin), room, joined, origin, lastId });
        }
      }
      if (streams.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = null;
        continue;
      }
      let reply: unknown;
      try {
        reply = await this.reader.callBuffer(
          "XREAD",
          "COUNT",
          "1000",
          "BLOCK",
          String(READ_BLOCK_MS),
          "STREAMS",
          ...streams.map((stream) => stream.key),
          ...streams.map((stream) => stream.lastId),
        );
      } catch (error) {
        if (this.closed) return;
        this.options.logger.warn({ err: error }, "reading redis streams failed");
        if (this.reader.status !== "ready") {
          await new Promise<void>((resolve) => {
            this.reader.once("ready", () => resolve());
            this.wake = resolve;
          });
          this.wake = null;
        }
        continue;
      }
      this.deliver(reply, streams);
    }
  }

  /**
   * Hands an XREAD reply's entries to their rooms: each room's in sequence order (its writers'
   * streams interleave), with the bindings they carry.
   */
  private deliver(reply: unknown, streams: readonly ReadStream[]): void {
    if (!Array.isArray(reply)) return;
    const byKey = new Map(streams.map((stream) => [stream.key, stream]));
    const received = new Map<JoinedRoom, { updates: SequencedUpdate[]; bindings: BoundClient[] }>();
    for (const entries of reply) {
      if (!Array.isArray(entries) || entries.length < 2 || !Array.isArray(entries[1])) continue;
      const stream = byKey.get(String(entries[0]));
      // (a room left, or left and joined again, since the read was sent: not for it)
      if (!stream || this.rooms.get(stream.room) !== stream.joined) continue;
      let into = received.get(stream.joined);
      if (!into) {
        into = { updates: [], bindings: [] };
        received.set(stream.joined, into);
      }
      for (const entry of entries[1] as unknown[]) {
        if (!Array.isArray(entry) || !Array.isArray(entry[1])) continue;
        stream.joined.writers.set(stream.origin, String(entry[0]));
        const fields = readFields(entry[1] as unknown[]);
        const seq = Number(fields.get("s")?.toString());
        const update = fields.get("u");
        if (!Number.isSafeInteger(seq) || !update) continue;
        into.updates.push({ seq, update: new Uint8Array(update) });
        const bound = fields.get("b");
        if (bound) into.bindings.push(...parseBindings(bound.toString()));
      }
    }
    for (const [joined, { updates, bindings }] of received) {
      if (updates.length === 0) continue;
      updates.sort((a, b) => a.seq - b.seq);
      joined.handler.committed(updates, bindings);
    }
  }
}

/** One stream a read asks for: a writer of a joined room, from the id read up to. */
interface ReadStream {
  key: string;
  room: string;
  joined: JoinedRoom;
  origin: string;
  lastId: string;
}

function readFields(list: readonly unknown[]): Map<string, Buffer> {
  const fields = new Map<string, Buffer>();
  for (let i = 0; i + 1 < list.length; i += 2) {
    const value = list[i + 1];
    if (Buffer.isBuffer(value)) fields.set(String(list[i]), value);
  }
  return fields;
}

function parseBindings(json: string): BoundClient[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is BoundClient =>
        typeof entry === "object" &&
        entry !== null &&
        Number.isSafeInteger((entry as BoundClient).client) &&
        typeof (entry as BoundClient).principal === "string",
    );
  } catch {
    return [];
  }
}

/**
 * The claims of an awareness message (`{ [clientId]: principalKey }`), off the network: entries
 * that are not a safe non-negative integer id with a non-empty string key are dropped.
 */
export function parseAwarenessClaims(value: unknown): AwarenessClaim[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const claims: AwarenessClaim[] = [];
  for (const [id, principal] of Object.entries(value)) {
    if (!/^\d{1,16}$/.test(id) || typeof principal !== "string" || principal === "") continue;
    const client = Number(id);
    if (Number.isSafeInteger(client)) claims.push({ client, principal });
  }
  return claims;
}

function asControl(parsed: Record<string, unknown>): ControlMessage | null {
  if (parsed.kind === "inviteRevoked" && typeof parsed.inviteId === "string") {
    return { kind: "inviteRevoked", inviteId: parsed.inviteId };
  }
  if (parsed.kind === "frameworkDeleted" && typeof parsed.frameworkId === "string") {
    return { kind: "frameworkDeleted", frameworkId: parsed.frameworkId };
  }
  return null;
}
