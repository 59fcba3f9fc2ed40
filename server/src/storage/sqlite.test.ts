import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
