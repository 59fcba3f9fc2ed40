/**
 * The scale-out's log on PostgreSQL (`RoomLog`, see core/roomLog.ts), on `PgStorage`'s sequenced
 * update log: commits are optimistic on the room's head (`expectHeads`: the transaction is refused
 * if another process appended first), catch-ups read `loadUpdatesSince`, and compaction goes
 * through `compactRoomThrough`, which never deletes past the snapshot's own sequence number nor
 * replaces a newer snapshot.
 */
import type { RoomCatchUp, RoomLog } from "../core/roomLog.js";
import { BindingTakenError, HeadMovedError, type PgStorage } from "../storage/pgStorage.js";

export function pgRoomLog(storage: PgStorage): RoomLog {
  /** The snapshot and the log after it, numbered (the log after a snapshot is contiguous). */
  const loadNumbered = async (room: string): Promise<RoomCatchUp> => {
    const [stored, bindings] = await Promise.all([
      storage.loadRoomWithHead(room),
      storage.loadClientBindings(room),
    ]);
    const upto = stored.head - stored.updates.length;
    return {
      snapshot: stored.snapshot ? { update: stored.snapshot, upto } : null,
      updates: stored.updates.map((update, index) => ({ seq: upto + 1 + index, update })),
      bindings,
    };
  };
  return {
    async loadRoom(room) {
      const stored = await storage.loadRoomWithHead(room);
      return { snapshot: stored.snapshot, updates: stored.updates, seq: stored.head };
    },
    async commit(room, frameworkId, after, updates, at, bindings, deletions) {
      try {
        const { seqs } = await storage.appendSequenced(
          updates.map((update) => ({ room, frameworkId, update })),
          at,
          bindings,
          { expectHeads: [{ room, head: after }], deletions, exclusiveBindings: true },
        );
        return seqs[seqs.length - 1] ?? after;
      } catch (error) {
        // A client id bound meanwhile by another process's commit is a lost race as well: the
        // room catches up (with the binding) and validates its batch again.
        if (error instanceof HeadMovedError || error instanceof BindingTakenError) return null;
        throw error;
      }
    },
    heads(rooms) {
      return storage.roomHeads(rooms);
    },
    async since(room, after) {
      const found = await storage.loadUpdatesSince(room, after);
      if (found.kind === "compacted") return loadNumbered(room);
      const bindings = await storage.loadClientBindings(room);
      return { snapshot: null, updates: found.updates, bindings };
    },
    compact(room, frameworkId, snapshot, upto) {
      return storage.compactRoomThrough(room, frameworkId, snapshot, { through: upto });
    },
  };
}
