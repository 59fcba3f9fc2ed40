/**
 * Memory, measured from outside as the server process's VmRSS: after creating R rooms and a
 * warm-up (so that REST handling, lazily loaded code and the JIT's work are not counted), open
 * the R rooms with one client and ~2 KB of text each (per loaded room), then add more idle connections to
 * those rooms (per connection), then
 * close everything and wait for the rooms to unload (RSS after unload, against the baseline).
 * Every reading is the lowest over 8 idle seconds with a full collection every 2 s
 * (`lowestIdle`), the baseline as much as the readings with rooms: read once, 1.5 s after the
 * edits, the rooms' figure also counted heap that V8 hands back within seconds, and it caught
 * Hocuspocus before its debounced store (2 s after the last change), so a room was not idle yet.
 * V8 does not hand freed heap back at once, so "after unload" is an upper bound. Parley also
 * reports its V8 heap in use (`parley_heap_used_bytes` in /metrics): unlike RSS it falls back once
 * the unloaded rooms are collected, so "back to baseline" is judged on the heap as well. Before
 * each reading the harness asks the server for a full garbage collection (both servers run with
 * `--expose-gc`; see `collectGarbage`), so the figures do not depend on when V8 chose to collect.
 *
 * The warm-up takes 20 rooms (5 with --quick) with two clients each through a whole life — load,
 * sync, edits, broadcast, unload with compaction — and waits until the server reports no room
 * loaded. With the earlier warm-up (one room, still loaded at the baseline), ~1 MB of the ~7 MB
 * heap growth stayed after unload; heap snapshots before and after showed that it was V8 code and
 * type feedback (optimized code, deopt data, feedback vectors, inline-cache handlers) for the
 * paths the 200 rooms made hot, ~65 KB of anything else, and nothing per room; further load/unload
 * cycles of 200 rooms added only code (~0.1 MB a cycle, shrinking). The warm-up keeps that one-off
 * compilation out of "retained after unload".
 */
import { type BenchClient, closeAll, connectMany } from "../clients.js";
import { TEXT_FIELD } from "../traces.js";
import {
  type Metric,
  pause,
  pollUntil,
  type RunContext,
  type RunResult,
  type Scenario,
} from "./types.js";

export interface MemoryConfig {
  rooms: number;
  /** Rooms (two clients each) taken through load, edits and unload before the baseline. */
  warmUpRooms: number;
  extraConnections: number;
  unloadWaitMs: number;
}

const METRICS: Metric[] = [
  {
    key: "baselineMB",
    label: "RSS at baseline (after the warm-up; lowest over 8 s)",
    unit: "MB",
    better: "lower",
  },
  {
    key: "perRoomKB",
    label: "RSS per loaded room (1 connection, ~2 KB text)",
    unit: "KB",
    better: "lower",
  },
  { key: "perConnectionKB", label: "RSS per extra idle connection", unit: "KB", better: "lower" },
  {
    key: "peakMB",
    label: "RSS with all rooms and connections (lowest over 8 s)",
    unit: "MB",
    better: "lower",
  },
  {
    key: "afterUnloadMB",
    label: "RSS after all clients left and rooms unloaded (lowest over 8 s)",
    unit: "MB",
    better: "lower",
  },
  {
    key: "retainedPct",
    label: "share of the growth still held after unload",
    unit: "%",
    better: "lower",
  },
  {
    key: "heapBaselineMB",
    label: "V8 heap in use at baseline (Parley's /metrics; lowest over 8 s)",
    unit: "MB",
    better: "lower",
  },
  {
    key: "heapPeakMB",
    label: "V8 heap in use with all rooms and connections (lowest over 8 s)",
    unit: "MB",
    better: "lower",
  },
  {
    key: "heapAfterUnloadMB",
    label: "V8 heap in use after unload (lowest over 8 s)",
    unit: "MB",
    better: "lower",
  },
  {
    key: "heapRetainedPct",
    label: "share of the heap growth still held after unload",
    unit: "%",
    better: "lower",
  },
  {
    key: "unloadWaitMs",
    label: "wait until the server reported 0 loaded rooms",
    unit: "ms",
    better: "lower",
  },
];

const FILLER =
  "The parties agree to a phased withdrawal, verified by the joint commission. ".repeat(27);

/** Half-second RSS samples at the baseline and after unload (8 s): the figure is their minimum. */
const IDLE_SAMPLES = 16;

/** The server's V8 heap in use (Parley's /metrics), NaN where the server does not report it. */
async function heapBytes(context: RunContext): Promise<number> {
  const metrics = await context.server.metrics();
  return metrics?.get("parley_heap_used_bytes") ?? Number.NaN;
}

async function settle(context: RunContext): Promise<void> {
  // RSS moves for a moment after a burst of work; a short, bounded pause before reading it
  await pause(750);
  context.server.collectGarbage();
  await pause(750);
}

/**
 * The lowest RSS and V8 heap seen over a bounded idle window (a full collection every 2 s): V8
 * and the allocator hand freed pages back lazily. Parley's RSS fell by about 35 MB some 5 s after
 * the warm-up (140 → 106 MB, heap steady): read at once, such a baseline was above the RSS with
 * all rooms loaded, and the per-room figure came out negative.
 */
async function lowestIdle(context: RunContext): Promise<{ rss: number; heap: number }> {
  let rss = context.server.rssBytes();
  let heap = await heapBytes(context);
  for (let i = 0; i < IDLE_SAMPLES; i++) {
    if (i % 4 === 0) context.server.collectGarbage();
    await pause(500);
    rss = Math.min(rss, context.server.rssBytes());
    heap = Math.min(heap, await heapBytes(context));
  }
  return { rss, heap };
}

async function runMemory(context: RunContext, config: MemoryConfig): Promise<RunResult> {
  const { server, clientKind } = context;
  const notes: string[] = [];
  // rooms are created (REST, storage) before the baseline: only loading them is measured
  const rooms: string[] = [];
  for (let r = 0; r < config.rooms; r++) rooms.push(await server.createRoom(`memory room ${r}`));
  const warmRooms: string[] = [];
  for (let r = 0; r < config.warmUpRooms; r++) warmRooms.push(await server.createRoom(`warm ${r}`));
  const warm = await connectMany(server, [...warmRooms, ...warmRooms], clientKind);
  for (const client of warm) client.doc.getText(TEXT_FIELD).insert(0, FILLER);
  await pause(500);
  closeAll(warm);
  if (server.unloadsRooms) {
    const unloaded = await pollUntil(
      async () => (await server.loadedRooms()) === 0,
      config.unloadWaitMs,
      100,
    );
    if (!unloaded) notes.push("the warm-up rooms were still loaded at the baseline");
  }
  const { rss: baseline, heap: heapBaseline } = await lowestIdle(context);

  let clients: BenchClient[] = [];
  try {
    clients = await connectMany(server, rooms, clientKind);
    for (const client of clients) client.doc.getText(TEXT_FIELD).insert(0, FILLER);
    await settle(context);
    const { rss: withRooms } = await lowestIdle(context);
    const extraRooms = Array.from(
      { length: config.extraConnections },
      (_, i) => rooms[i % rooms.length]!,
    );
    clients.push(...(await connectMany(server, extraRooms, clientKind)));
    await settle(context);
    const { rss: peak, heap: heapPeak } = await lowestIdle(context);
    closeAll(clients.splice(0));

    const start = performance.now();
    let unloadWaitMs = Number.NaN;
    if (server.unloadsRooms) {
      const unloaded = await pollUntil(
        async () => (await server.loadedRooms()) === 0,
        config.unloadWaitMs,
        100,
      );
      if (unloaded) unloadWaitMs = performance.now() - start;
      else
        notes.push(
          `rooms still reported loaded (or no gauge in /metrics) after ${config.unloadWaitMs} ms`,
        );
    } else {
      notes.push("the reference keeps every room in memory without persistence (never unloads)");
    }
    const { rss: after, heap: heapAfter } = await lowestIdle(context);
    return {
      values: {
        baselineMB: baseline / 1e6,
        perRoomKB: (withRooms - baseline) / config.rooms / 1024,
        perConnectionKB: (peak - withRooms) / config.extraConnections / 1024,
        peakMB: peak / 1e6,
        afterUnloadMB: after / 1e6,
        retainedPct: peak > baseline ? ((after - baseline) / (peak - baseline)) * 100 : Number.NaN,
        heapBaselineMB: heapBaseline / 1e6,
        heapPeakMB: heapPeak / 1e6,
        heapAfterUnloadMB: heapAfter / 1e6,
        heapRetainedPct:
          heapPeak > heapBaseline
            ? ((heapAfter - heapBaseline) / (heapPeak - heapBaseline)) * 100
            : Number.NaN,
        unloadWaitMs,
      },
      notes,
    };
  } finally {
    closeAll(clients);
  }
}

export function memoryScenario(quick: boolean): Scenario {
  const config: MemoryConfig = {
    rooms: quick ? 50 : 200,
    warmUpRooms: quick ? 5 : 20,
    extraConnections: quick ? 100 : 400,
    unloadWaitMs: quick ? 20_000 : 60_000,
  };
  return {
    id: "memory",
    title: "Memory (server RSS)",
    describe: `After a warm-up (${config.warmUpRooms} rooms with two clients each, loaded, edited and unloaded before the baseline): ${config.rooms} rooms with one client and ~2 KB of text each, then ${config.extraConnections} more idle connections spread over them, then everyone leaves.`,
    metrics: METRICS,
    run: (context) => runMemory(context, config),
  };
}
