/**
 * A PostgreSQL schema of its own for one test run: `parley_test_<random>` in the test database
 * (`PARLEY_TEST_DATABASE_URL`, default postgres://root@127.0.0.1:5432/test), dropped afterwards.
 * Tests that need PostgreSQL fail with this module's message when it is not reachable: they never
 * skip silently.
 */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { connectPgPool } from "../storage/pgPool.js";

export const TEST_DATABASE_URL =
  process.env.PARLEY_TEST_DATABASE_URL || "postgres://root@127.0.0.1:5432/test";

export interface TestSchema {
  /** The database URL (the schema is not in it: pass `schema` to the pool, or use `urlWithSchema`). */
  url: string;
  schema: string;
  /** The URL with `options=-c search_path=<schema>`, for a server process's DATABASE_URL. */
  urlWithSchema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

async function adminPool(): Promise<pg.Pool> {
  try {
    return await connectPgPool({ url: TEST_DATABASE_URL, max: 1 });
  } catch (error) {
    throw new Error(
      `These tests need PostgreSQL (${TEST_DATABASE_URL}; set PARLEY_TEST_DATABASE_URL to use another). ${(error as Error).message}. Start it, e.g. pg_ctlcluster 15 main start (.ci/run does).`,
      { cause: error },
    );
  }
}

/** Creates a fresh, empty schema. */
export async function createTestSchema(): Promise<TestSchema> {
  const schema = `parley_test_${randomBytes(6).toString("hex")}`;
  const admin = await adminPool();
  try {
    // The name is ours (hex digits): safe to put in the statement, which takes no parameter here.
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: TEST_DATABASE_URL,
    schema,
    urlWithSchema: url.href,
    async drop() {
      const pool = await adminPool();
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}
