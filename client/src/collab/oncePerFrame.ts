/**
 * Coalesces bursts of notifications (remote updates, awareness changes) into one run per
 * animation frame: `schedule()` may be called any number of times; `run` happens once, before the
 * next paint. Where there is no `requestAnimationFrame` (tests without a visual DOM) a 0 ms
 * timeout stands in.
 */
export interface FrameTask {
  schedule(): void;
  /** Runs now if a run is pending (e.g. before reading what it computes). */
  flush(): void;
  cancel(): void;
}

export function oncePerFrame(run: () => void): FrameTask {
  let pending: { cancel(): void } | null = null;
  const fire = () => {
    pending = null;
    run();
  };
  return {
    schedule() {
      if (pending) return;
      if (typeof requestAnimationFrame === "function") {
        const id = requestAnimationFrame(fire);
        pending = { cancel: () => cancelAnimationFrame(id) };
      } else {
        const id = setTimeout(fire, 0);
        pending = { cancel: () => clearTimeout(id) };
      }
    },
    flush() {
      if (!pending) return;
      pending.cancel();
      fire();
    },
    cancel() {
      pending?.cancel();
      pending = null;
    },
  };
}
