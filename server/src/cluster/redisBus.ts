/**
 * The scale-out's bus on Redis (`RoomBus`, see core/roomLog.ts), with `ioredis`:
 * - committed updates: one Redis STREAM per room (`<prefix>u:<room>`, trimmed to about
 *   `streamMaxLen` entries), read with XREAD by every process that has the room loaded. Streams,
 *   not pub/sub: a lagging reader catches up instead of losing messages. Each entry carries the
 *   update's sequence number, so a reader sees a gap and catches up from PostgreSQL.
 * - presence: pub/sub per room (`<prefix>a:<room>`). Ephemeral by nature: never stored. Each
 *   message says who claims its client ids (`c`: client id → principal key).
 * - control (an invite revoked, a framework deleted): pub/sub on `<prefix>control`.
 * Redis holds nothing that matters: after a reconnect every room catches up from PostgreSQL.
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
  /** The stream id read up to. */
  lastId: string;
}

/** Longest a blocking read waits before it looks at the set of rooms again (ms). */
const READ_BLOCK_MS = 2000;
/** Longest a room's load waits for Redis to answer its join (ms); then it loads without. */
const JOIN_WAIT_MS = 2000;

export class RedisBus implements RoomBus {
  /** This process on the bus: its own messages are not delivered back to it. */
  readonly origin = randomUUID();
  private readonly rooms = new Map<string, JoinedRoom>();
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

  private key(kind: "u" | "a" | "control", room = ""): string {
    return kind === "control"
      ? `${this.options.prefix}control`
      : `${this.options.prefix}${kind}:${room}`;
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
      for (const room of this.rooms.values()) room.handler.resync();
    });
    this.reading = this.readLoop();
  }

  async join(room: string, handler: RoomBusHandler): Promise<void> {
    let lastId = "0-0";
    if (this.cmd.status !== "ready" || this.sub.status !== "ready") {
      // Redis down: commands would wait in ioredis's queue until it is back, and the room with
      // them. Load now; the subscription is sent on reconnect, and the reader reads the stream
      // from its start (entries the room holds already are skipped by their seq).
      this.options.logger.warn({ room }, "joining the room while redis is down");
      this.sub.subscribe(this.key("a", room)).catch(() => undefined);
      this.rooms.set(room, { handler, lastId });
      this.interruptRead();
      return;
    }
    const joining = (async () => {
      const last = (await this.cmd.call(
        "XREVRANGE",
        this.key("u", room),
        "+",
        "-",
        "COUNT",
        "1",
      )) as Array<[string, unknown]> | null;
      await this.sub.subscribe(this.key("a", room));
      return last?.[0]?.[0] ?? "0-0";
    })();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.options.joinWaitMs ?? JOIN_WAIT_MS);
    });
    try {
      const outcome = await Promise.race([joining, waited]);
      if (outcome === "timeout") {
        // Redis hangs (or went down after the check above): the room loads without waiting; the
        // subscription completes when Redis answers, and the reader reads the stream from its
        // start (entries the room holds already are skipped by their seq).
        this.options.logger.warn({ room }, "redis did not answer the join in time");
        joining.catch(() => undefined);
      } else {
        lastId = outcome;
      }
    } catch (error) {
      // Redis down: the room still loads; it catches up from the log until Redis is back.
      this.options.logger.warn({ room, err: error }, "joining the room on redis failed");
    } finally {
      clearTimeout(timer);
    }
    this.rooms.set(room, { handler, lastId });
    this.interruptRead();
  }

  leave(room: string): void {
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
    const key = this.key("u", room);
    const maxLen = String(this.options.streamMaxLen ?? 1000);
    const pipeline = this.cmd.pipeline();
    updates.forEach(({ seq, update }, index) => {
      const fields: Array<string | Buffer> = [
        "o",
        this.origin,
        "s",
        String(seq),
        "u",
        Buffer.from(update),
      ];
      if (index === 0 && bindings.length > 0) fields.push("b", JSON.stringify(bindings));
      pipeline.call("XADD", key, "MAXLEN", "~", maxLen, "*", ...fields);
    });
    pipeline.exec().catch((error: unknown) => {
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
    let parsed: { o?: unknown; u?: unknown; q?: unknown; kind?: unknown } & Record<string, unknown>;
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
    const joined = this.rooms.get(channel.slice(prefix.length));
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
      const rooms = [...this.rooms.entries()];
      if (rooms.length === 0) {
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
          ...rooms.map(([room]) => this.key("u", room)),
          ...rooms.map(([, joined]) => joined.lastId),
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
      this.deliver(reply);
    }
  }

  /** Hands an XREAD reply's entries to their rooms, in order. */
  private deliver(reply: unknown): void {
    if (!Array.isArray(reply)) return;
    const prefix = this.key("u", "");
    for (const stream of reply) {
      if (!Array.isArray(stream) || stream.length < 2) continue;
      const key = String(stream[0]);
      const joined = this.rooms.get(key.slice(prefix.length));
      if (!joined || !Array.isArray(stream[1])) continue;
      const updates: SequencedUpdate[] = [];
      const bindings: BoundClient[] = [];
      for (const entry of stream[1] as unknown[]) {
        if (!Array.isArray(entry) || !Array.isArray(entry[1])) continue;
        joined.lastId = String(entry[0]);
        const fields = readFields(entry[1] as unknown[]);
        if (fields.get("o")?.toString() === this.origin) continue;
        const seq = Number(fields.get("s")?.toString());
        const update = fields.get("u");
        if (!Number.isSafeInteger(seq) || !update) continue;
        updates.push({ seq, update: new Uint8Array(update) });
        const bound = fields.get("b");
        if (bound) bindings.push(...parseBindings(bound.toString()));
      }
      if (updates.length > 0) joined.handler.committed(updates, bindings);
    }
  }
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
