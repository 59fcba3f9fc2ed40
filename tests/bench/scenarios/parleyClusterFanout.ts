/**
 * Scale-out: Parley's cross-process fan-out. Three Parley processes on one PostgreSQL (a fresh
 * schema per run) and Redis (keys under a prefix of this run), the writer on the first and 50
 * observers spread over the three (`runSpreadFanout`, the same measurement as the Hocuspocus +
 * Redis scenario); against one Parley process on PostgreSQL. Every edit is committed in
 * PostgreSQL before any observer, on any process, receives it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createTestSchema } from "@parley/server/test/pgTestDatabase";
import type { ClientKind } from "../clients.js";
import { type BenchServer, startServer } from "../servers.js";
import type { FanoutConfig } from "./fanout.js";
import { REDIS_URL } from "./hocuspocusRedisFanout.js";
import type { ScaleOutScenario } from "./scaleOut.js";
import { runSpreadFanout, SPREAD_OBSERVERS, spreadFanoutScenario } from "./spreadFanout.js";
import type { RunResult } from "./types.js";

const ONE = "Parley, 1 process (PostgreSQL)";
const THREE = "Parley, 3 processes (PostgreSQL + Redis)";
const CLIENT: ClientKind = "raw";
const OBSERVERS = SPREAD_OBSERVERS;

async function once(processes: number, config: FanoutConfig): Promise<RunResult> {
  const schema = await createTestSchema();
  const env: Record<string, string> = {
    DATABASE_URL: schema.urlWithSchema,
    PARLEY_SECRET: randomBytes(32).toString("hex"),
  };
  if (processes > 1) {
    env.REDIS_URL = REDIS_URL;
    env.PARLEY_REDIS_PREFIX = `parley-bench-${randomUUID()}:`;
  }
  const servers: BenchServer[] = [];
  try {
    // The first creates the schema; the others start on it.
    servers.push(await startServer("parley", { env }));
    for (let i = 1; i < processes; i++) servers.push(await startServer("parley", { env }));
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
      describe: `Parley with \`DATABASE_URL\` (a fresh schema per run) and, for three processes, \`REDIS_URL\`: each edit is committed in PostgreSQL (optimistically on the room's sequence number), then broadcast to the writer's process's observers and published to the room's Redis stream, which the other processes relay. Clients: raw (y-protocols over ws).`,
      one: { name: ONE, processes: 1 },
      many: { name: THREE, processes: 3 },
      targets: [
        "(the issue's) the cross-process p99 (three processes) no worse than Hocuspocus + Redis's (two instances, table above or below), although Parley stores every update in PostgreSQL before anyone sees it.",
      ],
      once,
    },
    quick,
  );
}
