import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from "../test/pgTestDatabase.js";
import { describeStorageContract, type StorageFactory } from "../test/storageContract.js";
import { describeVersionsContract } from "../test/versionsContract.js";
import { migrate } from "./pgMigrate.js";
import { connectPgPool } from "./pgPool.js";
import { MIGRATIONS } from "./pgSchema.js";
import { FencedError, openPgStorage, type PgStorage } from "./pgStorage.js";

let schema: TestSchema | undefined;

const factory: StorageFactory = {
  async create() {
    schema = await createTestSchema();
    return openPgStorage({ url: schema.url, schema: schema.schema, max: 4 });
  },
  async reopen() {
    return openPgStorage({ url: schema!.url, schema: schema!.schema, max: 4 });
  },
  async cleanup() {
    await schema?.drop();
    schema = undefined;
  },
};

describeStorageContract("PostgreSQL", factory);
describeVersionsContract("PostgreSQL", factory);

const AT = "2026-02-02T00:00:00.000Z";
const FW = "fw-aaaaaa";

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

/** Two storages (two pools, as two processes would have) on one fresh schema. */
describe("PostgreSQL storage for several processes", () => {
  let own: TestSchema;
  let a: PgStorage;
  let b: PgStorage;
  beforeAll(async () => {
    own = await createTestSchema();
    a = await openPgStorage({ url: own.url, schema: own.schema, max: 4 });
    b = await openPgStorage({ url: own.url, schema: own.schema, max: 4 });
    await a.createFramework(
      { id: FW, title: "Shared", createdAt: AT, updatedAt: AT },
      Y.encodeStateAsUpdate(new Y.Doc()),
    );
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await own?.drop();
  });

  it("migrating again changes nothing", async () => {
    const pool = await connectPgPool({ url: own.url, schema: own.schema, max: 1 });
    try {
      expect(await migrate(pool)).toEqual({ applied: [], version: MIGRATIONS.length });
      expect(await migrate(pool)).toEqual({ applied: [], version: MIGRATIONS.length });
    } finally {
      await pool.end();
    }
  });

  it("numbers each room's updates 1, 2, 3… across processes, and catches up by number", async () => {
    const room = `${FW}/seq`;
    const doc = new Y.Doc();
    const first = await a.appendSequenced(
      [
        { room, frameworkId: FW, update: textUpdate(doc, "a") },
        { room: `${FW}/other`, frameworkId: FW, update: textUpdate(new Y.Doc(), "z") },
        { room, frameworkId: FW, update: textUpdate(doc, "b") },
      ],
      AT,
    );
    expect(first.seqs).toEqual([1, 1, 2]);
    // Two processes appending to one room at once: every number once, none skipped.
    const writes = [];
    for (let i = 0; i < 20; i++) {
      const storage = i % 2 === 0 ? a : b;
      writes.push(
        storage.appendSequenced([{ room, frameworkId: FW, update: textUpdate(doc, "c") }], AT),
      );
    }
    const seqs = (await Promise.all(writes)).flatMap((r) => r.seqs).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    expect(await b.roomHead(room)).toBe(22);

    const since = await b.loadUpdatesSince(room, 20);
    expect(since.kind).toBe("updates");
    if (since.kind !== "updates") return;
    expect(since.head).toBe(22);
    expect(since.updates.map((u) => u.seq)).toEqual([21, 22]);
    const all = await b.loadUpdatesSince(room, 0);
    expect(all.kind === "updates" && all.updates.map((u) => u.seq)).toEqual(
      Array.from({ length: 22 }, (_, i) => i + 1),
    );
    const loaded = await b.loadRoomWithHead(room);
    expect(loaded.head).toBe(22);
    expect(textOf(loaded.snapshot, loaded.updates)).toBe(`ab${"c".repeat(20)}`);
  });

  it("compacts through a number: keeps later updates, never goes back, numbers keep rising", async () => {
    const room = `${FW}/compact`;
    const doc = new Y.Doc();
    const appended = await a.appendSequenced(
      ["a", "b", "c"].map((t) => ({ room, frameworkId: FW, update: textUpdate(doc, t) })),
      AT,
    );
    expect(appended.seqs).toEqual([1, 2, 3]);
    const snapshotAt2 = new Y.Doc();
    Y.applyUpdate(snapshotAt2, (await a.loadRoom(room)).updates[0]!);
    Y.applyUpdate(snapshotAt2, (await a.loadRoom(room)).updates[1]!);
    expect(
      await a.compactRoomThrough(room, FW, Y.encodeStateAsUpdate(snapshotAt2), { through: 2 }),
    ).toBe(true);
    const loaded = await b.loadRoomWithHead(room);
    expect(loaded.updates).toHaveLength(1);
    expect(loaded.head).toBe(3);
    expect(textOf(loaded.snapshot, loaded.updates)).toBe("abc");
    // A process that followed up to 1 must load the snapshot; one at 2 can catch up from the log.
    expect(await b.loadUpdatesSince(room, 1)).toEqual({ kind: "compacted", snapshotSeq: 2 });
    const since2 = await b.loadUpdatesSince(room, 2);
    expect(since2.kind === "updates" && since2.updates.map((u) => u.seq)).toEqual([3]);
    // Another process's older compaction does not replace the newer snapshot.
    await a.compactRoomThrough(room, FW, Y.encodeStateAsUpdate(doc), { through: 3 });
    expect(
      await b.compactRoomThrough(room, FW, Y.encodeStateAsUpdate(snapshotAt2), { through: 2 }),
    ).toBe(false);
    const after = await b.loadRoomWithHead(room);
    expect(textOf(after.snapshot, after.updates)).toBe("abc");
    expect(after.updates).toEqual([]);
    await expect(
      a.compactRoomThrough(room, FW, Y.encodeStateAsUpdate(doc), { through: 99 }),
    ).rejects.toThrow(/cannot compact through 99/);
    // Numbers never restart, not after compaction, not after the room is deleted.
    await a.deleteRoom(room);
    const again = await b.appendSequenced(
      [{ room, frameworkId: FW, update: textUpdate(new Y.Doc(), "x") }],
      AT,
    );
    expect(again.seqs).toEqual([4]);
  });

  it("refuses a write under an older epoch than the room's fence, storing nothing", async () => {
    const room = `${FW}/fenced`;
    const doc = new Y.Doc();
    const first = await a.appendSequenced(
      [{ room, frameworkId: FW, update: textUpdate(doc, "a") }],
      AT,
      [],
      { fences: [{ room, epoch: 1 }] },
    );
    expect(first.seqs).toEqual([1]);
    // Process B takes the room over with epoch 2; A (paused, then resumed) still thinks it owns it.
    expect(await b.claimFence({ room, epoch: 2 })).toBe(true);
    const stale = a.appendSequenced(
      [{ room, frameworkId: FW, update: textUpdate(doc, "stale") }],
      AT,
      [{ room, frameworkId: FW, client: 99, principal: "m-stale" }],
      { fences: [{ room, epoch: 1 }] },
    );
    await expect(stale).rejects.toBeInstanceOf(FencedError);
    await expect(
      a.compactRoomThrough(room, FW, Y.encodeStateAsUpdate(doc), { fence: { room, epoch: 1 } }),
    ).rejects.toBeInstanceOf(FencedError);
    expect(await a.claimFence({ room, epoch: 1 })).toBe(false);
    const loaded = await b.loadRoomWithHead(room);
    expect(textOf(loaded.snapshot, loaded.updates)).toBe("a");
    expect(loaded.head).toBe(1);
    expect(await b.loadClientBindings(room)).toEqual([]);
    const ok = await b.appendSequenced(
      [{ room, frameworkId: FW, update: textUpdate(new Y.Doc(), "b") }],
      AT,
      [],
      { fences: [{ room, epoch: 2 }] },
    );
    expect(ok.seqs).toEqual([2]);
  });

  it("shares one setting (the signing secret) between processes: the first one stored wins", async () => {
    const [first, second] = await Promise.all([
      a.sharedSetting("test-secret", "from-a"),
      b.sharedSetting("test-secret", "from-b"),
    ]);
    expect(first).toBe(second);
    expect(await b.sharedSetting("test-secret", "later")).toBe(first);
  });

  it("stores hostile names and values as data: quotes, SQL, NUL, a 4 MiB update", async () => {
    const hostile = `${FW}/'); DROP TABLE frameworks; --`;
    const big = new Y.Doc();
    const update = textUpdate(big, "x".repeat(4 * 1024 * 1024));
    const appended = await a.appendSequenced([{ room: hostile, frameworkId: FW, update }], AT, [
      { room: hostile, frameworkId: FW, client: 4294967295, principal: "p\u0000'--" },
    ]);
    expect(appended.seqs).toEqual([1]);
    const loaded = await b.loadRoom(hostile);
    expect(Buffer.from(loaded.updates[0]!).equals(Buffer.from(update))).toBe(true);
    expect(await b.loadClientBindings(hostile)).toEqual([
      { client: 4294967295, principal: "p\uFFFD'--" },
    ]);
    expect(await b.getFramework(FW)).toMatchObject({ title: "Shared" });
    // Several updates of one room go as one bytea[] parameter: every byte value survives it.
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
    const run = await a.appendSequenced(
      [0, 1, 2].map(() => ({ room: hostile, frameworkId: FW, update: everyByte })),
      AT,
    );
    expect(run.seqs).toEqual([2, 3, 4]);
    const since = await b.loadUpdatesSince(hostile, 1);
    expect(since.kind === "updates" && since.updates.map((u) => [...u.update])).toEqual([
      [...everyByte],
      [...everyByte],
      [...everyByte],
    ]);
    await a.renameFramework(FW, "Robert'); DROP TABLE invites;--\u0000", AT);
    expect((await b.getFramework(FW))?.title).toBe("Robert'); DROP TABLE invites;--\uFFFD");
  });
});

describe("PostgreSQL connection errors", () => {
  it("an unreachable server is a clear error", async () => {
    await expect(
      openPgStorage({ url: "postgres://root@127.0.0.1:1/test", connectTimeoutMs: 2000 }),
    ).rejects.toThrow(/cannot reach PostgreSQL at postgres:\/\/root@127\.0\.0\.1:1\/test/);
  });

  it("a URL that is not postgres:// is refused before any connection, password not echoed", async () => {
    await expect(openPgStorage({ url: "mysql://u:hunter2@db/x" })).rejects.toThrow(
      /must start with postgres:\/\//,
    );
    await expect(openPgStorage({ url: "not a url" })).rejects.toThrow(/must be a URL/);
    await expect(
      openPgStorage({ url: "postgres://root:hunter2@127.0.0.1:1/test", connectTimeoutMs: 2000 }),
    ).rejects.toThrow(/postgres:\/\/root:\*\*\*@127\.0\.0\.1:1\/test/);
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    await expect(
      openPgStorage({ url: "postgres://root@127.0.0.1:5432/test", schema: "x; DROP SCHEMA y" }),
    ).rejects.toThrow(/invalid schema name/);
  });
});

describe("PostgreSQL connection pool", () => {
  it("keeps idle connections open: reopening one while people type stalled commits", async () => {
    // Only the pool's timers are fake (its idle timeout is one); sockets stay real.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const pool = await connectPgPool({ url: TEST_DATABASE_URL, max: 3 });
    try {
      // Two queries at once: two connections, both idle once they answer.
      await Promise.all([pool.query("SELECT pg_sleep(0.05)"), pool.query("SELECT pg_sleep(0.05)")]);
      expect(pool.totalCount).toBe(2);
      expect(pool.idleCount).toBe(2);
      vi.advanceTimersByTime(60 * 60_000);
      expect(pool.totalCount).toBe(2);
      expect(pool.idleCount).toBe(2);
    } finally {
      vi.useRealTimers();
      await pool.end();
    }
  });
});

describe("PostgreSQL appendUpdates in one statement", () => {
  let own: TestSchema;
  let storage: PgStorage;
  beforeAll(async () => {
    own = await createTestSchema();
    storage = await openPgStorage({ url: own.url, schema: own.schema, max: 2 });
  });
  afterAll(async () => {
    await storage?.close();
    await own?.drop();
  });

  it("numbers interleaved rooms like the transaction path, after what is there", async () => {
    const doc = new Y.Doc();
    const other = new Y.Doc();
    await storage.appendSequenced(
      [{ room: "r-a", frameworkId: "r-a", update: textUpdate(doc, "1") }],
      AT,
    );
    await storage.appendUpdates(
      [
        { room: "r-a", frameworkId: "r-a", update: textUpdate(doc, "2") },
        { room: "r-b", frameworkId: "r-b", update: textUpdate(other, "x") },
        { room: "r-a", frameworkId: "r-a", update: textUpdate(doc, "3") },
      ],
      AT,
    );
    const a = await storage.loadUpdatesSince("r-a", 0);
    expect(a.kind === "updates" && a.updates.map((u) => u.seq)).toEqual([1, 2, 3]);
    expect(await storage.roomHead("r-b")).toBe(1);
    const loaded = await storage.loadRoom("r-a");
    expect(textOf(loaded.snapshot, loaded.updates)).toBe("123");
    // every room's head in one read; a room that has none reads 0
    expect(await storage.roomHeads(["r-a", "r-b", "r-none"])).toEqual(
      new Map([
        ["r-a", 3],
        ["r-b", 1],
        ["r-none", 0],
      ]),
    );
    expect(await storage.roomHeads([])).toEqual(new Map());
  });

  it("stores nothing when one update fails (the statement is its own transaction)", async () => {
    const doc = new Y.Doc();
    const head = await storage.roomHead("r-a");
    // A row in the way of the batch's second number: that row fails, so the whole batch must.
    await storage.pool.query(
      "INSERT INTO room_updates (room, seq, framework_id, data) VALUES ($1, $2, $1, $3)",
      ["r-a", head + 2, Buffer.from([0])],
    );
    await expect(
      storage.appendUpdates(
        [
          { room: "r-b", frameworkId: "r-b", update: textUpdate(doc, "b") },
          { room: "r-a", frameworkId: "r-a", update: textUpdate(doc, "first") },
          { room: "r-a", frameworkId: "r-a", update: textUpdate(doc, "second") },
        ],
        AT,
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await storage.roomHead("r-a")).toBe(head);
    expect(await storage.roomHead("r-b")).toBe(1);
    const since = await storage.loadUpdatesSince("r-a", head);
    expect(since.kind === "updates" && since.updates.map((u) => u.seq)).toEqual([head + 2]);
  });
});
