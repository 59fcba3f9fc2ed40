/** Server configuration: defaults, and parsing from environment variables (see docs/configuration.md). */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LIMITS } from "@parley/shared/protocol";
import { checkDatabaseUrl } from "./storage/pgPool.js";
import type { SqliteSynchronous } from "./storage/sqliteStorage.js";
import { parseAllowedOrigins } from "./sync/origin.js";

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
  /**
   * `PARLEY_SQLITE_SYNCHRONOUS`: SQLite durability of each commit. Default `NORMAL`.
   *
   * The database runs in WAL mode. With `NORMAL`, a commit is written to the WAL before the server
   * broadcasts the update, but the WAL is fsynced only at checkpoints: a committed update survives
   * a crash or `kill -9` of the server process (the OS still holds the written pages), and only an
   * OS crash or a power cut can roll back the last commits. Those edits are not lost for the
   * people editing: every client that received them (the sender included) still holds them in its
   * Y.Doc and sends them back on reconnect through the Yjs sync handshake (step 1/step 2). With
   * `FULL` every commit waits for an fsync, which is what survives a power cut on its own; on the
   * shared benchmark machine that fsync cost 5–26 ms per commit against 0.2 ms with `NORMAL`, and
   * better-sqlite3 is synchronous, so the whole event loop (every room) waited that long per batch
   * (see docs/bench/analysis.md). Choose `FULL` where the server is the only copy that matters
   * (e.g. clients that never reconnect) and the disk's fsync is cheap.
   */
  sqliteSynchronous: SqliteSynchronous;
  /**
   * `DATABASE_URL` (postgres://…): PostgreSQL holds everything durable instead of the SQLite file
   * in `dataDir`, and its schema is created or upgraded on start. null: SQLite.
   */
  databaseUrl: string | null;
  /**
   * Token signing secret (`PARLEY_SECRET`); null: generated once and kept, in PostgreSQL with
   * `databaseUrl` (shared by every process on that database), else in `${dataDir}/secret`.
   */
  secret: string | null;
  /** `PARLEY_ADMIN_TOKEN`: lists every framework with `GET /api/frameworks`. null: disabled. */
  adminToken: string | null;
  /** `PARLEY_CREATE_TOKEN`: if set, creating a framework needs it as Bearer token. */
  createToken: string | null;
  /**
   * `PARLEY_ALLOWED_ORIGINS`: browser origins allowed to open sockets; null: the origin of
   * `publicUrl`, else the server's own listening origins (`sync/origin.ts`). Requests without an
   * Origin (non-browser clients) are allowed either way; they still need a token.
   */
  allowedOrigins: string[] | null;
  /** `PARLEY_PUBLIC_URL`: origin used in invite links; null: the request's own origin. */
  publicUrl: string | null;
  /** Largest a room may grow (bytes). */
  maxDocumentBytes: number;
  /** Per WebSocket connection: sustained messages per second and burst. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Per client IP, per minute: REST requests in all, and framework creations. */
  restRequestsPerMinute: number;
  createsPerMinute: number;
  /** `PARLEY_TRUST_PROXY`: hops of reverse proxies whose X-Forwarded-For is trusted (0: none). */
  trustProxy: number;
  /** Milliseconds audit events are buffered (and coalesced) before they are written. */
  auditFlushMs: number;
  /** `PARLEY_MAX_CONNECTIONS_PER_IP`, `PARLEY_MAX_CONNECTIONS_PER_TOKEN`: open WebSockets allowed. */
  maxConnectionsPerIp: number;
  maxConnectionsPerToken: number;
  /**
   * Milliseconds of one window of refused connection attempts (`audit/refusalAudit.ts`): per
   * framework, the first few of a source get rows of their own, the rest one counted row.
   */
  refusalAuditWindowMs: number;
}

/**
 * The checkout this server runs from: the nearest directory above this module holding
 * `pnpm-workspace.yaml`. Found by walking up rather than by a fixed `../..`, because the module
 * runs from server/src (tsx, tests) as well as from the bundle in server/dist, maybe from a chunk
 * one level deeper. Falls back to the working directory.
 */
export function checkoutRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const DEFAULT_CLIENT_DIR = join(checkoutRoot(), "client", "dist");

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
  sqliteSynchronous: "NORMAL",
  databaseUrl: null,
  secret: null,
  adminToken: null,
  createToken: null,
  allowedOrigins: null,
  publicUrl: null,
  maxDocumentBytes: LIMITS.maxDocumentBytes,
  messagesPerSecond: LIMITS.messagesPerSecond,
  messageBurst: LIMITS.messageBurst,
  restRequestsPerMinute: 1200,
  createsPerMinute: 60,
  trustProxy: 0,
  auditFlushMs: 200,
  maxConnectionsPerIp: LIMITS.maxConnectionsPerIp,
  maxConnectionsPerToken: LIMITS.maxConnectionsPerToken,
  refusalAuditWindowMs: 60_000,
};

function optionalSecret(env: NodeJS.ProcessEnv, name: string, minLength: number): string | null {
  const raw = env[name];
  if (raw === undefined || raw === "") return null;
  if (raw.length < minLength) throw new Error(`${name} must be at least ${minLength} characters`);
  return raw;
}

function publicUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === "") return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PARLEY_PUBLIC_URL must be a URL such as https://parley.example, got "${raw}"`);
  }
  return url.origin;
}

function databaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === "") return null;
  checkDatabaseUrl(raw);
  return raw;
}

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
    databaseUrl: databaseUrl(env.DATABASE_URL),
    secret: optionalSecret(env, "PARLEY_SECRET", 32),
    adminToken: optionalSecret(env, "PARLEY_ADMIN_TOKEN", 16),
    createToken: optionalSecret(env, "PARLEY_CREATE_TOKEN", 16),
    allowedOrigins: parseAllowedOrigins(env.PARLEY_ALLOWED_ORIGINS),
    publicUrl: publicUrl(env.PARLEY_PUBLIC_URL),
    maxDocumentBytes: integer(env, "PARLEY_MAX_DOCUMENT_BYTES", DEFAULTS.maxDocumentBytes, 1024),
    messagesPerSecond: integer(env, "PARLEY_WS_MESSAGES_PER_SECOND", DEFAULTS.messagesPerSecond, 1),
    messageBurst: integer(env, "PARLEY_WS_MESSAGE_BURST", DEFAULTS.messageBurst, 1),
    restRequestsPerMinute: integer(
      env,
      "PARLEY_REST_REQUESTS_PER_MINUTE",
      DEFAULTS.restRequestsPerMinute,
      1,
    ),
    createsPerMinute: integer(env, "PARLEY_CREATES_PER_MINUTE", DEFAULTS.createsPerMinute, 1),
    trustProxy: integer(env, "PARLEY_TRUST_PROXY", DEFAULTS.trustProxy, 0),
    auditFlushMs: integer(env, "PARLEY_AUDIT_FLUSH_MS", DEFAULTS.auditFlushMs, 0),
    maxConnectionsPerIp: integer(
      env,
      "PARLEY_MAX_CONNECTIONS_PER_IP",
      DEFAULTS.maxConnectionsPerIp,
      1,
    ),
    maxConnectionsPerToken: integer(
      env,
      "PARLEY_MAX_CONNECTIONS_PER_TOKEN",
      DEFAULTS.maxConnectionsPerToken,
      1,
    ),
  };
}
