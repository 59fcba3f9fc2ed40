/**
 * Many rooms: R rooms × C clients, every client both writes (at a steady per-client rate, phases
 * spread out) and observes the others in its room. Reports the aggregate rate of delivered
 * updates and the latency distribution over all deliveries.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type BenchClient, closeAll, connectMany } from "../clients.js";
import { SampleBuffer, summarize } from "../stats.js";
import { observeStamps, stampedEdit } from "./fanout.js";
import { readMetrics, STORAGE_METRICS, storageDelta } from "./storageStats.js";
import {
  type Metric,
  pause,
  pollUntil,
  type RunContext,
  type RunResult,
  type Scenario,
} from "./types.js";

export interface ManyRoomsConfig {
  rooms: number;
  clientsPerRoom: number;
  editsPerClientPerSecond: number;
  durationMs: number;
  drainMs: number;
}

const METRICS: Metric[] = [
  {
    key: "deliveredPerSecond",
    label: "delivered updates/s (all observers)",
    unit: "updates/s",
    better: "higher",
  },
  { key: "p50", label: "latency p50", unit: "ms", better: "lower" },
  { key: "p99", label: "latency p99", unit: "ms", better: "lower" },
  { key: "max", label: "latency max", unit: "ms", better: "lower" },
  { key: "drops", label: "drops (updates never received)", unit: "count", better: "lower" },
  { key: "serverCpuMs", label: "server CPU during the edits", unit: "ms", better: "lower" },
  {
    key: "connectMs",
    label: "time to create rooms + connect and sync all clients",
    unit: "ms",
    better: "lower",
  },
  { key: "rssMB", label: "server RSS with all rooms loaded", unit: "MB", better: "lower" },
  { key: "harnessLagP99", label: "harness event-loop delay p99", unit: "ms", better: "lower" },
];

async function runManyRooms(context: RunContext, config: ManyRoomsConfig): Promise<RunResult> {
  const { server, clientKind } = context;
  const connectStart = performance.now();
  const roomNames: string[] = [];
  for (let r = 0; r < config.rooms; r++) roomNames.push(await server.createRoom(`bench room ${r}`));
  const perClient = roomNames.flatMap((room) =>
    new Array<string>(config.clientsPerRoom).fill(room),
  );
  let clients: BenchClient[] = [];
  try {
    clients = await connectMany(server, perClient, clientKind);
    const connectMs = performance.now() - connectStart;
    await pause(1000);

    const editsPerClient = Math.max(
      1,
      Math.round((config.editsPerClientPerSecond * config.durationMs) / 1000),
    );
    const total = editsPerClient * clients.length;
    const sentAt = new Float64Array(total);
    const latencies = new SampleBuffer(total * (config.clientsPerRoom - 1));
    let received = 0;
    let lastReceipt = 0;
    for (const client of clients) {
      observeStamps(client.doc, (id) => {
        const now = performance.now();
        latencies.push(now - sentAt[id]!);
        received++;
        lastReceipt = now;
      });
    }
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const metricsBefore = await readMetrics(server);
    const cpuBefore = server.cpuMs();
    const period = 1000 / config.editsPerClientPerSecond;
    // one schedule for everyone: client k's j-th edit is due at start + (j + k / clients) * period
    const start = performance.now();
    let nextId = 0;
    for (let j = 0; j < editsPerClient; j++) {
      for (let k = 0; k < clients.length; k++) {
        const due = start + (j + k / clients.length) * period;
        const wait = due - performance.now();
        if (wait > 2) await pause(wait);
        const id = nextId++;
        sentAt[id] = performance.now();
        stampedEdit(clients[k]!.doc, id);
      }
    }
    const expected = total * (config.clientsPerRoom - 1);
    await pollUntil(() => received >= expected, config.drainMs, 10);
    const serverCpuMs = server.cpuMs() - cpuBefore;
    const storage = storageDelta(metricsBefore, await readMetrics(server));
    lag.disable();
    const summary = summarize(latencies.values());
    const elapsedS = (Math.max(lastReceipt, start + 1) - start) / 1000;
    return {
      values: {
        ...storage,
        deliveredPerSecond: received / elapsedS,
        p50: summary.p50,
        p99: summary.p99,
        max: summary.max,
        drops: expected - received,
        serverCpuMs,
        connectMs,
        rssMB: server.rssBytes() / 1e6,
        harnessLagP99: lag.percentile(99) / 1e6,
      },
    };
  } finally {
    closeAll(clients);
  }
}

export function manyRoomsScenario(quick: boolean): Scenario {
  const config: ManyRoomsConfig = {
    rooms: quick ? 50 : 200,
    clientsPerRoom: 5,
    editsPerClientPerSecond: 1,
    durationMs: quick ? 4_000 : 8_000,
    drainMs: 15_000,
  };
  const clients = config.rooms * config.clientsPerRoom;
  return {
    id: "many-rooms",
    title: `Many rooms: ${config.rooms} rooms × ${config.clientsPerRoom} clients`,
    describe: `${clients} connections; every client makes ${config.editsPerClientPerSecond} edit/s for ${config.durationMs / 1000} s (offered ${clients * config.editsPerClientPerSecond} edits/s, ${clients * config.editsPerClientPerSecond * (config.clientsPerRoom - 1)} deliveries/s), phases spread evenly.`,
    metrics: [...METRICS, ...STORAGE_METRICS],
    preferredClient: "raw",
    run: (context) => runManyRooms(context, config),
  };
}
