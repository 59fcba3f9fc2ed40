/**
 * The sync server's metrics, kept by prom-client in a registry of their own (one per server, so
 * several servers in one process do not share counts). Names are part of the operator-facing
 * contract (docs/configuration.md).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface ServerMetrics {
  registry: Registry;
  /** Document updates accepted and stored (use `rate()` for updates/s). */
  updatesTotal: Counter;
  /** Storage write batches (one transaction each). */
  storageBatchesTotal: Counter;
  /** Seconds per storage write batch. */
  storageWriteSeconds: Histogram;
  /** Connections closed by the server, by close code. */
  connectionsClosedTotal: Counter<"code">;
  /** Rooms compacted into a snapshot. */
  compactionsTotal: Counter;
  /** Seconds to load one room (read from storage and apply). */
  roomLoadSeconds: Histogram;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  const metrics: ServerMetrics = {
    registry,
    updatesTotal: new Counter({
      name: "parley_updates_total",
      help: "Document updates accepted and stored.",
      registers,
    }),
    storageBatchesTotal: new Counter({
      name: "parley_storage_batches_total",
      help: "Storage write transactions.",
      registers,
    }),
    storageWriteSeconds: new Histogram({
      name: "parley_storage_write_seconds",
      help: "Duration of one storage write transaction.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    connectionsClosedTotal: new Counter({
      name: "parley_connections_closed_total",
      help: "Connections closed by the server, by code.",
      labelNames: ["code"],
      registers,
    }),
    compactionsTotal: new Counter({
      name: "parley_compactions_total",
      help: "Rooms compacted into one snapshot.",
      registers,
    }),
    roomLoadSeconds: new Histogram({
      name: "parley_room_load_seconds",
      help: "Duration of loading one room: storage read and applying its state.",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
  // Heap in use: unlike RSS, it falls back once freed objects are collected (V8 keeps freed pages
  // resident), so it is what shows whether unloaded rooms left anything behind.
  addReadGauge(
    registry,
    "parley_heap_used_bytes",
    "V8 heap in use (process.memoryUsage().heapUsed).",
    () => process.memoryUsage().heapUsed,
  );
  return metrics;
}

/** A gauge whose value `read` gives at scrape time. */
export function addReadGauge(
  registry: Registry,
  name: string,
  help: string,
  read: () => number,
): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * prom-client's process metrics, under their standard names: event-loop lag
 * (`nodejs_eventloop_lag_*`), GC pauses (`nodejs_gc_duration_seconds`), heap
 * (`nodejs_heap_*`), handles (`nodejs_active_handles*`), CPU, memory and open files
 * (`process_*`). Once per server, not in the unit tests that build metrics by the dozen.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
}
