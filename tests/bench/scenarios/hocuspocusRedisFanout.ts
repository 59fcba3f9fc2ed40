/**
 * Scale-out peer: fan-out through Hocuspocus 4.7 scaled the way its documentation describes, two
 * instances with `@hocuspocus/extension-redis` (Redis on 127.0.0.1:6379, keys under a prefix of
 * this run) sharing one SQLite file (`@hocuspocus/extension-sqlite`), the writer on the first and
 * 50 observers spread over both; against one Hocuspocus instance without Redis, and beside three
 * instances (as many processes as Parley's three). Parley's cross-process fan-out (two and three
 * processes on PostgreSQL and Redis) is measured by its own scenario with `runSpreadFanout`, the
 * same measurement, so the figures sit side by side.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClientKind } from "../clients.js";
import { type BenchServer, startServer } from "../servers.js";
import type { FanoutConfig } from "./fanout.js";
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
const CLIENT: ClientKind = "raw";
const OBSERVERS = SPREAD_OBSERVERS;

async function once(
  { processes: instances }: SpreadConfiguration,
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
  const servers: BenchServer[] = [];
  try {
    for (let i = 0; i < instances; i++)
      servers.push(await startServer("hocuspocus", { env, cpuProfileDir }));
    const room = await servers[0]!.createRoom("bench fan-out across instances");
    const result = await runSpreadFanout(servers, room, CLIENT, config);
    return {
      ...result,
      notes:
        instances > 1 ? [`observers: about ${Math.round(OBSERVERS / instances)} per instance`] : [],
    };
  } finally {
    for (const server of servers) await server.stop();
    rmSync(shared, { recursive: true, force: true });
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
      also: [{ name: HOCUSPOCUS_THREE, processes: 3 }],
      targets: [
        "(the issue's) Parley's cross-process p99 no worse than Hocuspocus + Redis's here, although Parley stores every update in PostgreSQL before anyone sees it.",
      ],
      once,
    },
    quick,
  );
}
