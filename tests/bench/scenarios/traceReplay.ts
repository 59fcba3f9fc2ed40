/**
 * Trace replay and cold load. A writer replays a sequential editing trace (one Yjs transaction per
 * trace transaction, in slices so sockets keep flowing) into one Y.Text through the server while
 * an observer follows; the figure is the time until the observer holds exactly `endContent`.
 * Then, on the same room, cold load: a new client's time to sync the replayed document while the
 * room is loaded, and again after the room was compacted (Parley: all clients gone, room
 * unloaded (Hocuspocus: the same, after it stored its snapshot) — or, if unloading cannot be
 * observed, the server restarted; the reference never
 * unloads a room, so its figure is again its in-memory document).
 */
import { setImmediate as yieldTurn } from "node:timers/promises";
import * as Y from "yjs";
import { type BenchClient, closeAll, connectClient, whenDoc, withTimeout } from "../clients.js";
import { median } from "../stats.js";
import { replaySequential, type SequentialTrace, TEXT_FIELD } from "../traces.js";
import { readMetrics, STORAGE_METRICS, storageDelta } from "./storageStats.js";
import {
  type Metric,
  pollUntil,
  type RunContext,
  type RunResult,
  type RunValues,
  type Scenario,
} from "./types.js";

const SLICE = 1000;
/** Timed local replays for the floor (after one untimed warm-up replay). */
const FLOOR_RUNS = 3;
const REPLAY_TABLE = "Trace replay (sequential)";
const COLD_TABLE = "Cold load of the replayed document";

export const TRACE_REPLAY_METRICS: Metric[] = [
  {
    key: "replayMs",
    label: "replay through the server until the observer holds endContent",
    unit: "ms",
    better: "lower",
    table: REPLAY_TABLE,
  },
  {
    key: "replayVsFloor",
    label: "replay ÷ local floor (target ≤ 3)",
    unit: "count",
    better: "lower",
    table: REPLAY_TABLE,
  },
  {
    key: "serverCpuMs",
    label: "server CPU during the replay",
    unit: "ms",
    better: "lower",
    table: REPLAY_TABLE,
  },
  {
    key: "harnessCpuMs",
    label: "harness CPU during the replay (writer and observer share one process)",
    unit: "ms",
    better: "lower",
    table: REPLAY_TABLE,
  },
  ...STORAGE_METRICS.map((m) => ({ ...m, table: REPLAY_TABLE })),
  {
    key: "loadedMs",
    label: "new client, room loaded (history in memory)",
    unit: "ms",
    better: "lower",
    table: COLD_TABLE,
  },
  {
    key: "compactedMs",
    label: "new client after compaction (first join: loads the room)",
    unit: "ms",
    better: "lower",
    table: COLD_TABLE,
  },
  {
    key: "compactedWarmMs",
    label: "second client after compaction (room loaded again)",
    unit: "ms",
    better: "lower",
    table: COLD_TABLE,
  },
  {
    key: "compactedVsParse",
    label: "after compaction ÷ local parse (target ≤ 2)",
    unit: "count",
    better: "lower",
    table: COLD_TABLE,
  },
  {
    key: "unloadWaitMs",
    label: "wait for the room to unload after the last client left",
    unit: "ms",
    better: "lower",
    table: COLD_TABLE,
  },
  {
    key: "storedBeforeKB",
    label: "data directory after the replay",
    unit: "KB",
    better: "lower",
    table: COLD_TABLE,
  },
  {
    key: "storedAfterKB",
    label: "data directory after compaction",
    unit: "KB",
    better: "lower",
    table: COLD_TABLE,
  },
];

const LOCAL_METRICS: Metric[] = [
  {
    key: "floorMs",
    label: "local floor: replay into one Y.Doc, no network",
    unit: "ms",
    better: "lower",
    table: REPLAY_TABLE,
  },
  {
    key: "pipeFloorMs",
    label: "local pipe: writer Y.Doc → updates → observer Y.Doc, no network",
    unit: "ms",
    better: "lower",
    table: REPLAY_TABLE,
  },
  {
    key: "parseMs",
    label: "local parse: Y.applyUpdate of the final state into a new Y.Doc + toString",
    unit: "ms",
    better: "lower",
    table: COLD_TABLE,
  },
  {
    key: "stateKB",
    label: "final state (Y.encodeStateAsUpdate) size",
    unit: "KB",
    better: "lower",
    table: COLD_TABLE,
  },
];

/** The local, network-free figures; `floor` is also what the network replay is divided by. */
export async function measureSequentialFloors(trace: SequentialTrace): Promise<RunValues> {
  // The floor is the median of FLOOR_RUNS warm replays: the first replay in a process also pays
  // for compiling Yjs's hot paths, which the networked replay (run later) does not.
  const floors: number[] = [];
  let local: Y.Doc | null = null;
  for (let run = 0; run <= FLOOR_RUNS; run++) {
    local?.destroy();
    local = new Y.Doc();
    const started = performance.now();
    replaySequential(local, trace.txns);
    if (run > 0) floors.push(performance.now() - started);
  }
  if (!local) throw new Error("no floor replay ran");
  const floorMs = median(floors);
  if (local.getText(TEXT_FIELD).toString() !== trace.endContent)
    throw new Error("local replay differs from endContent");

  const writer = new Y.Doc();
  const observer = new Y.Doc();
  writer.on("update", (update: Uint8Array) => Y.applyUpdate(observer, update));
  let t = performance.now();
  replaySequential(writer, trace.txns);
  const pipeFloorMs = performance.now() - t;
  if (observer.getText(TEXT_FIELD).toString() !== trace.endContent)
    throw new Error("piped replay differs");

  const state = Y.encodeStateAsUpdate(local);
  const parses: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, state);
    const ok = fresh.getText(TEXT_FIELD).toString() === trace.endContent;
    parses.push(performance.now() - t);
    fresh.destroy();
    if (!ok) throw new Error("parsed state differs from endContent");
  }
  for (const doc of [local, writer, observer]) doc.destroy();
  return { floorMs, pipeFloorMs, parseMs: median(parses), stateKB: state.length / 1024 };
}

async function timeJoin(
  context: RunContext,
  room: string,
  endContent: string,
): Promise<{ ms: number; client: BenchClient }> {
  const start = performance.now();
  const client = connectClient(context.server, room, context.clientKind);
  try {
    await withTimeout(client.synced, 120_000, "cold-load sync");
    const text = client.doc.getText(TEXT_FIELD);
    await whenDoc(
      client.doc,
      () => text.length === endContent.length && text.toString() === endContent,
      120_000,
      "cold-load content",
    );
  } catch (error) {
    client.close();
    throw error;
  }
  return { ms: performance.now() - start, client };
}

async function waitForCompaction(context: RunContext): Promise<{ waitedMs: number; how: string }> {
  const { server } = context;
  const start = performance.now();
  if (!server.unloadsRooms)
    return { waitedMs: Number.NaN, how: "never unloads (in-memory document)" };
  const unloaded = await pollUntil(
    async () => (await server.loadedRooms()) === 0,
    context.quick ? 20_000 : 60_000,
    100,
  );
  if (unloaded) return { waitedMs: performance.now() - start, how: "room unloaded" };
  if (!server.restart) throw new Error("room did not unload and the server cannot restart");
  await server.restart();
  return {
    waitedMs: Number.NaN,
    how: "no unload seen in /metrics: restarted the server (SIGTERM + start)",
  };
}

/** One replay and cold load on a started server (also run by the PostgreSQL scale-out scenario). */
export async function runTraceReplay(
  context: RunContext,
  trace: SequentialTrace,
  floorMs: () => number,
  parseMs: () => number,
): Promise<RunResult> {
  const { server, clientKind } = context;
  const room = await server.createRoom("bench trace replay");
  const clients: BenchClient[] = [];
  const notes: string[] = [];
  try {
    const writer = connectClient(server, room, clientKind);
    const observer = connectClient(server, room, clientKind);
    clients.push(writer, observer);
    await withTimeout(Promise.all([writer.synced, observer.synced]), 30_000, "replay clients sync");
    const text = observer.doc.getText(TEXT_FIELD);
    const end = trace.endContent;
    const done = whenDoc(
      observer.doc,
      () => text.length === end.length && text.toString() === end,
      300_000,
      "observer reaching endContent",
    );
    const metricsBefore = await readMetrics(server);
    const cpuBefore = server.cpuMs();
    const start = performance.now();
    const harnessBefore = process.cpuUsage();
    for (let from = 0; from < trace.txns.length; from += SLICE) {
      writer.sendingTogether(() =>
        replaySequential(writer.doc, trace.txns, from, Math.min(trace.txns.length, from + SLICE)),
      );
      await yieldTurn();
    }
    await done;
    const replayMs = performance.now() - start;
    const harness = process.cpuUsage(harnessBefore);
    const serverCpuMs = server.cpuMs() - cpuBefore;
    const storage = storageDelta(metricsBefore, await readMetrics(server));

    const loaded: number[] = [];
    for (let i = 0; i < 3; i++) {
      const join = await timeJoin(context, room, end);
      loaded.push(join.ms);
      join.client.close();
    }
    const storedBeforeKB = server.storedBytes() / 1024;
    closeAll(clients.splice(0));
    const compaction = await waitForCompaction(context);
    notes.push(`compaction: ${compaction.how}`);
    const first = await timeJoin(context, room, end);
    clients.push(first.client);
    const second = await timeJoin(context, room, end);
    clients.push(second.client);
    return {
      values: {
        ...storage,
        replayMs,
        replayVsFloor: replayMs / floorMs(),
        serverCpuMs,
        harnessCpuMs: (harness.user + harness.system) / 1000,
        loadedMs: median(loaded),
        compactedMs: first.ms,
        compactedWarmMs: second.ms,
        compactedVsParse: first.ms / parseMs(),
        unloadWaitMs: compaction.waitedMs,
        storedBeforeKB,
        storedAfterKB: server.storedBytes() / 1024,
      },
      notes,
    };
  } finally {
    closeAll(clients);
  }
}

export function traceReplayScenario(trace: SequentialTrace): Scenario {
  let floors: RunValues = {};
  return {
    id: "trace-replay",
    title: REPLAY_TABLE,
    describe: `\`${trace.name}\`: ${trace.txns.length.toLocaleString("en")} transactions replayed into one Y.Text (one Yjs transaction each, ${SLICE} per event-loop turn) by one writer while one observer follows; final text ${trace.endContent.length.toLocaleString("en")} characters. Cold load uses the same room afterwards.`,
    metrics: TRACE_REPLAY_METRICS,
    localMetrics: LOCAL_METRICS,
    runLocal: async () => {
      floors = await measureSequentialFloors(trace);
      return floors;
    },
    run: (context) =>
      runTraceReplay(
        context,
        trace,
        () => floors.floorMs ?? Number.NaN,
        () => floors.parseMs ?? Number.NaN,
      ),
  };
}
