/**
 * The durability gate. Updates appended during one event-loop turn form one batch, written in ONE
 * storage transaction; callbacks registered with `afterDurable` run once everything appended so
 * far is stored (or the write failed). Every other storage mutation (compaction, deletion,
 * creation) runs through `run`, strictly after the batches queued before it, so writes never
 * overlap and never reorder.
 *
 * Rooms contribute to a batch (`enlist`) rather than append rows: a room merges its updates of the
 * batch (see `SenderBatch`) into one row per sending connection, far fewer rows to write and to
 * read back on load (a replayed keystroke trace wrote 137k rows for a 330 KB document before), and
 * broadcasts those same merged updates once they are durable.
 */
import type {
  ClientBinding,
  DeletionRow,
  DocumentStorage,
  UpdateRecord,
} from "../storage/documentStorage.js";

export type DurableCallback = (error: Error | null) => void;

/**
 * What one room puts into a write batch. The room keeps its accepted updates itself (it merges
 * them, and broadcasts exactly what was stored); the queue asks for the records when it writes
 * the batch and says when they are durable.
 */
export interface BatchContribution {
  readonly room: string;
  /**
   * Called once, when the batch is written: the records to store, how many updates they hold, and
   * the client id bindings they create and who deleted what first (stored in the same transaction).
   */
  take(): {
    records: UpdateRecord[];
    updates: number;
    bindings?: ClientBinding[];
    deletions?: DeletionRow[];
  };
  /** Everything in the batch is durable (`error` null), or the write failed. */
  settled(error: Error | null): void;
}

interface Batch {
  contributions: BatchContribution[];
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

  /** Adds a room's contribution to the batch of this event-loop turn. */
  enlist(contribution: BatchContribution): void {
    if (!this.collecting) {
      const batch: Batch = { contributions: [], callbacks: [] };
      this.collecting = batch;
      this.enqueue(async () => {
        // Let the rest of this event-loop turn's messages join the batch.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.write(batch);
      });
    }
    this.collecting.contributions.push(contribution);
  }

  /** Adds one update as it is (one row) to the batch of this event-loop turn. */
  append(record: UpdateRecord): void {
    this.enlist({
      room: record.room,
      take: () => ({ records: [record], updates: 1 }),
      settled: () => undefined,
    });
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
    this.collecting.contributions = this.collecting.contributions.filter(
      (contribution) => contribution.room !== room,
    );
  }

  /** Resolves once everything queued so far is written (failures included). */
  flush(): Promise<void> {
    return this.run(async () => undefined);
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
      const records: UpdateRecord[] = [];
      const bindings: ClientBinding[] = [];
      const deletions: DeletionRow[] = [];
      let updates = 0;
      for (const contribution of batch.contributions) {
        const taken = contribution.take();
        records.push(...taken.records);
        if (taken.bindings) bindings.push(...taken.bindings);
        if (taken.deletions) deletions.push(...taken.deletions);
        updates += taken.updates;
      }
      const at = this.hooks.now?.() ?? new Date().toISOString();
      await this.storage.appendUpdates(records, at, bindings, deletions);
      this.hooks.onBatchWritten?.(updates, (performance.now() - started) / 1000);
    } catch (error) {
      failure = asError(error);
    }
    this.inFlight = null;
    for (const contribution of batch.contributions) contribution.settled(failure);
    for (const callback of batch.callbacks) callback(failure);
  }
}
