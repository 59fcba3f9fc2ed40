/**
 * An in-memory `DocumentStorage` for core unit tests: passes the same contract as SQLite (minus
 * surviving a process restart), and lets a test hold or fail writes to observe the server between
 * "applied" and "durable".
 */
import type {
  DocumentStorage,
  FrameworkRecord,
  StoredRoom,
  UpdateRecord,
} from "./documentStorage.js";

interface RoomData {
  frameworkId: string;
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

export interface MemoryStorageData {
  frameworks: Map<string, FrameworkRecord>;
  rooms: Map<string, RoomData>;
}

export interface MemoryStorage extends DocumentStorage {
  data: MemoryStorageData;
  /** Calls of `loadRoom` so far. */
  loads: number;
  /** If set, each write (append/compact) awaits it first; tests resolve it to let writes through. */
  gate: Promise<void> | null;
  /** If set, the next writes throw it. */
  failWrites: Error | null;
}

export function createMemoryStorage(data?: MemoryStorageData): MemoryStorage {
  const state: MemoryStorageData = data ?? { frameworks: new Map(), rooms: new Map() };
  const room = (name: string, frameworkId: string): RoomData => {
    let entry = state.rooms.get(name);
    if (!entry) {
      entry = { frameworkId, snapshot: null, updates: [] };
      state.rooms.set(name, entry);
    }
    return entry;
  };
  const storage: MemoryStorage = {
    data: state,
    loads: 0,
    gate: null,
    failWrites: null,
    async loadRoom(name): Promise<StoredRoom> {
      storage.loads += 1;
      if (storage.gate) await storage.gate;
      const entry = state.rooms.get(name);
      return { snapshot: entry?.snapshot ?? null, updates: [...(entry?.updates ?? [])] };
    },
    async appendUpdates(updates: readonly UpdateRecord[], at) {
      if (storage.gate) await storage.gate;
      if (storage.failWrites) throw storage.failWrites;
      for (const { room: name, frameworkId, update } of updates) {
        room(name, frameworkId).updates.push(update);
      }
      for (const { frameworkId } of updates) {
        const record = state.frameworks.get(frameworkId);
        if (record) record.updatedAt = at;
      }
    },
    async compactRoom(name, frameworkId, snapshot) {
      if (storage.gate) await storage.gate;
      if (storage.failWrites) throw storage.failWrites;
      const entry = room(name, frameworkId);
      entry.snapshot = snapshot;
      entry.updates = [];
    },
    async deleteRoom(name) {
      state.rooms.delete(name);
    },
    async createFramework(record, initialSnapshot) {
      if (state.frameworks.has(record.id)) throw new Error(`framework ${record.id} exists`);
      state.frameworks.set(record.id, { ...record });
      room(record.id, record.id).snapshot = initialSnapshot;
    },
    async getFramework(id) {
      const record = state.frameworks.get(id);
      return record ? { ...record } : null;
    },
    async listFrameworks() {
      return [...state.frameworks.values()]
        .map((record) => ({ ...record }))
        .sort((a, b) =>
          a.updatedAt === b.updatedAt
            ? a.id.localeCompare(b.id)
            : a.updatedAt < b.updatedAt
              ? 1
              : -1,
        );
    },
    async renameFramework(id, title, at) {
      const record = state.frameworks.get(id);
      if (!record) return null;
      record.title = title;
      record.updatedAt = at;
      return { ...record };
    },
    async deleteFramework(id) {
      const existed = state.frameworks.delete(id);
      for (const [name, entry] of state.rooms) {
        if (entry.frameworkId === id) state.rooms.delete(name);
      }
      return existed;
    },
    async close() {},
  };
  return storage;
}
