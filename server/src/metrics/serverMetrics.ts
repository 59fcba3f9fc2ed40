/** The sync server's metrics. Names are part of the operator-facing contract (README). */
import { Counter, Histogram, Registry } from "./registry.js";

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
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  return {
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
  };
}
