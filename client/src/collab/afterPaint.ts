/**
 * Runs `run` once after the next frame is painted: in a task queued from that frame's
 * `requestAnimationFrame` callback, which the browser runs after the frame's rendering. There the
 * layout the frame computed is still current (unless something changed the page in between), so
 * reading positions (`getBoundingClientRect`, `coordsAtPos`) costs no layout of its own. Measured
 * anywhere else right after a change (a React layout effect, an editor transaction), the same
 * reads make the browser lay out the whole text at once, and the frame lays it out again.
 * `schedule()` may be called any number of times before the run. Without
 * `requestAnimationFrame` (tests without a visual DOM) a 0 ms timeout stands in for the frame.
 */
import type { FrameTask } from "./oncePerFrame.js";

export function afterPaint(run: () => void): FrameTask {
  let pending = false;
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    if (!pending) return;
    pending = false;
    run();
  };
  const painted = () => {
    frame = null;
    timer = setTimeout(fire, 0);
  };
  const cancel = () => {
    pending = false;
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      if (typeof requestAnimationFrame === "function") frame = requestAnimationFrame(painted);
      else painted();
    },
    flush() {
      if (!pending) return;
      cancel();
      run();
    },
    cancel,
  };
}
