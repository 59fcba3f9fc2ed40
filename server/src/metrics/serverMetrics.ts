/** The sync server's metrics. Names are part of the operator-facing contract (README). */
import { Counter, Gauge, Histogram, Registry } from "./registry.js";

export interface ServerMetrics {
  registry: Registry;
  /** Document updates accepted and stored (use `rate()` for updates/s). */
  updatesTotal: Counter;
  /** Storage write batches (one transaction each). */
  storageBatchesTotal: Counter;
  /** Seconds per storage write batch. */
  storageWriteSeconds: Histogram;
  /** Connections closed by the server, by close code. */
  connectionsClosedTotal: Counter;
  /** Rooms compacted into a snapshot. */
  compactionsTotal: Counter;
  /** Seconds to load one room (read from storage and apply). */
  roomLoadSeconds: Histogram;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  const metrics: ServerMetrics = {
    registry,
    updatesTotal: registry.add(
      new Counter("parley_updates_total", "Document updates accepted and stored."),
    ),
    storageBatchesTotal: registry.add(
      new Counter("parley_storage_batches_total", "Storage write transactions."),
    ),
    storageWriteSeconds: registry.add(
      new Histogram(
        "parley_storage_write_seconds",
        "Duration of one storage write transaction.",
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      ),
    ),
    connectionsClosedTotal: registry.add(
      new Counter("parley_connections_closed_total", "Connections closed by the server, by code."),
    ),
    compactionsTotal: registry.add(
      new Counter("parley_compactions_total", "Rooms compacted into one snapshot."),
    ),
    roomLoadSeconds: registry.add(
      new Histogram(
        "parley_room_load_seconds",
        "Duration of loading one room: storage read and applying its state.",
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      ),
    ),
  };
  // Heap in use: unlike RSS, it falls back once freed objects are collected (V8 keeps freed pages
  // resident), so it is what shows whether unloaded rooms left anything behind.
  registry.add(
    new Gauge(
      "parley_heap_used_bytes",
      "V8 heap in use (process.memoryUsage().heapUsed).",
      () => process.memoryUsage().heapUsed,
    ),
  );
  return metrics;
}
