/**
 * Scale-out: Parley's cross-process fan-out. Three Parley processes on one PostgreSQL (a fresh
 * schema per run) and Redis (keys under a prefix of this run), the writer on the first and 50
 * observers spread over the three (`runSpreadFanout`, the same measurement as the Hocuspocus +
 * Redis scenario); against one Parley process on PostgreSQL. Every edit is committed in
 * PostgreSQL before any observer, on any process, receives it. Two more columns: two processes
 * (as many as the Hocuspocus + Redis peer runs), and three with PostgreSQL's `synchronous_commit`
 * off for their sessions, a measurement only (a commit then returns before its WAL flush, which
 * Parley never does in a deployment): it shows what the flush costs on the edit's way.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createTestSchema } from "@parley/server/test/pgTestDatabase";
import type { ClientKind } from "../clients.js";
import { type BenchServer, startServer } from "../servers.js";
import type { FanoutConfig } from "./fanout.js";
import { REDIS_URL } from "./hocuspocusRedisFanout.js";
import type { ScaleOutScenario } from "./scaleOut.js";
import {
  runSpreadFanout,
  SPREAD_OBSERVERS,
  type SpreadConfiguration,
  spreadFanoutScenario,
} from "./spreadFanout.js";
import type { RunResult } from "./types.js";

const ONE = "Parley, 1 process (PostgreSQL)";
export const PARLEY_THREE = "Parley, 3 processes (PostgreSQL + Redis)";
export const PARLEY_TWO = "Parley, 2 processes (PostgreSQL + Redis)";
export const PARLEY_NO_FLUSH = "Parley, 3 processes, synchronous_commit off (measurement only)";
/** The `variant` whose PostgreSQL sessions commit without waiting for the WAL flush. */
const WITHOUT_FLUSH = "synchronous_commit off";
const CLIENT: ClientKind = "raw";
const OBSERVERS = SPREAD_OBSERVERS;

/** `url` with `-c synchronous_commit=off` added to its `options` (the server's sessions). */
function withoutFlush(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get("options") ?? "";
  parsed.searchParams.set("options", `${options} -c synchronous_commit=off`.trim());
  return parsed.href;
}

async function once(
  { processes, variant }: SpreadConfiguration,
  config: FanoutConfig,
  cpuProfileDir?: string,
): Promise<RunResult> {
  const schema = await createTestSchema();
  const env: Record<string, string> = {
    DATABASE_URL:
      variant === WITHOUT_FLUSH ? withoutFlush(schema.urlWithSchema) : schema.urlWithSchema,
    PARLEY_SECRET: randomBytes(32).toString("hex"),
  };
  if (processes > 1) {
    env.REDIS_URL = REDIS_URL;
    env.PARLEY_REDIS_PREFIX = `parley-bench-${randomUUID()}:`;
  }
  const servers: BenchServer[] = [];
  try {
    // The first creates the schema; the others start on it.
    servers.push(await startServer("parley", { env, cpuProfileDir }));
    for (let i = 1; i < processes; i++)
      servers.push(await startServer("parley", { env, cpuProfileDir }));
    const first = servers[0]!;
    const room = await first.createRoom("bench fan-out across processes");
    // Every process accepts the creator's token (one signing secret): the clients of the other
    // processes use the one the first process handed out.
    const sharing = servers.map((server) =>
      server === first
        ? server
        : Object.assign(Object.create(server) as BenchServer, {
            roomParams: first.roomParams,
          }),
    );
    const result = await runSpreadFanout(sharing, room, CLIENT, config);
    return {
      ...result,
      notes:
        processes > 1 ? [`observers: about ${Math.round(OBSERVERS / processes)} per process`] : [],
    };
  } finally {
    for (const server of servers) await server.stop();
    await schema.drop();
  }
}

export function parleyClusterFanoutScenario(quick: boolean): ScaleOutScenario {
  return spreadFanoutScenario(
    {
      id: "scale-out-fanout-parley",
      title: `Fan-out across processes: Parley on PostgreSQL + Redis (1 writer → ${OBSERVERS} observers)`,
      unit: ["process", "processes"],
      describe: `Parley with \`DATABASE_URL\` (a fresh schema per run) and, for several processes, \`REDIS_URL\`: each edit is committed in PostgreSQL (optimistically on the room's sequence number), then broadcast to the writer's process's observers and published to the room's Redis stream, which the other processes relay. Clients: raw (y-protocols over ws).`,
      one: { name: ONE, processes: 1 },
      many: { name: PARLEY_THREE, processes: 3 },
      also: [
        { name: PARLEY_TWO, processes: 2 },
        { name: PARLEY_NO_FLUSH, processes: 3, variant: WITHOUT_FLUSH },
      ],
      targets: [
        "(the issue's) the cross-process p99 (three processes) no worse than Hocuspocus + Redis's (two instances, table above or below), although Parley stores every update in PostgreSQL before anyone sees it.",
        `"${PARLEY_NO_FLUSH}" is not a way to run Parley: its sessions commit before the WAL reaches the disk, so a PostgreSQL crash could lose edits that clients already have. It is measured to show what the flush costs on the edit's way; every other column commits with the flush.`,
      ],
      once,
    },
    quick,
  );
}
