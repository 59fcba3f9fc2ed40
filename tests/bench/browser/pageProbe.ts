/**
 * What the bench reads from the page's own PerformanceObserver: keydown `event` timing entries,
 * long animation frames and long tasks. `installProbe` runs in the page before any of its scripts
 * (`page.addInitScript`); it must not refer to anything outside itself.
 */

export interface KeydownEntry {
  startTime: number;
  duration: number;
  /** processingStart - startTime */
  inputDelay: number;
  /** processingEnd - processingStart */
  handlerTime: number;
}

export interface FrameEntry {
  startTime: number;
  duration: number;
  /** Time spent in scripts during the frame (sum of its script entries' durations). */
  scriptTime: number;
  /** Time spent in style and layout (the frame's `styleAndLayoutStart` to its end). */
  styleAndLayout: number;
  /** The frame's longest scripts, by source (invoker and source URL/function). */
  scripts: { invoker: string; source: string; duration: number; forcedLayout: number }[];
}

export interface ProbeRecord {
  keydowns: KeydownEntry[];
  frames: FrameEntry[];
  longTasks: { startTime: number; duration: number }[];
}

export interface ProbeWindow {
  __benchProbe?: ProbeRecord;
}

export function installProbe(): void {
  const record: ProbeRecord = { keydowns: [], frames: [], longTasks: [] };
  (window as unknown as ProbeWindow).__benchProbe = record;
  const observe = (
    type: string,
    init: Record<string, unknown>,
    each: (e: PerformanceEntry) => void,
  ) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({
        type,
        buffered: true,
        ...init,
      } as PerformanceObserverInit);
    } catch {
      // an entry type this browser does not support: the figures stay empty
    }
  };
  observe("event", { durationThreshold: 16 }, (entry) => {
    if (entry.name !== "keydown") return;
    const e = entry as PerformanceEventTiming;
    record.keydowns.push({
      startTime: e.startTime,
      duration: e.duration,
      inputDelay: e.processingStart - e.startTime,
      handlerTime: e.processingEnd - e.processingStart,
    });
  });
  interface ScriptTiming {
    duration: number;
    invoker?: string;
    sourceURL?: string;
    sourceFunctionName?: string;
    forcedStyleAndLayoutDuration?: number;
  }
  interface LoafTiming extends PerformanceEntry {
    styleAndLayoutStart?: number;
    scripts?: ScriptTiming[];
  }
  observe("long-animation-frame", {}, (entry) => {
    const e = entry as LoafTiming;
    const scripts = e.scripts ?? [];
    const layoutStart = e.styleAndLayoutStart ?? 0;
    record.frames.push({
      startTime: e.startTime,
      duration: e.duration,
      scriptTime: scripts.reduce((sum, s) => sum + s.duration, 0),
      styleAndLayout: layoutStart > 0 ? e.startTime + e.duration - layoutStart : 0,
      scripts: scripts
        .slice()
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3)
        .map((s) => ({
          invoker: s.invoker ?? "",
          source: `${s.sourceFunctionName ?? ""}@${(s.sourceURL ?? "").split("/").pop() ?? ""}`,
          duration: s.duration,
          forcedLayout: s.forcedStyleAndLayoutDuration ?? 0,
        })),
    });
  });
  observe("longtask", {}, (entry) => {
    record.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
  });
}
