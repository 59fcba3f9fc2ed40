/**
 * How long the page's main thread ran, and how long it was ready to run but waited for a core,
 * while the person typed: Linux's per-thread scheduler statistics
 * (`/proc/<pid>/task/<tid>/schedstat`: time on a core, time waiting on a run queue, in ns) of
 * Chromium's renderer processes (`--type=renderer`) under this harness. A renderer's main thread
 * is the thread whose id is the process id. The page's renderer is the one whose main thread ran
 * the most between the two readings (one page is open at a time).
 */
import { readFileSync } from "node:fs";
import { descendantsOf } from "./processCpu.js";

export interface ThreadSched {
  /** Time on a core (ns). */
  runNs: number;
  /** Time ready to run, waiting for a core (ns). */
  waitNs: number;
}

export interface MainThreadTime {
  /** The page's main thread on a core during the typing (ms). */
  runMs: number;
  /** The page's main thread ready to run but waiting for a core (ms). */
  waitMs: number;
}

/** `schedstat`'s first two fields; null when the text is not one. */
export function parseSchedstat(text: string): ThreadSched | null {
  const [run, wait] = text.trim().split(/\s+/).map(Number);
  if (!Number.isFinite(run) || !Number.isFinite(wait)) return null;
  return { runNs: run as number, waitNs: wait as number };
}

/** The main thread of each renderer process descending from `root`, by pid. */
export function readRendererMainThreads(root = process.pid): Map<number, ThreadSched> {
  const out = new Map<number, ThreadSched>();
  for (const pid of descendantsOf(root)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer")) continue;
      const sched = parseSchedstat(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8"));
      if (sched) out.set(pid, sched);
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** The page's main thread between two readings: the renderer whose main thread ran the most. */
export function pageMainThread(
  before: ReadonlyMap<number, ThreadSched>,
  after: ReadonlyMap<number, ThreadSched>,
): MainThreadTime | null {
  let best: MainThreadTime | null = null;
  for (const [pid, end] of after) {
    const start = before.get(pid);
    if (!start) continue;
    const runMs = (end.runNs - start.runNs) / 1e6;
    const waitMs = (end.waitNs - start.waitNs) / 1e6;
    if (!best || runMs > best.runMs) best = { runMs, waitMs };
  }
  return best;
}
