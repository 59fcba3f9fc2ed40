/**
 * The scale-out's configuration (see README "Scale-out"): `REDIS_URL` lets several processes serve
 * the same frameworks; it needs `DATABASE_URL` (PostgreSQL holds everything durable).
 */

export interface ClusterConfig {
  /** `REDIS_URL`: redis://host:port[/db]. */
  redisUrl: string;
  /** `PARLEY_REDIS_PREFIX`: prefix of every Redis key and channel (default `parley:`). */
  prefix: string;
  /** `PARLEY_CATCH_UP_MS`: milliseconds between catch-ups of each loaded room from PostgreSQL. */
  catchUpMs: number;
  /**
   * `PARLEY_TEST_SKIP_PUBLISH=1`, tests only: commit to PostgreSQL but never publish to Redis, as
   * a process that died between the two would.
   */
  skipPublish: boolean;
}

export const DEFAULT_REDIS_PREFIX = "parley:";
export const DEFAULT_CATCH_UP_MS = 1000;

/** Null without `REDIS_URL`; throws with a clear message on a bad value. */
export function clusterConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterConfig | null {
  const redisUrl = env.REDIS_URL;
  if (redisUrl === undefined || redisUrl === "") return null;
  if (!env.DATABASE_URL) {
    throw new Error("REDIS_URL needs DATABASE_URL: several processes share one PostgreSQL");
  }
  const rawCatchUp = env.PARLEY_CATCH_UP_MS;
  const catchUpMs = rawCatchUp ? Number(rawCatchUp) : DEFAULT_CATCH_UP_MS;
  if (!Number.isInteger(catchUpMs) || catchUpMs < 10) {
    throw new Error(`PARLEY_CATCH_UP_MS must be an integer >= 10, got "${rawCatchUp}"`);
  }
  const prefix = env.PARLEY_REDIS_PREFIX || DEFAULT_REDIS_PREFIX;
  if (!/^[\w:.-]{1,64}$/.test(prefix)) {
    throw new Error(`PARLEY_REDIS_PREFIX must be 1-64 of [A-Za-z0-9_:.-], got "${prefix}"`);
  }
  return { redisUrl, prefix, catchUpMs, skipPublish: env.PARLEY_TEST_SKIP_PUBLISH === "1" };
}
