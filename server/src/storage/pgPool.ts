/**
 * A `pg` connection pool from `DATABASE_URL`: the URL checked before any connection is tried, an
 * optional schema (every connection's `search_path`, for tests that each take their own), and a
 * first query so that an unreachable server or a refused login stops the start with a clear
 * message instead of surfacing with the first request. Idle connections are kept (see below).
 */
import pg from "pg";

export interface PgPoolOptions {
  /** `postgres://user@host:port/database` (or `postgresql://`). */
  url: string;
  /** Schema for every connection's `search_path` (letters, digits, `_`); default: the URL's. */
  schema?: string;
  /** Connections at most (default 10). */
  max?: number;
  /** An idle connection failed (e.g. the server restarted); the pool drops it and goes on. */
  onIdleError?: (error: Error) => void;
  /** Milliseconds to wait for a connection (default 10,000). */
  connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws a clear error unless `url` is a postgres:// URL; returns it without the password. */
export function checkDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL must be a URL such as postgres://user@host:5432/parley");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(
      `DATABASE_URL must start with postgres:// or postgresql://, got "${parsed.protocol}//"`,
    );
  }
  if (parsed.hostname === "" && !parsed.searchParams.has("host")) {
    throw new Error("DATABASE_URL names no host");
  }
  return redacted(parsed);
}

function redacted(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== "") copy.password = "***";
  return copy.href;
}

/** A new pool, not yet connected (see `connectPgPool`). */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  checkDatabaseUrl(options.url);
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`invalid schema name "${options.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // Idle connections stay open (at most `max`). pg closes them after 10 s idle by default:
    // with that, the slowest edits of the fan-outs on PostgreSQL (26-107 ms late) came in one
    // stretch, about 10 s after the queries that opened the connections, and that stretch was gone
    // once connections were kept (docs/bench/scaleout-notes.md). A new connection is a new
    // PostgreSQL backend.
    idleTimeoutMillis: 0,
    application_name: "parley",
    // The name is checked above: only letters, digits and `_` reach this option string.
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  pool.on("error", (error) => options.onIdleError?.(error));
  return pool;
}

/** Creates a pool and checks that it can run a query; throws a clear error if not. */
export async function connectPgPool(options: PgPoolOptions): Promise<pg.Pool> {
  const where = checkDatabaseUrl(options.url);
  const pool = createPgPool(options);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new Error(`cannot reach PostgreSQL at ${where}: ${reason}`, { cause: error });
  }
  return pool;
}
