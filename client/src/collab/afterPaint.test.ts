import { describe, expect, it, vi } from "vitest";
import { fakeFrameClockPerTest } from "../test/frameClock.js";
import { afterPaint } from "./afterPaint.js";

// The clock is Vitest's: frames and tasks advance only when the test says so.
fakeFrameClockPerTest();

describe("afterPaint", () => {
  it("runs once, in a task after the next frame, however often it was scheduled", () => {
    let runs = 0;
    const task = afterPaint(() => runs++);
    task.schedule();
    task.schedule();
    expect(runs).toBe(0);
    vi.advanceTimersToNextFrame();
    // the frame's callback only queued the task: it runs after the frame is rendered
    expect(runs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(1);
    vi.advanceTimersToNextFrame();
    vi.advanceTimersByTime(10);
    expect(runs).toBe(1);

    task.schedule();
    vi.advanceTimersToNextFrame();
    vi.advanceTimersByTime(1);
    expect(runs).toBe(2);
  });

  it("runs at once on flush and never once cancelled", () => {
    let runs = 0;
    const task = afterPaint(() => runs++);
    task.schedule();
    task.flush();
    expect(runs).toBe(1);
    vi.advanceTimersToNextFrame();
    vi.advanceTimersByTime(10);
    expect(runs).toBe(1);
    task.schedule();
    vi.advanceTimersToNextFrame();
    task.cancel();
    vi.advanceTimersByTime(10);
    expect(runs).toBe(1);
  });
});
