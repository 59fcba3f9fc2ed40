/**
 * Scale-out peer: fan-out through Hocuspocus 4.7 scaled the way its documentation describes, two
 * instances with `@hocuspocus/extension-redis` (Redis on 127.0.0.1:6379, keys under a prefix of
 * this run) sharing one SQLite file (`@hocuspocus/extension-sqlite`), the writer on the first and
 * 50 observers spread over both; against one Hocuspocus instance without Redis. Parley's
 * cross-process fan-out (three processes on PostgreSQL and Redis) is measured by its own scenario
 * with `runSpreadFanout`, the same measurement, so the figures sit side by side.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClientKind } from "../clients.js";
import { type BenchServer, startServer } from "../servers.js";
import type { FanoutConfig } from "./fanout.js";
import type { ScaleOutScenario } from "./scaleOut.js";
import { runSpreadFanout, SPREAD_FANOUT_METRICS } from "./spreadFanout.js";
import type { RunResult } from "./types.js";

export const REDIS_URL = process.env.PARLEY_BENCH_REDIS_URL || "redis://127.0.0.1:6379";
const ONE = "Hocuspocus, 1 instance";
const TWO = "Hocuspocus + Redis, 2 instances";
const CLIENT: ClientKind = "raw";
const OBSERVERS = 50;

async function once(instances: 1 | 2, config: FanoutConfig): Promise<RunResult> {
  const shared = mkdtempSync(join(tmpdir(), "hocuspocus-redis-bench-"));
  const env: Record<string, string> = { DATABASE_FILE: join(shared, "hocuspocus.sqlite") };
  if (instances === 2) {
    env.REDIS_URL = REDIS_URL;
    // Keys of this run only: other runs (or other users of this Redis) never see them.
    env.REDIS_PREFIX = `parley-bench-${randomUUID()}`;
  }
  const servers: BenchServer[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startServer("hocuspocus", { env }));
    const room = await servers[0]!.createRoom("bench fan-out across instances");
    const result = await runSpreadFanout(servers, room, CLIENT, config);
    return {
      ...result,
      notes: instances === 2 ? [`observers: ${OBSERVERS / 2} per instance`] : [],
    };
  } finally {
    for (const server of servers) await server.stop();
    rmSync(shared, { recursive: true, force: true });
  }
}

export function hocuspocusRedisFanoutScenario(quick: boolean): ScaleOutScenario {
  const config: FanoutConfig = {
    observers: OBSERVERS,
    ratePerSecond: 25,
    durationMs: quick ? 3_000 : 8_000,
    drainMs: 10_000,
  };
  return {
    id: "scale-out-fanout-hocuspocus",
    title: `Fan-out across processes: Hocuspocus + Redis (1 writer → ${OBSERVERS} observers)`,
    describe: `One room; the writer, on the first instance, makes ${config.ratePerSecond} edits/s for ${config.durationMs / 1000} s as in the fan-out scenarios; ${OBSERVERS} observers spread over the instances (observer i on instance i mod n) time each edit from send to receipt. Hocuspocus 4.7 with \`@hocuspocus/extension-redis\` 4.7 (defaults) and \`@hocuspocus/extension-sqlite\` on one shared file; Hocuspocus stores later (debounced snapshots), so nothing is stored on an edit's way. Clients: raw (Hocuspocus protocol).`,
    metrics: SPREAD_FANOUT_METRICS,
    configurations: [ONE, TWO],
    ratio: { of: TWO, to: ONE },
    targets: [
      "(the issue's) Parley's cross-process p99 no worse than Hocuspocus + Redis's here, although Parley stores every update in PostgreSQL before anyone sees it.",
    ],
    async run({ log }, rep) {
      const order: Array<1 | 2> = rep % 2 === 0 ? [1, 2] : [2, 1];
      const results: Record<string, RunResult> = {};
      for (const instances of order) {
        const name = instances === 1 ? ONE : TWO;
        results[name] = await once(instances, config);
        const v = results[name]!.values;
        log(
          `scale-out-fanout-hocuspocus rep ${rep + 1} ${name}: p99=${v.p99?.toFixed(1)} remoteP99=${v.remoteP99?.toFixed(1)} drops=${v.drops}`,
        );
      }
      return results;
    },
  };
}
