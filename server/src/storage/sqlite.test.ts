import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { openSqliteStorage } from "./sqliteStorage.js";
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

describe("SQLite file size", () => {
  it("gives the space of a compacted log back (WAL truncated, free pages vacuumed)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "parley-sqlite-size-"));
    const file = join(folder, "parley.sqlite");
    const sizeOnDisk = () =>
      statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    const storage = openSqliteStorage(file);
    try {
      const at = "2026-02-02T00:00:00.000Z";
      await storage.createFramework(
        { id: "fw-aaaaaa", title: "Size", createdAt: at, updatedAt: at },
        Y.encodeStateAsUpdate(new Y.Doc()),
      );
      const doc = new Y.Doc();
      const text = doc.getText("t");
      for (let batch = 0; batch < 100; batch++) {
        const updates = [];
        for (let i = 0; i < 25; i++) {
          const before = Y.encodeStateVector(doc);
          text.insert(0, `${batch}-${i}-`.padEnd(2000, "z"));
          text.delete(0, 2000);
          updates.push({
            room: "fw-aaaaaa",
            frameworkId: "fw-aaaaaa",
            update: Y.encodeStateAsUpdate(doc, before),
          });
        }
        await storage.appendUpdates(updates, at);
      }
      const beforeCompaction = sizeOnDisk();
      await storage.compactRoom("fw-aaaaaa", "fw-aaaaaa", Y.encodeStateAsUpdate(doc));
      // The worker's next checkpoint copies the WAL and truncates it.
      await storage.checkpointWal();
      expect(sizeOnDisk()).toBeLessThan(beforeCompaction / 4);
      const loaded = await storage.loadRoom("fw-aaaaaa");
      expect(loaded.updates).toEqual([]);
    } finally {
      await storage.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("SQLite WAL checkpoints", () => {
  it("are run by the worker: the server's connection never checkpoints inside a commit", async () => {
    const folder = mkdtempSync(join(tmpdir(), "parley-sqlite-wal-"));
    const file = join(folder, "parley.sqlite");
    const walSize = () => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    // Only the explicit checkpoints below run (the periodic one is an hour away).
    const storage = openSqliteStorage(file, { checkpointIntervalMs: 3_600_000 });
    try {
      const at = "2026-02-02T00:00:00.000Z";
      await storage.createFramework(
        { id: "fw-bbbbbb", title: "WAL", createdAt: at, updatedAt: at },
        Y.encodeStateAsUpdate(new Y.Doc()),
      );
      const doc = new Y.Doc();
      const text = doc.getText("t");
      const append = async () => {
        const before = Y.encodeStateVector(doc);
        text.insert(text.length, "x".repeat(4000));
        const update = Y.encodeStateAsUpdate(doc, before);
        await storage.appendUpdates([{ room: "fw-bbbbbb", frameworkId: "fw-bbbbbb", update }], at);
      };
      for (let i = 0; i < 500; i++) await append();
      // SQLite's automatic checkpoint would have started the WAL over at 1,000 pages (4 KiB
      // each): it kept growing past that.
      expect(walSize()).toBeGreaterThan(1500 * 4096);

      const result = await storage.checkpointWal();
      expect(result).not.toBeNull();
      expect(result?.log).toBeGreaterThan(1500);
      expect(result?.checkpointed).toBe(result?.log);
      // Everything was copied, and the file truncated: the next commit starts the WAL over.
      expect(walSize()).toBe(0);
      await append();
      expect(walSize()).toBeLessThanOrEqual(256 * 1024);
      const loaded = await storage.loadRoom("fw-bbbbbb");
      expect(loaded.updates).toHaveLength(501);
    } finally {
      await storage.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("SQLite WAL once commits pause", () => {
  it("is checkpointed and truncated by the worker on its own", async () => {
    const folder = mkdtempSync(join(tmpdir(), "parley-sqlite-idle-"));
    const file = join(folder, "parley.sqlite");
    const walSize = () => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    const storage = openSqliteStorage(file, { checkpointIntervalMs: 20 });
    try {
      const at = "2026-02-02T00:00:00.000Z";
      await storage.createFramework(
        { id: "fw-cccccc", title: "Idle", createdAt: at, updatedAt: at },
        Y.encodeStateAsUpdate(new Y.Doc()),
      );
      const doc = new Y.Doc();
      for (let i = 0; i < 100; i++) {
        const before = Y.encodeStateVector(doc);
        doc.getText("t").insert(0, "x".repeat(2000));
        const update = Y.encodeStateAsUpdate(doc, before);
        await storage.appendUpdates([{ room: "fw-cccccc", frameworkId: "fw-cccccc", update }], at);
      }
      expect(walSize()).toBeGreaterThan(256 * 1024);
      // Nothing is written any more: the worker copies the WAL into the database and empties it.
      await vi.waitFor(() => expect(walSize()).toBe(0), { timeout: 10_000, interval: 20 });
      expect(statSync(file).size).toBeGreaterThan(200 * 1024);
      const loaded = await storage.loadRoom("fw-cccccc");
      expect(loaded.updates).toHaveLength(100);
    } finally {
      await storage.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
