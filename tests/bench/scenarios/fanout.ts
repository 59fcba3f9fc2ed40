/**
 * Fan-out: one writer and N observers in one room. The writer edits at a steady rate; every edit
 * is one transaction that appends a few characters to a Y.Text and pushes its sequence number to
 * a Y.Array. Each observer records, per received sequence number, the delay since the writer's
 * send (one clock: all clients live in this process). Edits never received are drops.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type * as Y from "yjs";
import { type BenchClient, closeAll, connectClient, connectMany, withTimeout } from "../clients.js";
import { SampleBuffer, summarize } from "../stats.js";
import { TEXT_FIELD } from "../traces.js";
import { readMetrics, STORAGE_METRICS, storageDelta } from "./storageStats.js";
import {
  type Metric,
  pause,
  pollUntil,
  type RunContext,
  type RunResult,
  type Scenario,
} from "./types.js";

export const STAMPS_FIELD = "stamps";

export interface FanoutConfig {
  observers: number;
  ratePerSecond: number;
  durationMs: number;
  /** Longest wait for stragglers after the last edit. */
  drainMs: number;
}

/** How many edits the writer makes in a run of `config`. */
export function editCount(config: FanoutConfig): number {
  return Math.max(1, Math.round((config.ratePerSecond * config.durationMs) / 1000));
}

export const LATENCY_METRICS: Metric[] = [
  { key: "p50", label: "latency p50", unit: "ms", better: "lower" },
  { key: "p99", label: "latency p99", unit: "ms", better: "lower" },
  { key: "max", label: "latency max", unit: "ms", better: "lower" },
  { key: "drops", label: "drops (updates never received)", unit: "count", better: "lower" },
  { key: "serverCpuMs", label: "server CPU during the edits", unit: "ms", better: "lower" },
  { key: "harnessLagP99", label: "harness event-loop delay p99", unit: "ms", better: "lower" },
];

/** Observes remote pushes to the stamps array; calls `onStamp(id)` for every id received. */
export function observeStamps(doc: Y.Doc, onStamp: (id: number) => void): void {
  doc.getArray<number>(STAMPS_FIELD).observe((event) => {
    if (event.transaction.local) return;
    for (const op of event.changes.delta) {
      if (op.insert === undefined || !Array.isArray(op.insert)) continue;
      for (const id of op.insert as number[]) onStamp(id);
    }
  });
}

/** One edit: a few characters typed at the end of the text and the edit's id pushed. */
export function stampedEdit(doc: Y.Doc, id: number): void {
  doc.transact(() => {
    const text = doc.getText(TEXT_FIELD);
    text.insert(text.length, `e${id} `);
    doc.getArray<number>(STAMPS_FIELD).push([id]);
  });
}

export async function runFanout(context: RunContext, config: FanoutConfig): Promise<RunResult> {
  const { server, clientKind } = context;
  const room = await server.createRoom("bench fan-out");
  const clients: BenchClient[] = [];
  try {
    const writer = connectClient(server, room, clientKind);
    clients.push(writer);
    await withTimeout(writer.synced, 30_000, "writer sync");
    const observers = await connectMany(
      server,
      new Array<string>(config.observers).fill(room),
      clientKind,
    );
    clients.push(...observers);
    // let the join traffic (awareness of N clients to N clients) drain before measuring
    await pause(500 + config.observers * 5);

    const total = editCount(config);
    const sentAt = new Float64Array(total);
    const latencies = new SampleBuffer(total * config.observers);
    let received = 0;
    for (const observer of observers) {
      observeStamps(observer.doc, (id) => {
        latencies.push(performance.now() - sentAt[id]!);
        received++;
      });
    }
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const metricsBefore = await readMetrics(server);
    const cpuBefore = server.cpuMs();
    const period = 1000 / config.ratePerSecond;
    const start = performance.now();
    for (let id = 0; id < total; id++) {
      const due = start + id * period;
      const wait = due - performance.now();
      if (wait > 1) await pause(wait);
      sentAt[id] = performance.now();
      stampedEdit(writer.doc, id);
    }
    const expected = total * config.observers;
    await pollUntil(() => received >= expected, config.drainMs, 10);
    const serverCpuMs = server.cpuMs() - cpuBefore;
    const storage = storageDelta(metricsBefore, await readMetrics(server));
    lag.disable();
    const summary = summarize(latencies.values());
    return {
      values: {
        ...storage,
        p50: summary.p50,
        p99: summary.p99,
        max: summary.max,
        drops: expected - received,
        serverCpuMs,
        harnessLagP99: lag.percentile(99) / 1e6,
      },
      latencies: Float64Array.from(latencies.values()),
    };
  } finally {
    closeAll(clients);
  }
}

export function fanoutScenario(observers: number, quick: boolean): Scenario {
  const config: FanoutConfig = {
    observers,
    ratePerSecond: 25,
    durationMs: quick ? 3_000 : 8_000,
    drainMs: 10_000,
  };
  return {
    id: `fanout-${observers}`,
    title: `Fan-out: 1 writer → ${observers} observers`,
    describe: `One room; the writer makes ${config.ratePerSecond} edits/s for ${config.durationMs / 1000} s (each edit appends to a Y.Text and pushes its sequence number); every observer times each edit from send to its own receipt.`,
    metrics: [...LATENCY_METRICS, ...STORAGE_METRICS],
    preferredClient: "raw",
    run: (context) => runFanout(context, config),
  };
}
