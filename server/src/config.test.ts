import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { configFromEnv, DEFAULTS } from "./config.js";

describe("configFromEnv", () => {
  it("uses the documented defaults", () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dataDir: resolve("./data"),
      logLevel: "info",
      unloadGraceMs: DEFAULTS.unloadGraceMs,
      compactionThreshold: 500,
      sqliteSynchronous: "FULL",
    });
  });

  it("reads every variable", () => {
    const config = configFromEnv({
      PORT: "0",
      HOST: "0.0.0.0",
      DATA_DIR: "/tmp/parley-data",
      LOG_LEVEL: "debug",
      PARLEY_UNLOAD_GRACE_MS: "100",
      PARLEY_COMPACTION_THRESHOLD: "50",
      PARLEY_PING_INTERVAL_MS: "1000",
      PARLEY_SQLITE_SYNCHRONOUS: "normal",
    });
    expect(config).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      dataDir: "/tmp/parley-data",
      logLevel: "debug",
      unloadGraceMs: 100,
      compactionThreshold: 50,
      pingIntervalMs: 1000,
      sqliteSynchronous: "NORMAL",
    });
  });

  it("refuses bad values with a clear message", () => {
    expect(() => configFromEnv({ PORT: "eighty" })).toThrow(/PORT must be an integer/);
    expect(() => configFromEnv({ PARLEY_COMPACTION_THRESHOLD: "0" })).toThrow(/>= 1/);
    expect(() => configFromEnv({ PARLEY_SQLITE_SYNCHRONOUS: "OFF" })).toThrow(/FULL or NORMAL/);
  });
});
