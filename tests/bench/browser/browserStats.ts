/**
 * Pure summaries of what the page probe recorded during one measured window. The browser reports
 * an `event` entry only for a keydown that took at least the observer's threshold (16 ms, the
 * smallest Chromium allows); the keystrokes it did not report were faster. They are counted as 0
 * so that percentiles are over every keystroke pressed; a percentile below the threshold means
 * "faster than 16 ms" and is shown so (`formatKeydown`).
 */
import { quantileSorted } from "../stats.js";
import type { FrameEntry, KeydownEntry, ProbeRecord } from "./pageProbe.js";

export const EVENT_THRESHOLD_MS = 16;
export const LONG_FRAME_MS = 50;

export interface KeydownFigures {
  pressed: number;
  /** Keydowns the browser reported (≥ 16 ms). */
  reported: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  inputDelayP99: number;
  handlerP99: number;
}

function padded(values: number[], total: number): Float64Array {
  const all = new Float64Array(Math.max(total, values.length));
  all.set(values);
  return all.sort();
}

export function keydownFigures(entries: readonly KeydownEntry[], pressed: number): KeydownFigures {
  const durations = padded(
    entries.map((e) => e.duration),
    pressed,
  );
  const delays = padded(
    entries.map((e) => e.inputDelay),
    pressed,
  );
  const handlers = padded(
    entries.map((e) => e.handlerTime),
    pressed,
  );
  return {
    pressed,
    reported: entries.length,
    p50: quantileSorted(durations, 0.5),
    p95: quantileSorted(durations, 0.95),
    p99: quantileSorted(durations, 0.99),
    max: durations.length === 0 ? Number.NaN : durations[durations.length - 1]!,
    inputDelayP99: quantileSorted(delays, 0.99),
    handlerP99: quantileSorted(handlers, 0.99),
  };
}

export interface FrameFigures {
  /** Animation frames longer than 50 ms. */
  longFrames: number;
  longestFrame: number;
  longTasks: number;
  longestTask: number;
  /** Sum over long frames of their time beyond 50 ms. */
  blockingMs: number;
}

export function frameFigures(record: Pick<ProbeRecord, "frames" | "longTasks">): FrameFigures {
  const long = record.frames.filter((f) => f.duration > LONG_FRAME_MS);
  return {
    longFrames: long.length,
    longestFrame: Math.max(0, ...long.map((f) => f.duration)),
    longTasks: record.longTasks.length,
    longestTask: Math.max(0, ...record.longTasks.map((t) => t.duration)),
    blockingMs: long.reduce((sum, f) => sum + f.duration - LONG_FRAME_MS, 0),
  };
}

/** The part of a record from `since` (page time, ms) on. */
export function recordSince(record: ProbeRecord, since: number): ProbeRecord {
  return {
    keydowns: record.keydowns.filter((e) => e.startTime >= since),
    frames: record.frames.filter((e) => e.startTime >= since),
    longTasks: record.longTasks.filter((e) => e.startTime >= since),
  };
}

export interface FrameCauses {
  /** Share of the long frames' time spent in scripts, and in style and layout. */
  scriptShare: number;
  layoutShare: number;
  /** Time in forced (synchronous) style and layout inside scripts. */
  forcedLayoutMs: number;
  /** The script sources that took most time in long frames, with their total time. */
  topSources: { source: string; ms: number; frames: number }[];
}

export function frameCauses(frames: readonly FrameEntry[], top = 6): FrameCauses {
  const long = frames.filter((f) => f.duration > LONG_FRAME_MS);
  const total = long.reduce((sum, f) => sum + f.duration, 0);
  const bySource = new Map<string, { ms: number; frames: number }>();
  let forced = 0;
  for (const frame of long) {
    for (const script of frame.scripts) {
      const key = `${script.invoker} → ${script.source}`;
      const entry = bySource.get(key) ?? { ms: 0, frames: 0 };
      entry.ms += script.duration;
      entry.frames += 1;
      bySource.set(key, entry);
      forced += script.forcedLayout;
    }
  }
  return {
    scriptShare: total > 0 ? long.reduce((s, f) => s + f.scriptTime, 0) / total : Number.NaN,
    layoutShare: total > 0 ? long.reduce((s, f) => s + f.styleAndLayout, 0) / total : Number.NaN,
    forcedLayoutMs: forced,
    topSources: [...bySource.entries()]
      .map(([source, v]) => ({ source, ...v }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

/** A keydown figure: below the reporting threshold it reads "< 16 ms". */
export function formatKeydown(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return ms < EVENT_THRESHOLD_MS ? `< ${EVENT_THRESHOLD_MS} ms` : `${Math.round(ms)} ms`;
}

/** Parley ÷ bare, or "—" when either is below the threshold or missing. */
export function formatRatio(parley: number, bare: number): string {
  if (!Number.isFinite(parley) || !Number.isFinite(bare)) return "—";
  if (bare < EVENT_THRESHOLD_MS)
    return parley < EVENT_THRESHOLD_MS
      ? "≈ 1 (both < 16 ms)"
      : `> ${(parley / EVENT_THRESHOLD_MS).toFixed(1)}×`;
  return `${(parley / bare).toFixed(2)}×`;
}
