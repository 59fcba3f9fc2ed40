/**
 * The metrics the core reports, as interfaces: the edge passes in the server's registry
 * (`metrics/serverMetrics.ts`), whose counters and histograms satisfy them.
 */

export interface CountMetric {
  inc(): void;
  inc(labels: Record<string, string>): void;
}

export interface DurationMetric {
  observe(seconds: number): void;
}

export interface CoreMetrics {
  /** Document updates accepted and stored. */
  updatesTotal: CountMetric;
  /** Storage write batches (one transaction each). */
  storageBatchesTotal: CountMetric;
  /** Seconds per storage write batch. */
  storageWriteSeconds: DurationMetric;
  /** Connections closed by the server, by close code. */
  connectionsClosedTotal: CountMetric;
  /** Rooms compacted into a snapshot. */
  compactionsTotal: CountMetric;
  /** Seconds to load one room (read from storage and apply). */
  roomLoadSeconds: DurationMetric;
}
