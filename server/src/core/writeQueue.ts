/**
 * The durability gate. Updates appended during one event-loop turn form one batch, written in ONE
 * storage transaction; callbacks registered with `afterDurable` run once everything appended so
 * far is stored (or the write failed). Every other storage mutation (compaction, deletion,
 * creation) runs through `run`, strictly after the batches queued before it, so writes never
 * overlap and never reorder.
 *
 * A batch is stored as ONE row per room: the room's updates of the batch merged with
 * `Y.mergeUpdates` (same content, far fewer rows to write and to read back on load: a replayed
 * keystroke trace wrote 137k rows for a 330 KB document before this).
 */
import * as Y from "yjs";
import type { DocumentStorage, UpdateRecord } from "../storage/documentStorage.js";

export type DurableCallback = (error: Error | null) => void;

interface Batch {
  updates: UpdateRecord[];
  callbacks: DurableCallback[];
}

export interface WriteQueueHooks {
  /** Called after each batch with its size and duration. */
  onBatchWritten?(updates: number, seconds: number): void;
  /** Current time as ISO 8601 (the frameworks' `updatedAt`). */
  now?(): string;
}

/**
 * `Y.mergeUpdates` re-sorts its inputs for every struct it writes, so one call over n updates
 * costs about n² (2,600 keystrokes: ~95 ms). Merging in a tree of groups of `MERGE_FAN_IN` keeps
 * each call small: ~4 ms for the same batch, with the same result.
 */
const MERGE_FAN_IN = 16;

export function mergeInTree(updates: readonly Uint8Array[]): Uint8Array {
  let level = [...updates];
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += MERGE_FAN_IN) {
      const group = level.slice(i, i + MERGE_FAN_IN);
      next.push(group.length === 1 ? (group[0] as Uint8Array) : Y.mergeUpdates(group));
    }
    level = next;
  }
  const [merged] = level;
  if (!merged) throw new Error("nothing to merge");
  return merged;
}

/**
 * One record per room, in the order rooms first appear; a room's updates merged into one update.
 * If Yjs refuses to merge (it should not: every update was validated and applied), the room's
 * updates are kept as they are.
 */
export function mergePerRoom(updates: readonly UpdateRecord[]): UpdateRecord[] {
  if (updates.length < 2) return [...updates];
  const byRoom = new Map<string, UpdateRecord[]>();
  for (const record of updates) {
    const group = byRoom.get(record.room);
    if (group) group.push(record);
    else byRoom.set(record.room, [record]);
  }
  if (byRoom.size === updates.length) return [...updates];
  const merged: UpdateRecord[] = [];
  for (const group of byRoom.values()) {
    const first = group[0] as UpdateRecord;
    if (group.length === 1) {
      merged.push(first);
      continue;
    }
    try {
      const update = mergeInTree(group.map((record) => record.update));
      merged.push({ room: first.room, frameworkId: first.frameworkId, update });
    } catch {
      merged.push(...group);
    }
  }
  return merged;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export class WriteQueue {
  private collecting: Batch | null = null;
  private inFlight: Batch | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Pick<DocumentStorage, "appendUpdates">,
    private readonly hooks: WriteQueueHooks = {},
  ) {}

  /** Adds an update to the batch of this event-loop turn. */
  append(record: UpdateRecord): void {
    if (!this.collecting) {
      const batch: Batch = { updates: [], callbacks: [] };
      this.collecting = batch;
      this.enqueue(async () => {
        // Let the rest of this event-loop turn's messages join the batch.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.write(batch);
      });
    }
    this.collecting.updates.push(record);
  }

  /**
   * Runs `callback` once every update appended so far is durable: immediately (synchronously) if
   * nothing is pending, else after the pending batch is written, with the error if it failed.
   */
  afterDurable(callback: DurableCallback): void {
    const pending = this.collecting ?? this.inFlight;
    if (pending) pending.callbacks.push(callback);
    else callback(null);
  }

  /** Runs a storage operation after everything queued before it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(async () => {
        try {
          resolve(await task());
        } catch (error) {
          reject(asError(error));
        }
      });
    });
  }

  /** Drops a room's not-yet-written updates (the room is being deleted). */
  dropRoom(room: string): void {
    if (!this.collecting) return;
    this.collecting.updates = this.collecting.updates.filter((update) => update.room !== room);
  }

  /** Resolves once everything queued so far is written (failures included). */
  flush(): Promise<void> {
    return this.run(async () => undefined);
  }

  get pendingUpdates(): number {
    return (this.collecting?.updates.length ?? 0) + (this.inFlight?.updates.length ?? 0);
  }

  private enqueue(step: () => Promise<void>): void {
    this.tail = this.tail.then(step).catch(() => undefined);
  }

  private async write(batch: Batch): Promise<void> {
    this.collecting = null;
    this.inFlight = batch;
    let failure: Error | null = null;
    const started = performance.now();
    try {
      const at = this.hooks.now?.() ?? new Date().toISOString();
      await this.storage.appendUpdates(mergePerRoom(batch.updates), at);
      this.hooks.onBatchWritten?.(batch.updates.length, (performance.now() - started) / 1000);
    } catch (error) {
      failure = asError(error);
    }
    this.inFlight = null;
    for (const callback of batch.callbacks) callback(failure);
  }
}
