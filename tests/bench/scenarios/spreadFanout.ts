/**
 * Fan-out over several server processes of one deployment: the writer on the first process, the
 * observers spread over all of them in turn (observer i on process i mod n), the same edits and
 * timing as `fanout.ts`. With one process it is that scenario's fan-out. Latencies are also kept
 * apart for the observers on another process than the writer's: what crossing processes costs.
 */
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  type BenchClient,
  type ClientKind,
  closeAll,
  connectClient,
  withTimeout,
} from "../clients.js";
import type { BenchServer } from "../servers.js";
import { SampleBuffer, summarize } from "../stats.js";
import { editCount, type FanoutConfig, observeStamps, stampedEdit } from "./fanout.js";
import { profileFolder, type ScaleOutScenario } from "./scaleOut.js";
import { type Metric, pause, pollUntil, type RunResult } from "./types.js";

export const SPREAD_FANOUT_METRICS: Metric[] = [
  { key: "p50", label: "latency p50 (all observers)", unit: "ms", better: "lower" },
  { key: "p99", label: "latency p99 (all observers)", unit: "ms", better: "lower" },
  {
    key: "remoteP99",
    label: "latency p99, observers on another process than the writer",
    unit: "ms",
    better: "lower",
  },
  { key: "max", label: "latency max", unit: "ms", better: "lower" },
  { key: "drops", label: "drops (updates never received)", unit: "count", better: "lower" },
  {
    key: "serversCpuMs",
    label: "CPU of the server processes during the edits",
    unit: "ms",
    better: "lower",
  },
  { key: "harnessLagP99", label: "harness event-loop delay p99", unit: "ms", better: "lower" },
];

function cpuOf(servers: readonly BenchServer[]): number {
  return servers.reduce((sum, s) => sum + s.cpuMs(), 0);
}

/**
 * `room` must be servable by every process (created through the first one). Connects the writer
 * to `servers[0]` and `config.observers` observers round-robin, then measures.
 */
export async function runSpreadFanout(
  servers: readonly BenchServer[],
  room: string,
  clientKind: ClientKind,
  config: FanoutConfig,
): Promise<RunResult> {
  const first = servers[0];
  if (!first) throw new Error("no server");
  const clients: BenchClient[] = [];
  try {
    const writer = connectClient(first, room, clientKind);
    clients.push(writer);
    await withTimeout(writer.synced, 30_000, "writer sync");
    const observers: BenchClient[] = [];
    for (let i = 0; i < config.observers; i++) {
      const observer = connectClient(servers[i % servers.length]!, room, clientKind);
      clients.push(observer);
      observers.push(observer);
    }
    await withTimeout(Promise.all(observers.map((o) => o.synced)), 60_000, "observers sync");
    await pause(500 + config.observers * 5);

    const total = editCount(config);
    const sentAt = new Float64Array(total);
    const latencies = new SampleBuffer(total * config.observers);
    const remote = new SampleBuffer(total * config.observers);
    let received = 0;
    observers.forEach((observer, i) => {
      const isRemote = i % servers.length !== 0;
      observeStamps(observer.doc, (id) => {
        const ms = performance.now() - sentAt[id]!;
        latencies.push(ms);
        if (isRemote) remote.push(ms);
        received++;
      });
    });
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const cpuBefore = cpuOf(servers);
    const period = 1000 / config.ratePerSecond;
    const start = performance.now();
    for (let id = 0; id < total; id++) {
      const wait = start + id * period - performance.now();
      if (wait > 1) await pause(wait);
      sentAt[id] = performance.now();
      stampedEdit(writer.doc, id);
    }
    const expected = total * config.observers;
    await pollUntil(() => received >= expected, config.drainMs, 10);
    const serversCpuMs = cpuOf(servers) - cpuBefore;
    lag.disable();
    const all = summarize(latencies.values());
    const remoteValues = remote.values();
    return {
      values: {
        p50: all.p50,
        p99: all.p99,
        remoteP99: remoteValues.length > 0 ? summarize(remoteValues).p99 : Number.NaN,
        max: all.max,
        drops: expected - received,
        serversCpuMs,
        harnessLagP99: lag.percentile(99) / 1e6,
      },
      latencies: Float64Array.from(latencies.values()),
    };
  } finally {
    closeAll(clients);
  }
}

/** The cross-process fan-out's load: one writer, this many observers, as in `fanout.ts`. */
export const SPREAD_OBSERVERS = 50;

/** One configuration of a deployment: its column's name, how many processes, and a variant. */
export interface SpreadConfiguration {
  name: string;
  processes: number;
  /** A deployment-specific variation (e.g. a measurement-only setting); absent: the default. */
  variant?: string;
}

/** One deployment's two sizes measured side by side: alone, and spread over `many` processes. */
export interface SpreadFanoutSetup {
  id: string;
  title: string;
  /** What a process is called in this deployment, one and several ("instance", "instances"). */
  unit: readonly [string, string];
  /** The deployment and what it does with an edit (after the load, which is described here). */
  describe: string;
  /** Configuration names and process counts: one process (the ratio's base) and several. */
  one: SpreadConfiguration;
  many: SpreadConfiguration;
  /** More columns, measured in the same repetitions (no ratio of their own). */
  also?: readonly SpreadConfiguration[];
  targets: readonly string[];
  /**
   * One measurement of `configuration` (started, measured with `runSpreadFanout`, stopped); with
   * `profileDir`, its servers write CPU profiles there.
   */
  once(
    configuration: SpreadConfiguration,
    config: FanoutConfig,
    profileDir?: string,
  ): Promise<RunResult>;
}

/**
 * A scale-out scenario comparing one process with several (Hocuspocus + Redis, Parley on
 * PostgreSQL + Redis): the same load, the same metrics and the order alternating per repetition,
 * so that the two tables read side by side.
 */
export function spreadFanoutScenario(setup: SpreadFanoutSetup, quick: boolean): ScaleOutScenario {
  const config: FanoutConfig = {
    observers: SPREAD_OBSERVERS,
    ratePerSecond: 25,
    // 20 s: 500 edits, so that the p99 of the observers on other processes is about the fifth
    // slowest edit (each edit reaches them all at once). With 8 s it was the second slowest of 200,
    // one stall of any process in the run, and moved by ±30 % between repetitions.
    durationMs: quick ? 3_000 : 20_000,
    drainMs: 10_000,
  };
  const { one, many } = setup;
  const all = [one, many, ...(setup.also ?? [])];
  return {
    id: setup.id,
    title: setup.title,
    describe: `One room; the writer, on the first ${setup.unit[0]}, makes ${config.ratePerSecond} edits/s for ${config.durationMs / 1000} s as in the fan-out scenarios; ${config.observers} observers spread over the ${setup.unit[1]} (observer i on ${setup.unit[0]} i mod n) time each edit from send to receipt. ${setup.describe}`,
    metrics: SPREAD_FANOUT_METRICS,
    configurations: all.map(({ name }) => name),
    ratio: { of: many.name, to: one.name },
    targets: setup.targets,
    async run({ log, profileDir }, rep) {
      const order = rep % 2 === 0 ? all : [...all].reverse();
      const results: Record<string, RunResult> = {};
      for (const configuration of order) {
        const { name } = configuration;
        const result = await setup.once(
          configuration,
          config,
          profileDir ? join(profileDir, profileFolder(name)) : undefined,
        );
        results[name] = result;
        const v = result.values;
        log(
          `${setup.id} rep ${rep + 1} ${name}: p99=${v.p99?.toFixed(1)} remoteP99=${v.remoteP99?.toFixed(1)} drops=${v.drops}`,
        );
      }
      return results;
    },
  };
}
