/**
 * When a room is compacted (snapshot + log merged into one snapshot). Not every
 * `compactionThreshold` updates while people type: that re-encoded the whole document again and
 * again in the middle of bursts. Past the threshold, a room is compacted once its log outweighs
 * its snapshot (so the work stays proportional to what was written), else once it has been idle
 * for `idleMs`; the room manager also compacts on unload.
 */

export const DEFAULT_COMPACTION_IDLE_MS = 5_000;

/** A room as the schedule sees it: the bytes it stored (snapshot and log). */
export interface CompactableRoom {
  readonly storedBytes: number;
}

export interface CompactionScheduleOptions<R extends CompactableRoom> {
  /** Milliseconds without an update after which a room past the threshold is compacted. */
  idleMs: number;
  /** Runs one compaction (after every pending write); at most one runs at a time. */
  compact: (room: R) => Promise<void>;
  onError: (error: unknown) => void;
}

/** Past the threshold: compact now if the log outweighs the snapshot, else once the room is idle. */
export function compactionDue(logBytes: number, snapshotBytes: number): "now" | "whenIdle" {
  return logBytes >= snapshotBytes ? "now" : "whenIdle";
}

/** The compaction schedule of one room. */
export class CompactionSchedule<R extends CompactableRoom> {
  /** Bytes of the stored snapshot (the rest of the room's `storedBytes` is the log). */
  snapshotBytes = 0;
  private compacting = false;
  private timer: NodeJS.Timeout | null = null;
  /** `performance.now()` of the last update past the threshold (the idle timer re-checks it). */
  private lastUpdateAt = 0;

  constructor(private readonly options: CompactionScheduleOptions<R>) {}

  /** Called on every update past the threshold (and on load past it). */
  updated(room: R): void {
    if (compactionDue(room.storedBytes - this.snapshotBytes, this.snapshotBytes) === "now") {
      this.compactNow(room);
      return;
    }
    // Not worth it yet: wait for a pause in the typing. One timer per pause, not per keystroke:
    // when it fires early (updates came in meanwhile) it waits for the rest of the pause.
    this.lastUpdateAt = performance.now();
    if (!this.timer) this.scheduleIdle(room, this.options.idleMs);
  }

  /** Stops waiting for the room to be idle (unload, drop). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleIdle(room: R, delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const idleFor = performance.now() - this.lastUpdateAt;
      if (idleFor < this.options.idleMs) this.scheduleIdle(room, this.options.idleMs - idleFor);
      else this.compactNow(room);
    }, delayMs);
    this.timer.unref();
  }

  private compactNow(room: R): void {
    this.cancel();
    if (this.compacting) return;
    this.compacting = true;
    this.options
      .compact(room)
      .catch(this.options.onError)
      .finally(() => {
        this.compacting = false;
      });
  }
}
