import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { describeStorageContract, type StorageFactory } from "../test/storageContract.js";
import { describeVersionsContract } from "../test/versionsContract.js";
import { openSqliteStorage, type SqliteOptions, type SqliteStorage } from "./sqliteStorage.js";

let dir = "";

const factory: StorageFactory = {
  async create() {
    dir = mkdtempSync(join(tmpdir(), "parley-sqlite-"));
    return openSqliteStorage(join(dir, "parley.sqlite"));
  },
  async reopen() {
    return openSqliteStorage(join(dir, "parley.sqlite"));
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
};

describeStorageContract("SQLite", factory);
describeVersionsContract("SQLite", factory);

const ROOM = "fw-aaaaaa";
const AT = "2026-02-02T00:00:00.000Z";

interface FileFixture {
  storage: SqliteStorage;
  file: string;
  walSize(): number;
  /** Commits one update that appends `bytes` characters to the room's text. */
  append(bytes: number): Promise<void>;
  doc: Y.Doc;
}

/** A database file in a fresh folder with one framework `ROOM`; closed and removed afterwards. */
async function withDatabaseFile(
  options: SqliteOptions,
  test: (fixture: FileFixture) => Promise<void>,
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "parley-sqlite-file-"));
  const file = join(folder, "parley.sqlite");
  const storage = openSqliteStorage(file, options);
  const doc = new Y.Doc();
  try {
    await storage.createFramework(
      { id: ROOM, title: "File", createdAt: AT, updatedAt: AT },
      Y.encodeStateAsUpdate(new Y.Doc()),
    );
    await test({
      storage,
      file,
      doc,
      walSize: () => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0,
      append: async (bytes) => {
        const before = Y.encodeStateVector(doc);
        doc.getText("t").insert(0, "x".repeat(bytes));
        const update = Y.encodeStateAsUpdate(doc, before);
        await storage.appendUpdates([{ room: ROOM, frameworkId: ROOM, update }], AT);
      },
    });
  } finally {
    await storage.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

describe("SQLite file size", () => {
  it("gives the space of a compacted log back (WAL truncated, free pages vacuumed)", async () => {
    await withDatabaseFile({}, async ({ storage, file, walSize, doc }) => {
      const sizeOnDisk = () => statSync(file).size + walSize();
      const text = doc.getText("t");
      for (let batch = 0; batch < 100; batch++) {
        const updates = [];
        for (let i = 0; i < 25; i++) {
          const before = Y.encodeStateVector(doc);
          text.insert(0, `${batch}-${i}-`.padEnd(2000, "z"));
          text.delete(0, 2000);
          updates.push({
            room: ROOM,
            frameworkId: ROOM,
            update: Y.encodeStateAsUpdate(doc, before),
          });
        }
        await storage.appendUpdates(updates, AT);
      }
      const beforeCompaction = sizeOnDisk();
      await storage.compactRoom(ROOM, ROOM, Y.encodeStateAsUpdate(doc));
      // The worker's next checkpoint copies the WAL; the next commit starts it over, truncated.
      await storage.checkpointWal();
      await storage.renameFramework(ROOM, "File, compacted", AT);
      expect(sizeOnDisk()).toBeLessThan(beforeCompaction / 4);
      expect((await storage.loadRoom(ROOM)).updates).toEqual([]);
    });
  });
});

describe("SQLite WAL checkpoints", () => {
  it("are run by the worker: the server's connection never checkpoints inside a commit", async () => {
    // Only the explicit checkpoints below run (the periodic one is an hour away).
    await withDatabaseFile(
      { checkpointIntervalMs: 3_600_000 },
      async ({ storage, walSize, append }) => {
        for (let i = 0; i < 500; i++) await append(4000);
        // SQLite's automatic checkpoint would have started the WAL over at 1,000 pages (4 KiB
        // each): it kept growing past that.
        expect(walSize()).toBeGreaterThan(1500 * 4096);

        const result = await storage.checkpointWal();
        expect(result).not.toBeNull();
        expect(result?.log).toBeGreaterThan(1500);
        expect(result?.checkpointed).toBe(result?.log);
        // Everything was copied: the next commit starts the WAL over, truncated to 256 KiB.
        await append(4000);
        expect(walSize()).toBeLessThanOrEqual(256 * 1024);
        expect((await storage.loadRoom(ROOM)).updates).toHaveLength(501);
      },
    );
  });

  it("once commits pause, are run by the worker on its own", async () => {
    await withDatabaseFile(
      { checkpointIntervalMs: 20 },
      async ({ storage, file, walSize, append }) => {
        for (let i = 0; i < 100; i++) await append(2000);
        expect(walSize()).toBeGreaterThan(256 * 1024);
        expect(statSync(file).size).toBeLessThan(100 * 1024);
        // Commits pause (100 ms between these probes, five of the worker's intervals): the worker
        // copies the WAL into the database on its own, and the next commit starts the WAL over,
        // truncated to 256 KiB. (A commit during a checkpoint only delays it by an interval.)
        await vi.waitFor(
          async () => {
            await append(10);
            expect(walSize()).toBeLessThanOrEqual(256 * 1024);
          },
          { timeout: 10_000, interval: 100 },
        );
        expect(statSync(file).size).toBeGreaterThan(200 * 1024);
        expect((await storage.loadRoom(ROOM)).updates.length).toBeGreaterThan(100);
      },
    );
  });
});

describe("SQLite writes while another connection holds the write lock", () => {
  /**
   * Holds the database's write lock from a worker thread for `ms`; resolves once it holds it, with
   * a promise of its release (wrapped: an async function would otherwise wait for it).
   */
  async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
    const worker = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       const db = new (require(workerData.driver))(workerData.file);
       db.exec("BEGIN IMMEDIATE");
       parentPort.postMessage("locked");
       setTimeout(() => { db.exec("COMMIT"); db.close(); parentPort.postMessage("released"); }, workerData.ms);`,
      {
        eval: true,
        workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), file, ms },
      },
    );
    const released = new Promise<void>((resolve) => {
      worker.on("message", (message) => {
        if (message === "released") void worker.terminate().then(() => resolve());
      });
    });
    await new Promise<void>((resolve) => worker.once("message", () => resolve()));
    return { released };
  }

  it("wait for the lock instead of failing (an invite checks its framework, then inserts)", async () => {
    await withDatabaseFile({ checkpointInWorker: false }, async ({ storage, file }) => {
      const { released } = await holdWriteLock(file, 150);
      await storage.createInvite({
        id: "inv-locked",
        frameworkId: ROOM,
        role: "drafter",
        party: null,
        name: "Dana",
        createdAt: AT,
        expiresAt: "2027-02-02T00:00:00.000Z",
        revokedAt: null,
      });
      // (With a deferred transaction, or no busy timeout, this throws "database is locked".)
      await released;
      expect(await storage.getInvite("inv-locked")).toMatchObject({ name: "Dana" });
    });
  });
});
