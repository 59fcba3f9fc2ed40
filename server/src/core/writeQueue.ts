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
import type { RoomLog } from "./roomLog.js";

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
  /**
   * With a room log (scale-out): the room's sequence. Its records are then committed through
   * `RoomLog.commit` after the room's last sequence number, catching up and retrying when another
   * process committed first.
   */
  sequence?: SequencedContribution;
}

/** A room's side of an optimistic commit (see `RoomLog`). */
export interface SequencedContribution {
  readonly frameworkId: string;
  /** The last sequence number the room holds. */
  current(): number;
  /** Applies what other processes committed since `current()` (from the log). */
  catchUp(): Promise<void>;
  /** The records were committed as `after + 1 … last`. */
  committed(after: number, last: number): void;
  /**
   * Called before each commit attempt: if another process's commit reached the room since its
   * records were validated, the room validates them again against the committed state and
   * returns what may still be committed (refused senders' records, bindings and deletions left
   * out); null if the validation still holds.
   */
  revalidate?(): CommitRecords | null;
}

/** What a sequenced commit writes. */
export type CommitRecords = Pick<Taken, "records" | "bindings" | "deletions">;

/** Commits of one room that may lose to other processes in a row before the write fails. */
export const MAX_COMMIT_ATTEMPTS = 20;

interface Batch {
  contributions: BatchContribution[];
  callbacks: DurableCallback[];
}

export interface WriteQueueHooks {
  /** Called after each batch with its size and duration. */
  onBatchWritten?(updates: number, seconds: number): void;
  /** Current time as ISO 8601 (the frameworks' `updatedAt`). */
  now?(): string;
  /** A sequenced commit lost to another process's (it catches up and retries). */
  onConflict?(room: string): void;
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
    /** The scale-out's log: rooms that carry a sequence commit through it. */
    private readonly log: Pick<RoomLog, "commit"> | null = null,
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
    const failures = new Map<BatchContribution, Error>();
    const started = performance.now();
    try {
      const records: UpdateRecord[] = [];
      const bindings: ClientBinding[] = [];
      const deletions: DeletionRow[] = [];
      const sequenced: Array<{ contribution: BatchContribution; taken: Taken }> = [];
      let updates = 0;
      for (const contribution of batch.contributions) {
        const taken = contribution.take();
        updates += taken.updates;
        if (this.log && contribution.sequence) {
          sequenced.push({ contribution, taken });
          continue;
        }
        records.push(...taken.records);
        if (taken.bindings) bindings.push(...taken.bindings);
        if (taken.deletions) deletions.push(...taken.deletions);
      }
      const at = this.hooks.now?.() ?? new Date().toISOString();
      if (
        records.length > 0 ||
        bindings.length > 0 ||
        deletions.length > 0 ||
        sequenced.length === 0
      ) {
        await this.storage.appendUpdates(records, at, bindings, deletions);
      }
      // Rooms are independent: each commits on its own sequence, and fails on its own.
      await Promise.all(
        sequenced.map(({ contribution, taken }) =>
          this.commitSequenced(contribution, taken, at).catch((error: unknown) => {
            failures.set(contribution, asError(error));
          }),
        ),
      );
      this.hooks.onBatchWritten?.(updates, (performance.now() - started) / 1000);
    } catch (error) {
      failure = asError(error);
    }
    this.inFlight = null;
    for (const contribution of batch.contributions) {
      contribution.settled(failure ?? failures.get(contribution) ?? null);
    }
    const first = failure ?? failures.values().next().value ?? null;
    for (const callback of batch.callbacks) callback(first);
  }

  /**
   * Commits one room's records after its last sequence number; when another process committed
   * first, catches the room up from the log and tries again (at most `MAX_COMMIT_ATTEMPTS`).
   */
  private async commitSequenced(
    contribution: BatchContribution,
    taken: Taken,
    at: string,
  ): Promise<void> {
    const sequence = contribution.sequence as SequencedContribution;
    const log = this.log as Pick<RoomLog, "commit">;
    let writing: CommitRecords = taken;
    for (let attempt = 1; ; attempt++) {
      // Every update is validated against the state it is committed after (see `revalidate`).
      writing = sequence.revalidate?.() ?? writing;
      if (writing.records.length === 0) return;
      const after = sequence.current();
      const last = await log.commit(
        contribution.room,
        sequence.frameworkId,
        after,
        writing.records.map((record) => record.update),
        at,
        writing.bindings ?? [],
        writing.deletions ?? [],
      );
      if (last !== null) {
        sequence.committed(after, last);
        return;
      }
      this.hooks.onConflict?.(contribution.room);
      if (attempt >= MAX_COMMIT_ATTEMPTS) {
        throw new Error(`room ${contribution.room}: lost ${attempt} commits in a row`);
      }
      await sequence.catchUp();
    }
  }
}

type Taken = ReturnType<BatchContribution["take"]>;
