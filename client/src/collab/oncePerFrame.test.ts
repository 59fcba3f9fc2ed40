import { describe, expect, it, vi } from "vitest";
import { fakeFrameClockPerTest } from "../test/frameClock.js";
import { oncePerFrame } from "./oncePerFrame.js";

// The clock is Vitest's: frames and the interval advance only when the test says so.
fakeFrameClockPerTest();

/** From now to the grid's next point at least `interval` after the last frame (see oncePerFrame). */
function afterInterval(interval: number): number {
  const now = performance.now();
  return Math.ceil((now + interval) / interval) * interval - now;
}

describe("oncePerFrame with a minimum interval (panels under a stream of edits)", () => {
  it("shows the first change in the next frame, and a stream once more after the interval, with its last state", () => {
    let value = 0;
    const seen: number[] = [];
    const task = oncePerFrame(() => seen.push(value), { minIntervalMs: 250 });
    value = 1;
    task.schedule();
    vi.advanceTimersToNextFrame();
    expect(seen).toEqual([1]);

    // edits keep coming within the interval: read once, after it, as they stand then
    for (const next of [2, 3, 4]) {
      value = next;
      task.schedule();
      vi.advanceTimersToNextFrame();
    }
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(afterInterval(250));
    vi.advanceTimersToNextFrame();
    expect(seen).toEqual([1, 4]);

    // nothing scheduled, nothing run; a change after a quiet spell shows in the next frame again
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual([1, 4]);
    value = 5;
    task.schedule();
    vi.advanceTimersToNextFrame();
    expect(seen).toEqual([1, 4, 5]);
  });

  it("runs a waiting read at once on flush, and never once cancelled", () => {
    let runs = 0;
    const task = oncePerFrame(() => runs++, { minIntervalMs: 250 });
    task.schedule();
    vi.advanceTimersToNextFrame();
    task.schedule();
    task.flush();
    expect(runs).toBe(2);
    task.schedule();
    task.cancel();
    vi.advanceTimersByTime(1_000);
    vi.advanceTimersToNextFrame();
    expect(runs).toBe(2);
  });

  it("runs the streams of several readers with the same interval in one frame (a shared grid), never before the interval", () => {
    const runs: string[] = [];
    const early = oncePerFrame(() => runs.push("early"), { minIntervalMs: 250 });
    const late = oncePerFrame(() => runs.push("late"), { minIntervalMs: 250 });
    vi.advanceTimersByTime(1_000 - performance.now() + 10);
    early.schedule();
    vi.advanceTimersToNextFrame();
    const earlyRan = performance.now();
    vi.advanceTimersByTime(100);
    late.schedule();
    vi.advanceTimersToNextFrame();
    expect(runs).toEqual(["early", "late"]);
    runs.length = 0;

    // both in a stream: their last runs were ~100 ms apart, their next runs share a frame
    early.schedule();
    late.schedule();
    let frames = 0;
    while (runs.length === 0) {
      vi.advanceTimersToNextFrame();
      frames++;
    }
    expect(runs.sort()).toEqual(["early", "late"]);
    expect(performance.now() - earlyRan).toBeGreaterThanOrEqual(250);
    expect(frames).toBeLessThan(40);
    early.cancel();
    late.cancel();
  });
});

describe("oncePerFrame after the paint", () => {
  /** A counting task that runs after the paint. */
  function counted() {
    const counter = { runs: 0 };
    const task = oncePerFrame(() => counter.runs++, { afterPaint: true });
    return { counter, task };
  }
  /** The next frame, then `ms` of the tasks after it. */
  function frameThen(ms: number) {
    vi.advanceTimersToNextFrame();
    vi.advanceTimersByTime(ms);
  }

  it("runs once, in a task after the next frame, however often it was scheduled", () => {
    const { counter, task } = counted();
    task.schedule();
    task.schedule();
    expect(counter.runs).toBe(0);
    vi.advanceTimersToNextFrame();
    // the frame's callback only queued the task: it runs after the frame is rendered
    expect(counter.runs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(counter.runs).toBe(1);
    frameThen(10);
    expect(counter.runs).toBe(1);

    task.schedule();
    frameThen(1);
    expect(counter.runs).toBe(2);
  });

  it("runs at once on flush and never once cancelled", () => {
    const { counter, task } = counted();
    task.schedule();
    task.flush();
    expect(counter.runs).toBe(1);
    frameThen(10);
    expect(counter.runs).toBe(1);
    task.schedule();
    vi.advanceTimersToNextFrame();
    task.cancel();
    vi.advanceTimersByTime(10);
    expect(counter.runs).toBe(1);
  });
});
