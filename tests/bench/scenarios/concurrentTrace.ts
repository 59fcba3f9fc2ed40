/**
 * Concurrent trace replay: each agent of a concurrent trace is a real client of its own; the
 * replay engine (one local Y.Doc per agent, merged exactly along the trace's parents) produces
 * each transaction's update, which that agent's connection sends to the server. An observer
 * follows; the figure is the time until it holds exactly `endContent`.
 */
import { setImmediate as yieldTurn } from "node:timers/promises";
import * as Y from "yjs";
import { type BenchClient, closeAll, connectClient, whenDoc, withTimeout } from "../clients.js";
import {
  agentClientId,
  ConcurrentReplay,
  type ConcurrentTrace,
  replayConcurrent,
  TEXT_FIELD,
} from "../traces.js";
import type { Metric, RunContext, RunResult, RunValues, Scenario } from "./types.js";

const SLICE = 500;

const METRICS: Metric[] = [
  {
    key: "replayMs",
    label: "replay through the server until the observer holds endContent",
    unit: "ms",
    better: "lower",
  },
  { key: "replayVsFloor", label: "replay ÷ local floor", unit: "count", better: "lower" },
  { key: "serverCpuMs", label: "server CPU during the replay", unit: "ms", better: "lower" },
];
const LOCAL_METRICS: Metric[] = [
  {
    key: "floorMs",
    label: "local floor: agent docs + merge into one Y.Doc, no network",
    unit: "ms",
    better: "lower",
  },
];

export function measureConcurrentFloor(trace: ConcurrentTrace): RunValues {
  const merged = new Y.Doc();
  const start = performance.now();
  const replay = replayConcurrent(trace, (_agent, update) => Y.applyUpdate(merged, update));
  const floorMs = performance.now() - start;
  const ok = merged.getText(TEXT_FIELD).toString() === trace.endContent;
  replay.destroy();
  merged.destroy();
  if (!ok) throw new Error(`${trace.name}: local concurrent replay differs from endContent`);
  return { floorMs };
}

/**
 * Holds each agent's updates until that agent's connection has received, through the server,
 * everything the update depends on from the other agents: a real client can only build on what
 * it has received, so the server never gets an update before its dependencies (sending them
 * early instead makes Yjs park and re-merge pending structs on every update, an artefact).
 */
class CausalSender {
  private readonly queues: { update: Uint8Array; needs: Map<number, number> }[][];
  sent = 0;

  constructor(
    private readonly writers: readonly BenchClient[],
    private readonly agentClientIds: readonly number[],
  ) {
    this.queues = writers.map(() => []);
    writers.forEach((writer, agent) => {
      writer.doc.on("update", () => this.pump(agent));
    });
  }

  /** Queues `agent`'s update; `needs` is the agent doc's state vector when it was made. */
  push(agent: number, update: Uint8Array, needs: Map<number, number>): void {
    this.queues[agent]!.push({ update, needs });
    this.pump(agent);
  }

  private pump(agent: number): void {
    const queue = this.queues[agent]!;
    const writer = this.writers[agent]!;
    let have: Map<number, number> | null = null;
    while (queue.length > 0) {
      const head = queue[0]!;
      have ??= Y.decodeStateVector(Y.encodeStateVector(writer.doc));
      let ready = true;
      for (const [client, clock] of head.needs) {
        if (client === this.agentClientIds[agent]) continue;
        if ((have.get(client) ?? 0) < clock) {
          ready = false;
          break;
        }
      }
      if (!ready) return;
      queue.shift();
      writer.sendUpdate(head.update);
      this.sent++;
      have = null;
    }
  }
}

async function runConcurrent(
  context: RunContext,
  trace: ConcurrentTrace,
  floorMs: () => number,
): Promise<RunResult> {
  const { server, clientKind } = context;
  const room = await server.createRoom("bench concurrent trace");
  const clients: BenchClient[] = [];
  try {
    const writers = Array.from({ length: trace.numAgents }, () =>
      connectClient(server, room, clientKind),
    );
    const observer = connectClient(server, room, clientKind);
    clients.push(...writers, observer);
    await withTimeout(Promise.all(clients.map((c) => c.synced)), 30_000, "concurrent clients sync");
    const text = observer.doc.getText(TEXT_FIELD);
    const end = trace.endContent;
    const done = whenDoc(
      observer.doc,
      () => text.length === end.length && text.toString() === end,
      300_000,
      "observer reaching endContent",
    );
    const cpuBefore = server.cpuMs();
    const start = performance.now();
    let replay: ConcurrentReplay | undefined;
    const sender = new CausalSender(
      writers,
      writers.map((_, agent) => agentClientId(agent)),
    );
    const onUpdate = (agent: number, update: Uint8Array) => {
      const doc = replay!.agentDocs[agent]!;
      sender.push(agent, update, Y.decodeStateVector(Y.encodeStateVector(doc)));
    };
    replay = new ConcurrentReplay(
      (i) => trace.txns[i]!.parents,
      trace.numAgents,
      trace.txns.length,
      onUpdate,
    );
    for (let from = 0; from < trace.txns.length; from += SLICE) {
      replayConcurrent(trace, onUpdate, from, Math.min(trace.txns.length, from + SLICE), replay);
      await yieldTurn();
    }
    await done;
    const replayMs = performance.now() - start;
    replay.destroy();
    return {
      values: {
        replayMs,
        replayVsFloor: replayMs / floorMs(),
        serverCpuMs: server.cpuMs() - cpuBefore,
      },
    };
  } finally {
    closeAll(clients);
  }
}

export function concurrentTraceScenario(trace: ConcurrentTrace): Scenario {
  let floors: RunValues = {};
  return {
    id: "concurrent-trace",
    title: "Trace replay (concurrent, two writers)",
    describe: `\`${trace.name}\`: ${trace.txns.length.toLocaleString("en")} transactions by ${trace.numAgents} agents, each agent a separate connection sending its own updates (${SLICE} transactions per event-loop turn); one observer follows; final text ${trace.endContent.length.toLocaleString("en")} characters.`,
    metrics: METRICS,
    localMetrics: LOCAL_METRICS,
    runLocal: async () => {
      floors = measureConcurrentFloor(trace);
      return floors;
    },
    run: (context) => runConcurrent(context, trace, () => floors.floorMs ?? Number.NaN),
  };
}
