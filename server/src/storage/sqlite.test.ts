import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { openSqliteStorage, type SqliteOptions, type SqliteStorage } from "./sqliteStorage.js";
import { describeStorageContract } from "./storageContract.js";

let dir = "";

describeStorageContract("SQLite", {
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
});

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
      // The worker's next checkpoint copies the WAL and truncates it.
      await storage.checkpointWal();
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
        // Everything was copied, and the file truncated: the next commit starts the WAL over.
        expect(walSize()).toBe(0);
        await append(4000);
        expect(walSize()).toBeLessThanOrEqual(256 * 1024);
        expect((await storage.loadRoom(ROOM)).updates).toHaveLength(501);
      },
    );
  });

  it("once commits pause, are run and the WAL truncated by the worker on its own", async () => {
    await withDatabaseFile(
      { checkpointIntervalMs: 20 },
      async ({ storage, file, walSize, append }) => {
        for (let i = 0; i < 100; i++) await append(2000);
        expect(walSize()).toBeGreaterThan(256 * 1024);
        // Nothing is written any more: the worker copies the WAL into the database and empties it.
        await vi.waitFor(() => expect(walSize()).toBe(0), { timeout: 10_000, interval: 20 });
        expect(statSync(file).size).toBeGreaterThan(200 * 1024);
        expect((await storage.loadRoom(ROOM)).updates).toHaveLength(100);
      },
    );
  });
});
