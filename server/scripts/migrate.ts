/**
 * `pnpm migrate`: creates or upgrades the PostgreSQL schema at `DATABASE_URL` (the server's start
 * does the same). Running it again changes nothing. Exit code 1, with the reason, on failure.
 */
import { migrate } from "../src/storage/pgMigrate.js";
import { checkDatabaseUrl, connectPgPool } from "../src/storage/pgPool.js";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("pnpm migrate: set DATABASE_URL=postgres://user@host:5432/database");
  process.exit(1);
}
try {
  const where = checkDatabaseUrl(url);
  const pool = await connectPgPool({ url, max: 1 });
  try {
    const { applied, version } = await migrate(pool);
    console.log(
      applied.length === 0
        ? `${where}: schema up to date (version ${version})`
        : `${where}: applied migration(s) ${applied.join(", ")}; schema at version ${version}`,
    );
  } finally {
    await pool.end();
  }
} catch (error) {
  console.error(`pnpm migrate: ${(error as Error).message}`);
  process.exit(1);
}
