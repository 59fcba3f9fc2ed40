/**
 * The durability gate. Updates appended during one event-loop turn form one batch, written in ONE
 * storage transaction; callbacks registered with `afterDurable` run once everything appended so
 * far is stored (or the write failed). Every other storage mutation (compaction, deletion,
 * creation) runs through `run`, strictly after the batches queued before it, so writes never
 * overlap and never reorder.
 */
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
      await this.storage.appendUpdates(batch.updates, at);
      this.hooks.onBatchWritten?.(batch.updates.length, (performance.now() - started) / 1000);
    } catch (error) {
      failure = asError(error);
    }
    this.inFlight = null;
    for (const callback of batch.callbacks) callback(failure);
  }
}
