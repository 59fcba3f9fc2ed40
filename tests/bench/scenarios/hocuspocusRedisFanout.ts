/**
 * Scale-out peer: fan-out through Hocuspocus 4.7 scaled the way its documentation describes, two
 * instances with `@hocuspocus/extension-redis` (Redis on 127.0.0.1:6379, keys under a prefix of
 * this run) sharing one SQLite file (`@hocuspocus/extension-sqlite`), the writer on the first and
 * 50 observers spread over both; against one Hocuspocus instance without Redis, and beside three
 * instances (as many processes as Parley's three), and two instances that commit each update to
 * PostgreSQL before applying it (a measurement only: Parley's guarantee on Hocuspocus, see
 * hocuspocusServer.ts). Parley's cross-process fan-out (two and three
 * processes on PostgreSQL and Redis) is measured by its own scenario with `runSpreadFanout`, the
 * same measurement, so the figures sit side by side.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectPgPool } from "@parley/server/storage/pgPool";
import { createTestSchema } from "@parley/server/test/pgTestDatabase";
import type { ClientKind } from "../clients.js";
import { type BenchServer, startServer } from "../servers.js";
import { editCount, type FanoutConfig } from "./fanout.js";
import type { ScaleOutScenario } from "./scaleOut.js";
import {
  runSpreadFanout,
  SPREAD_OBSERVERS,
  type SpreadConfiguration,
  spreadFanoutScenario,
} from "./spreadFanout.js";
import type { RunResult } from "./types.js";

export const REDIS_URL = process.env.PARLEY_BENCH_REDIS_URL || "redis://127.0.0.1:6379";
export const HOCUSPOCUS_ONE = "Hocuspocus, 1 instance";
export const HOCUSPOCUS_TWO = "Hocuspocus + Redis, 2 instances";
export const HOCUSPOCUS_THREE = "Hocuspocus + Redis, 3 instances";
export const HOCUSPOCUS_STORE_FIRST =
  "Hocuspocus + Redis, 2 instances, each update committed in PostgreSQL first (measurement only)";
/** The `variant` whose instances commit each update to PostgreSQL before applying it. */
const STORE_FIRST = "store first";
const CLIENT: ClientKind = "raw";
const OBSERVERS = SPREAD_OBSERVERS;

/** The table the storing-first instances write to, in a schema of its own, on one connection. */
interface StoreFirstTable {
  /** The database URL the instances get (`STORE_FIRST_DATABASE_URL`). */
  url: string;
  /** Updates stored for `room`. */
  stored(room: string): Promise<number>;
  drop(): Promise<void>;
}

async function createStoreFirstTable(): Promise<StoreFirstTable> {
  const schema = await createTestSchema();
  const pool = await connectPgPool({ url: schema.urlWithSchema, max: 1 });
  const drop = async () => {
    await pool.end();
    await schema.drop();
  };
  try {
    await pool.query(
      "CREATE TABLE hocuspocus_updates (id bigserial PRIMARY KEY, document text NOT NULL, data bytea NOT NULL)",
    );
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    url: schema.urlWithSchema,
    async stored(room) {
      const { rows } = await pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM hocuspocus_updates WHERE document = $1",
        [room],
      );
      return Number(rows[0]?.n ?? 0);
    },
    drop,
  };
}

async function once(
  { processes: instances, variant }: SpreadConfiguration,
  config: FanoutConfig,
  cpuProfileDir?: string,
): Promise<RunResult> {
  const shared = mkdtempSync(join(tmpdir(), "hocuspocus-redis-bench-"));
  const env: Record<string, string> = { DATABASE_FILE: join(shared, "hocuspocus.sqlite") };
  if (instances > 1) {
    env.REDIS_URL = REDIS_URL;
    // Keys of this run only: other runs (or other users of this Redis) never see them.
    env.REDIS_PREFIX = `parley-bench-${randomUUID()}`;
  }
  let table: StoreFirstTable | null = null;
  const servers: BenchServer[] = [];
  try {
    if (variant === STORE_FIRST) {
      table = await createStoreFirstTable();
      env.STORE_FIRST_DATABASE_URL = table.url;
    }
    for (let i = 0; i < instances; i++)
      servers.push(await startServer("hocuspocus", { env, cpuProfileDir }));
    const room = await servers[0]!.createRoom("bench fan-out across instances");
    const result = await runSpreadFanout(servers, room, CLIENT, config);
    if (table) {
      // The variant did its work: at least every edit of the run was stored.
      const stored = await table.stored(room);
      const edits = editCount(config);
      if (stored < edits)
        throw new Error(`storing first: ${stored} updates stored for ${edits} edits`);
    }
    return {
      ...result,
      notes:
        instances > 1 ? [`observers: about ${Math.round(OBSERVERS / instances)} per instance`] : [],
    };
  } finally {
    for (const server of servers) await server.stop();
    rmSync(shared, { recursive: true, force: true });
    await table?.drop();
  }
}

export function hocuspocusRedisFanoutScenario(quick: boolean): ScaleOutScenario {
  return spreadFanoutScenario(
    {
      id: "scale-out-fanout-hocuspocus",
      title: `Fan-out across processes: Hocuspocus + Redis (1 writer → ${OBSERVERS} observers)`,
      unit: ["instance", "instances"],
      describe: `Hocuspocus 4.7 with \`@hocuspocus/extension-redis\` 4.7 (defaults) and \`@hocuspocus/extension-sqlite\` on one shared file; Hocuspocus stores later (debounced snapshots), so nothing is stored on an edit's way. Clients: raw (Hocuspocus protocol).`,
      one: { name: HOCUSPOCUS_ONE, processes: 1 },
      many: { name: HOCUSPOCUS_TWO, processes: 2 },
      // As many as Parley's three processes: the same number of processes share the 2 cores.
      also: [
        { name: HOCUSPOCUS_THREE, processes: 3 },
        { name: HOCUSPOCUS_STORE_FIRST, processes: 2, variant: STORE_FIRST },
      ],
      targets: [
        "(the issue's) Parley's cross-process p99 no worse than Hocuspocus + Redis's here, although Parley stores every update in PostgreSQL before anyone sees it.",
        `"${HOCUSPOCUS_STORE_FIRST}" is not how Hocuspocus runs: each instance commits every update a client sends to a PostgreSQL table (one INSERT, synchronous commit) in its \`beforeHandleMessage\` hook, which Hocuspocus awaits before applying the message, so nobody sees an update before it is stored: Parley's guarantee, measured on Hocuspocus to show what it costs there.`,
      ],
      once,
    },
    quick,
  );
}
