/**
 * The scale-out's log and bus in memory, for core tests of several room managers in one process:
 * `MemoryRoomLog` keeps each room's sequenced log (optimistic commits on the head and on client id
 * bindings, compaction up to a sequence number), `MemoryBusHub` connects the managers' buses. The hub delivers only when
 * the test says (`deliver`), and can drop what one bus publishes (a process that died before
 * publishing).
 */
import type {
  AwarenessClaim,
  BoundClient,
  RoomBus,
  RoomBusHandler,
  RoomCatchUp,
  RoomLog,
  SequencedRoom,
  SequencedUpdate,
} from "../core/roomLog.js";

interface LoggedRoom {
  snapshot: Uint8Array | null;
  upto: number;
  updates: SequencedUpdate[];
  head: number;
  bindings: BoundClient[];
}

export class MemoryRoomLog implements RoomLog {
  readonly rooms = new Map<string, LoggedRoom>();
  conflicts = 0;

  private room(name: string): LoggedRoom {
    let room = this.rooms.get(name);
    if (!room) {
      room = { snapshot: null, upto: 0, updates: [], head: 0, bindings: [] };
      this.rooms.set(name, room);
    }
    return room;
  }

  async loadRoom(name: string): Promise<SequencedRoom> {
    const room = this.room(name);
    return {
      snapshot: room.snapshot,
      updates: room.updates.map((entry) => entry.update),
      seq: room.head,
    };
  }

  async commit(
    name: string,
    _frameworkId: string,
    after: number,
    updates: readonly Uint8Array[],
    _at: string,
    bindings: ReadonlyArray<{ client: number; principal: string }>,
  ): Promise<number | null> {
    const room = this.room(name);
    // A client id bound to another principal refuses the commit, as in cluster/pgRoomLog.ts.
    const taken = bindings.some(({ client, principal }) =>
      room.bindings.some((bound) => bound.client === client && bound.principal !== principal),
    );
    if (room.head !== after || taken) {
      this.conflicts += 1;
      return null;
    }
    for (const update of updates) room.updates.push({ seq: ++room.head, update });
    for (const { client, principal } of bindings) {
      if (!room.bindings.some((bound) => bound.client === client)) {
        room.bindings.push({ client, principal });
      }
    }
    return room.head;
  }

  /** How many times `heads` was read. */
  headReads = 0;

  async heads(names: readonly string[]): Promise<Map<string, number>> {
    this.headReads += 1;
    return new Map(names.map((name) => [name, this.rooms.get(name)?.head ?? 0]));
  }

  /** How many catch-ups read the log. */
  sinceReads = 0;

  async since(name: string, after: number): Promise<RoomCatchUp> {
    this.sinceReads += 1;
    const room = this.room(name);
    const snapshot =
      room.snapshot && room.upto > after ? { update: room.snapshot, upto: room.upto } : null;
    const from = snapshot ? snapshot.upto : after;
    return {
      snapshot,
      updates: room.updates.filter((entry) => entry.seq > from),
      bindings: [...room.bindings],
    };
  }

  async compact(
    name: string,
    _frameworkId: string,
    snapshot: Uint8Array,
    upto: number,
  ): Promise<boolean> {
    const room = this.room(name);
    if (room.snapshot && room.upto > upto) return false;
    room.snapshot = snapshot;
    room.upto = upto;
    room.updates = room.updates.filter((entry) => entry.seq > upto);
    return true;
  }
}

type Message =
  | { kind: "committed"; updates: readonly SequencedUpdate[]; bindings: readonly BoundClient[] }
  | { kind: "awareness"; update: Uint8Array; claims: readonly AwarenessClaim[] }
  | { kind: "query" };

export class MemoryBusHub {
  private readonly members = new Set<MemoryBus>();
  private queue: Array<{ from: MemoryBus; room: string; message: Message }> = [];

  bus(): MemoryBus {
    const bus = new MemoryBus(this);
    this.members.add(bus);
    return bus;
  }

  send(from: MemoryBus, room: string, message: Message): void {
    if (from.dropPublishes && message.kind === "committed") return;
    this.queue.push({ from, room, message });
  }

  /** Delivers everything sent so far (and what that causes), in order. */
  deliver(): void {
    while (this.queue.length > 0) {
      const { from, room, message } = this.queue.shift()!;
      for (const member of this.members) {
        if (member === from) continue;
        const handler = member.handlers.get(room);
        if (!handler) continue;
        if (message.kind === "committed") handler.committed(message.updates, message.bindings);
        else if (message.kind === "awareness") handler.awareness(message.update, message.claims);
        else handler.awarenessQuery();
      }
    }
  }
}

export class MemoryBus implements RoomBus {
  readonly handlers = new Map<string, RoomBusHandler>();
  /** Commits of this bus's process are never published (it "died" in between). */
  dropPublishes = false;

  constructor(private readonly hub: MemoryBusHub) {}

  async join(room: string, handler: RoomBusHandler): Promise<void> {
    this.handlers.set(room, handler);
  }

  leave(room: string): void {
    this.handlers.delete(room);
  }

  publish(
    room: string,
    updates: readonly SequencedUpdate[],
    bindings: readonly BoundClient[],
  ): void {
    this.hub.send(this, room, { kind: "committed", updates, bindings });
  }

  publishAwareness(room: string, update: Uint8Array, claims: readonly AwarenessClaim[]): void {
    this.hub.send(this, room, { kind: "awareness", update, claims });
  }

  queryAwareness(room: string): void {
    this.hub.send(this, room, { kind: "query" });
  }
}
