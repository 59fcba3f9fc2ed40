/**
 * Coalesces bursts of notifications (remote updates, awareness changes) into one run per
 * animation frame: `schedule()` may be called any number of times; `run` happens once, before the
 * next paint. Where there is no `requestAnimationFrame` (tests without a visual DOM) a 0 ms
 * timeout stands in.
 *
 * With `minIntervalMs`, runs are also at least that far apart: the first change after a quiet
 * spell still shows in the next frame, while a stream of changes (many remote writers) is shown a
 * few times per second instead of every frame. Each run of a panel is a React commit, and every
 * React commit while the person types walks the whole editor's DOM (React saves the selection
 * of the focused element before committing: `getSelectionInformation`).
 *
 * Those later runs fall on a shared grid (multiples of `minIntervalMs` on the page's clock), so
 * that every panel and reader with the same interval runs in the same frame instead of each
 * asking for a frame of its own: a run that is due waits at most one interval more.
 */
export interface FrameTask {
  schedule(): void;
  /** Runs now if a run is pending (e.g. before reading what it computes). */
  flush(): void;
  cancel(): void;
}

/** How often a panel that reads the whole document follows a stream of edits (at most). */
export const PANEL_INTERVAL_MS = 250;

export interface FrameOptions {
  minIntervalMs?: number;
  /**
   * Run in a task queued from the frame's callback, which the browser runs after that frame is
   * painted, instead of in the callback, before the paint. For work that must not hold back the
   * paint: others' edits (applied before it, they delay the frame that shows this person's
   * keystroke, see `remoteBatches.ts`), and reading positions (there the layout the frame computed
   * is still current, so `getBoundingClientRect` or `coordsAtPos` cost no layout of their own;
   * read right after a change, they make the browser lay out the whole text once more).
   */
  afterPaint?: boolean;
}

export function oncePerFrame(run: () => void, options: FrameOptions = {}): FrameTask {
  const minIntervalMs = options.minIntervalMs ?? 0;
  const afterPaint = options.afterPaint ?? false;
  let pending: { cancel(): void } | null = null;
  let lastRun = Number.NEGATIVE_INFINITY;
  const fire = () => {
    pending = null;
    lastRun = performance.now();
    run();
  };
  const nextFrame = (): { cancel(): void } => {
    if (typeof requestAnimationFrame === "function") {
      if (afterPaint) {
        let timer: ReturnType<typeof setTimeout> | null = null;
        const id = requestAnimationFrame(() => {
          timer = setTimeout(fire, 0);
        });
        return {
          cancel: () => {
            cancelAnimationFrame(id);
            if (timer !== null) clearTimeout(timer);
          },
        };
      }
      const id = requestAnimationFrame(fire);
      return { cancel: () => cancelAnimationFrame(id) };
    }
    const id = setTimeout(fire, 0);
    return { cancel: () => clearTimeout(id) };
  };
  return {
    schedule() {
      if (pending) return;
      const wait = lastRun + minIntervalMs - performance.now();
      if (wait <= 0) {
        pending = nextFrame();
        return;
      }
      // too soon after the last run: wait out the interval (up to the grid's next point), then
      // run in the frame after it
      let frame: { cancel(): void } | null = null;
      const now = performance.now();
      const due = Math.ceil((now + wait) / minIntervalMs) * minIntervalMs;
      const timer = setTimeout(() => {
        frame = nextFrame();
      }, due - now);
      pending = {
        cancel: () => {
          clearTimeout(timer);
          frame?.cancel();
        },
      };
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
