/**
 * What every scenario module provides: its metrics (for the report's table) and one run against
 * one started server. Scenarios never start servers themselves; run.ts does, alternating kinds.
 */
import type { ClientKind } from "../clients.js";
import type { BenchServer } from "../servers.js";

export type Unit = "ms" | "µs" | "count" | "MB" | "KB" | "updates/s" | "bytes" | "%";

export interface Metric {
  key: string;
  label: string;
  unit: Unit;
  /** Which direction is good; the ratio Parley/reference is read against it. */
  better: "lower" | "higher";
  /** Report table the metric belongs to, when a scenario fills more than one (default: its title). */
  table?: string;
}

/** One run's figures, by metric key; NaN where a figure could not be taken. */
export type RunValues = Record<string, number>;

export interface RunResult {
  values: RunValues;
  /** Raw latency samples (ms) for the distribution chart, if the scenario has any. */
  latencies?: Float64Array;
  notes?: string[];
}

export interface RunContext {
  server: BenchServer;
  clientKind: ClientKind;
  quick: boolean;
  log: (line: string) => void;
}

export interface Scenario {
  /** Stable id, also the `--only` filter. */
  id: string;
  title: string;
  /** One sentence on the workload, printed above the table. */
  describe: string;
  metrics: Metric[];
  /**
   * The client `--client auto` (the default) uses here: "raw" where hundreds of clients live in
   * the harness process and the provider's own per-message cost would be measured instead of the
   * server's; "provider" elsewhere.
   */
  preferredClient?: ClientKind;
  /** Figures that do not depend on the server (local floors), measured once per repetition. */
  localMetrics?: Metric[];
  runLocal?: (quick: boolean) => Promise<RunValues>;
  run: (context: RunContext) => Promise<RunResult>;
}

export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `done()` holds, checking every `everyMs`, for at most `ms`; returns whether it held. */
export async function pollUntil(
  done: () => boolean | Promise<boolean>,
  ms: number,
  everyMs = 20,
): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await done()) return true;
    await pause(everyMs);
  }
  return done();
}
