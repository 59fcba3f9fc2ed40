/** Server configuration: defaults, and parsing from environment variables (see the README). */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LIMITS } from "@parley/shared/protocol";
import type { SqliteSynchronous } from "./storage/sqliteStorage.js";

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  logLevel: string;
  /** Milliseconds a room stays loaded after its last connection leaves. */
  unloadGraceMs: number;
  /** Logged updates after which a room is compacted into one snapshot. */
  compactionThreshold: number;
  /** Milliseconds between keepalive pings. */
  pingIntervalMs: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
  /** The built client to serve (default: `client/dist` of this checkout). */
  clientDir: string;
  /** SQLite durability: FULL (fsync per commit, survives power loss) or NORMAL (survives crashes). */
  sqliteSynchronous: SqliteSynchronous;
}

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL("../../client/dist", import.meta.url));

export const DEFAULTS: ServerConfig = {
  port: 8080,
  host: "127.0.0.1",
  dataDir: "./data",
  logLevel: "info",
  unloadGraceMs: 30_000,
  compactionThreshold: 500,
  pingIntervalMs: 30_000,
  maxMessageBytes: LIMITS.maxMessageBytes,
  maxBufferedBytes: LIMITS.maxBufferedBytes,
  clientDir: DEFAULT_CLIENT_DIR,
  sqliteSynchronous: "FULL",
};

function synchronous(raw: string | undefined): SqliteSynchronous {
  if (raw === undefined || raw === "") return DEFAULTS.sqliteSynchronous;
  const value = raw.toUpperCase();
  if (value !== "FULL" && value !== "NORMAL") {
    throw new Error(`PARLEY_SQLITE_SYNCHRONOUS must be FULL or NORMAL, got "${raw}"`);
  }
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

/** Reads the configuration from the environment; throws with a clear message on a bad value. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    ...DEFAULTS,
    port: integer(env, "PORT", DEFAULTS.port, 0),
    host: env.HOST || DEFAULTS.host,
    dataDir: resolve(env.DATA_DIR || DEFAULTS.dataDir),
    logLevel: env.LOG_LEVEL || DEFAULTS.logLevel,
    unloadGraceMs: integer(env, "PARLEY_UNLOAD_GRACE_MS", DEFAULTS.unloadGraceMs, 0),
    compactionThreshold: integer(
      env,
      "PARLEY_COMPACTION_THRESHOLD",
      DEFAULTS.compactionThreshold,
      1,
    ),
    pingIntervalMs: integer(env, "PARLEY_PING_INTERVAL_MS", DEFAULTS.pingIntervalMs, 100),
    clientDir: resolve(env.PARLEY_CLIENT_DIR || DEFAULTS.clientDir),
    sqliteSynchronous: synchronous(env.PARLEY_SQLITE_SYNCHRONOUS),
  };
}
