/**
 * Parley's own view of its durable writes during a measured phase, from the difference of two
 * /metrics readings: how many write transactions, how many updates each, how long each took.
 * The reference persists nothing, so these are "—" for it.
 */
import type { BenchServer } from "../servers.js";
import type { Metric, RunValues } from "./types.js";

export const STORAGE_METRICS: Metric[] = [
  {
    key: "storageBatches",
    label: "storage write transactions (Parley)",
    unit: "count",
    better: "lower",
  },
  {
    key: "updatesPerBatch",
    label: "updates per write transaction (Parley)",
    unit: "count",
    better: "higher",
  },
  {
    key: "storageWriteMeanMs",
    label: "mean write transaction (Parley, event loop blocked)",
    unit: "ms",
    better: "lower",
  },
  {
    key: "storageWriteTotalMs",
    label: "total time in write transactions (Parley)",
    unit: "ms",
    better: "lower",
  },
];

export type MetricsReading = Map<string, number> | null;

export async function readMetrics(server: BenchServer): Promise<MetricsReading> {
  try {
    return await server.metrics();
  } catch {
    return null;
  }
}

export function storageDelta(before: MetricsReading, after: MetricsReading): RunValues {
  const nan = {
    storageBatches: Number.NaN,
    updatesPerBatch: Number.NaN,
    storageWriteMeanMs: Number.NaN,
    storageWriteTotalMs: Number.NaN,
  };
  if (!before || !after) return nan;
  const d = (name: string) => (after.get(name) ?? Number.NaN) - (before.get(name) ?? 0);
  const batches = d("parley_storage_write_seconds_count");
  const seconds = d("parley_storage_write_seconds_sum");
  const updates = d("parley_updates_total");
  if (!Number.isFinite(batches)) return nan;
  return {
    storageBatches: batches,
    updatesPerBatch: batches > 0 ? updates / batches : Number.NaN,
    storageWriteMeanMs: batches > 0 ? (seconds / batches) * 1000 : Number.NaN,
    storageWriteTotalMs: seconds * 1000,
  };
}
