/**
 * Creates or upgrades the PostgreSQL schema (`pgSchema.ts`): `pnpm migrate`, and every start with
 * `DATABASE_URL`. Each missing migration runs in one transaction under a transaction-scoped
 * advisory lock, so processes starting together wait for each other instead of racing; running it
 * again changes nothing.
 */
import type { Pool } from "pg";
import { MIGRATIONS, type Migration } from "./pgSchema.js";

/** The advisory lock key of Parley's migrations (any constant; "parley" in ASCII). */
const MIGRATION_LOCK = 0x706172_6c6579;

export interface MigrationResult {
  /** Versions applied by this call (empty: the schema was up to date). */
  applied: number[];
  /** The schema's version afterwards. */
  version: number;
}

export async function migrate(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS parley_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = await client.query<{ version: number }>("SELECT version FROM parley_migrations");
    const have = new Set(done.rows.map((row) => row.version));
    const newest = Math.max(0, ...have);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) {
      throw new Error(
        `the database schema is at version ${newest}, newer than this Parley knows (${known}); upgrade Parley`,
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (have.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO parley_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query("COMMIT");
    return { applied, version: Math.max(newest, ...applied) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
