/**
 * An in-memory `DocumentStorage` for core unit tests: passes the same contract as SQLite (minus
 * surviving a process restart), and lets a test hold or fail writes to observe the server between
 * "applied" and "durable".
 */
import type {
  AuditRecord,
  DeletionRow,
  DocumentStorage,
  FrameworkRecord,
  InviteRecord,
  MemberIdentity,
  StoredAuditRecord,
  StoredRoom,
  StoredVersion,
  UpdateRecord,
} from "./documentStorage.js";

interface RoomData {
  frameworkId: string;
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Client id → principal key (first binding wins). */
  bindings: Map<number, string>;
  /** Who deleted what first, in stored order. */
  deletions: Array<Pick<DeletionRow, "principal" | "ranges">>;
}

export interface MemoryStorageData {
  frameworks: Map<string, FrameworkRecord>;
  rooms: Map<string, RoomData>;
  invites: Map<string, InviteRecord>;
  audit: StoredAuditRecord[];
  /** Last audit sequence number handed out (never reused, like SQLite's AUTOINCREMENT). */
  auditSeq: number;
  /** frameworkId → principal key → identity. */
  members: Map<string, Map<string, MemberIdentity>>;
  /** Every version, oldest first. */
  versions: StoredVersion[];
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
  const state: MemoryStorageData = data ?? {
    frameworks: new Map(),
    rooms: new Map(),
    invites: new Map(),
    audit: [],
    auditSeq: 0,
    members: new Map(),
    versions: [],
  };
  const room = (name: string, frameworkId: string): RoomData => {
    let entry = state.rooms.get(name);
    if (!entry) {
      entry = { frameworkId, snapshot: null, updates: [], bindings: new Map(), deletions: [] };
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
    async appendUpdates(updates: readonly UpdateRecord[], at, bindings = [], deletions = []) {
      if (storage.gate) await storage.gate;
      if (storage.failWrites) throw storage.failWrites;
      for (const { room: name, frameworkId, update } of updates) {
        room(name, frameworkId).updates.push(update);
      }
      for (const { room: name, frameworkId, client, principal, identity } of bindings) {
        const owners = room(name, frameworkId).bindings;
        if (!owners.has(client)) owners.set(client, principal);
        if (identity) {
          const members = state.members.get(frameworkId) ?? new Map<string, MemberIdentity>();
          members.set(principal, { ...identity });
          state.members.set(frameworkId, members);
        }
      }
      for (const { room: name, frameworkId, principal, ranges } of deletions) {
        room(name, frameworkId).deletions.push({ principal, ranges: ranges.map((r) => [...r]) });
      }
      for (const { frameworkId } of updates) {
        const record = state.frameworks.get(frameworkId);
        if (record) record.updatedAt = at;
      }
    },
    async loadClientBindings(name) {
      const owners = state.rooms.get(name)?.bindings ?? new Map<number, string>();
      return [...owners]
        .map(([client, principal]) => ({ client, principal }))
        .sort((a, b) => a.client - b.client);
    },
    async loadDeletions(name) {
      return (state.rooms.get(name)?.deletions ?? []).map(({ principal, ranges }) => ({
        principal,
        ranges: ranges.map((r) => [...r] as const),
      }));
    },
    async loadMembers(frameworkId) {
      return new Map(state.members.get(frameworkId) ?? []);
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
    async createFramework(record, initialSnapshot, creatorInvite) {
      if (state.frameworks.has(record.id)) throw new Error(`framework ${record.id} exists`);
      if (creatorInvite && state.invites.has(creatorInvite.id)) {
        throw new Error(`invite ${creatorInvite.id} exists`);
      }
      state.frameworks.set(record.id, { ...record });
      room(record.id, record.id).snapshot = initialSnapshot;
      if (creatorInvite) state.invites.set(creatorInvite.id, { ...creatorInvite });
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
      for (const [inviteId, invite] of state.invites) {
        if (invite.frameworkId === id) state.invites.delete(inviteId);
      }
      state.audit = state.audit.filter((row) => row.frameworkId !== id);
      state.members.delete(id);
      state.versions = state.versions.filter((version) => version.frameworkId !== id);
      return existed;
    },
    async createVersion(record, content) {
      if (storage.failWrites) throw storage.failWrites;
      if (!state.frameworks.has(record.frameworkId)) return false;
      if (state.versions.some((v) => v.id === record.id))
        throw new Error(`version ${record.id} exists`);
      state.versions.push({ ...record, content: { ...content } });
      return true;
    },
    async listVersions(frameworkId) {
      return state.versions
        .filter((v) => v.frameworkId === frameworkId)
        .reverse()
        .map(({ content: _content, ...record }) => ({ ...record }));
    },
    async getVersion(frameworkId, id) {
      const found = state.versions.find((v) => v.frameworkId === frameworkId && v.id === id);
      return found ? { ...found, content: { ...found.content } } : null;
    },
    async deleteVersion(frameworkId, id) {
      const before = state.versions.length;
      state.versions = state.versions.filter(
        (v) => !(v.frameworkId === frameworkId && v.id === id),
      );
      return state.versions.length < before;
    },
    async createInvite(invite) {
      if (!state.frameworks.has(invite.frameworkId)) {
        throw new Error(`framework ${invite.frameworkId} does not exist`);
      }
      if (state.invites.has(invite.id)) throw new Error(`invite ${invite.id} exists`);
      state.invites.set(invite.id, { ...invite });
    },
    async getInvite(id) {
      const invite = state.invites.get(id);
      return invite ? { ...invite } : null;
    },
    async listInvites(frameworkId) {
      return [...state.invites.values()]
        .filter((invite) => invite.frameworkId === frameworkId)
        .map((invite) => ({ ...invite }))
        .sort((a, b) =>
          a.createdAt === b.createdAt
            ? b.id.localeCompare(a.id)
            : a.createdAt < b.createdAt
              ? 1
              : -1,
        );
    },
    async revokeInvite(id, at) {
      const invite = state.invites.get(id);
      if (!invite) return null;
      invite.revokedAt ??= at;
      return { ...invite };
    },
    async appendAudit(records: readonly AuditRecord[]) {
      if (storage.failWrites) throw storage.failWrites;
      for (const record of records) {
        state.auditSeq += 1;
        state.audit.push({ ...record, seq: state.auditSeq });
      }
    },
    async listAudit(frameworkId, { limit, before }) {
      return state.audit
        .filter((row) => row.frameworkId === frameworkId && (before === null || row.seq < before))
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit)
        .map((row) => ({ ...row }));
    },
    async close() {},
  };
  return storage;
}
