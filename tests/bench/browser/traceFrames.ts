/**
 * What the page's main thread did during its long animation frames, read from a Chromium trace
 * (`pnpm bench:browser --trace DIR`). A frame's duration is wall time; the trace's top-level tasks
 * carry both their wall time (`dur`) and the time the thread actually ran (`tdur`, thread CPU
 * time). Within a long frame, `inTasksMs` is how long the main thread was inside a task and
 * `runningMs` how long it ran on a core: a frame whose thread was in tasks but not running waited
 * for a core (other processes on the machine), one whose thread was in no task waited for
 * something else (the compositor, the GPU process, input).
 *
 * The page puts a `performance.mark` (its name `ALIGN_MARK`) into the trace when tracing starts;
 * its startTime (page time, ms) and its trace timestamp (µs) align the two clocks.
 */

export const ALIGN_MARK = "bench-trace-align";

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
}

export interface FrameWindow {
  startTime: number;
  duration: number;
}

export interface FrameThreadTime extends FrameWindow {
  /** Wall time the page's main thread spent inside top-level tasks during the frame (ms). */
  inTasksMs: number;
  /** Time the main thread ran on a core during the frame (ms, from the tasks' thread time). */
  runningMs: number;
}

/** The trace's top-level tasks on one thread, outermost only, sorted by start. */
function topLevelTasks(events: readonly TraceEvent[], pid: number, tid: number): TraceEvent[] {
  const tasks = events
    .filter(
      (e) =>
        e.pid === pid &&
        e.tid === tid &&
        e.ph === "X" &&
        e.cat.split(",").includes("toplevel") &&
        typeof e.dur === "number",
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const task of tasks) {
    if (task.ts >= end) {
      outer.push(task);
      end = task.ts + (task.dur ?? 0);
    }
  }
  return outer;
}

/**
 * The main thread's time in each frame. `markStartTime` is the align mark's startTime in the
 * page (ms); null when the trace holds no align mark.
 */
export function framesThreadTime(
  events: readonly TraceEvent[],
  frames: readonly FrameWindow[],
  markStartTime: number,
): FrameThreadTime[] | null {
  const mark = events.find((e) => e.name === ALIGN_MARK && e.cat.includes("blink.user_timing"));
  if (!mark) return null;
  const offsetUs = mark.ts - markStartTime * 1000;
  const tasks = topLevelTasks(events, mark.pid, mark.tid);
  return frames.map((frame) => {
    const from = frame.startTime * 1000 + offsetUs;
    const to = from + frame.duration * 1000;
    let inTasks = 0;
    let running = 0;
    for (const task of tasks) {
      const dur = task.dur ?? 0;
      const end = task.ts + dur;
      if (end <= from) continue;
      if (task.ts >= to) break;
      const overlap = Math.min(end, to) - Math.max(task.ts, from);
      inTasks += overlap;
      if (dur > 0) running += ((task.tdur ?? dur) * overlap) / dur;
    }
    return { ...frame, inTasksMs: inTasks / 1000, runningMs: running / 1000 };
  });
}
