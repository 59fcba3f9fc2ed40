import { describe, expect, it } from "vitest";
import { ALIGN_MARK, framesThreadTime, type TraceEvent } from "./traceFrames.js";

const PID = 7;
const MAIN = 1;

function task(ts: number, dur: number, tdur: number, tid = MAIN, cat = "toplevel"): TraceEvent {
  return { name: "ThreadControllerImpl::RunTask", cat, ph: "X", ts, dur, tdur, pid: PID, tid };
}

// the mark's startTime in the page is 1,000 ms; in the trace it is at 5,000,000 µs
const mark: TraceEvent = {
  name: ALIGN_MARK,
  cat: "blink.user_timing",
  ph: "R",
  ts: 5_000_000,
  pid: PID,
  tid: MAIN,
};
const at = (pageMs: number) => 5_000_000 + (pageMs - 1_000) * 1000;

describe("a long frame's main thread, from the trace", () => {
  it("sums the main thread's tasks within the frame, in wall time and in thread time", () => {
    const events = [
      mark,
      task(at(2_000), 20_000, 5_000), // 20 ms in the task, 5 ms on a core
      task(at(2_030), 10_000, 10_000), // 10 ms, all on a core
      task(at(2_000), 60_000, 60_000, 2), // another thread: not the page's main thread
    ];
    const [frame] = framesThreadTime(events, [{ startTime: 2_000, duration: 60 }], 1_000) ?? [];
    expect(frame?.inTasksMs).toBeCloseTo(30);
    expect(frame?.runningMs).toBeCloseTo(15);
  });

  it("counts only the part of a task inside the frame, and a nested task once", () => {
    const events = [
      mark,
      task(at(1_990), 20_000, 10_000), // half of it (10 ms) in the frame: 5 ms of thread time
      task(at(2_002), 5_000, 5_000), // nested in the one above, inside the frame: not counted again
      task(at(2_050), 20_000, 20_000), // after the frame
    ];
    const [frame] = framesThreadTime(events, [{ startTime: 2_000, duration: 50 }], 1_000) ?? [];
    expect(frame?.inTasksMs).toBeCloseTo(10);
    expect(frame?.runningMs).toBeCloseTo(5);
  });

  it("aligns the clocks on the mark: the same tasks outside the frame's window count nothing", () => {
    const events = [mark, task(at(2_000), 20_000, 5_000)];
    const [shifted] = framesThreadTime(events, [{ startTime: 2_000, duration: 60 }], 900) ?? [];
    expect(shifted?.inTasksMs).toBe(0);
  });

  it("is null without the align mark", () => {
    expect(framesThreadTime([task(0, 1, 1)], [{ startTime: 0, duration: 60 }], 0)).toBeNull();
  });
});
