/** Tests of once-per-frame work: Vitest's clock, so frames and intervals advance only when told. */
import { afterEach, beforeEach, vi } from "vitest";

/** Fakes timers, animation frames and `performance` around each test of the calling file. */
export function fakeFrameClockPerTest(): void {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: [
        "setTimeout",
        "clearTimeout",
        "requestAnimationFrame",
        "cancelAnimationFrame",
        "performance",
      ],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
