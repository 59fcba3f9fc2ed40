/**
 * Early replies (first join of an unloaded room). A room stored as one snapshot (no log) has that
 * snapshot as its whole state: a joiner asking for everything (sync step 1 of an empty document)
 * gets those bytes as soon as they are read, and the server parses its own copy afterwards, so
 * that the two parses do not follow each other.
 *
 * One `EarlyReplies` per load. Joiners attached while the room loads register as silent until
 * they send something; `reply` runs between the read and the parse.
 */

/**
 * How long a load waits, between reading a snapshot and parsing it, for its joiners' first
 * message (a client sends sync step 1 as soon as its socket opens: it usually comes within a
 * millisecond). Bounds what a client that never speaks first can cost the others.
 */
export const EARLY_REPLY_WAIT_MS = 20;
/**
 * Once every joiner had the snapshot, the parse waits until a message needs the document (an
 * edit, or a client that already holds state) or this many milliseconds after the read, whichever
 * comes first. Meanwhile the joiners parse their copy undisturbed, and more joiners asking for
 * everything are answered at once; their presence is relayed (and the server's sync step 1, which
 * pulls edits a client made offline, is sent) after the parse, at most this much later.
 */
export const PARSE_DEFER_MS = 60;

export interface EarlyReplyTiming {
  /** Longest wait for joiners' first messages and early replies. */
  waitMs: number;
  /** Longest deferral of the parse after early replies. */
  parseDeferMs: number;
}

export class EarlyReplies {
  /** Set between the read and the parse. */
  snapshot: Uint8Array | null = null;
  /** Each joiner's check of the messages it queued before the read. */
  private answerQueued: Array<(snapshot: Uint8Array) => void> = [];
  /** Early replies not yet handed to the network (the parse waits for them). */
  private sends: Array<Promise<void>> = [];
  /** Joiners attached while the room loads that have not sent anything yet. */
  private silentJoiners = 0;
  /** Ends the wait for silent joiners before the parse (set while waiting). */
  private wakeLoad: (() => void) | null = null;
  /** A joiner sent something that needs the document (an update, a step 1 with state). */
  private documentNeeded = false;
  /** Ends the deferral of the parse (set while deferring). */
  private wakeParse: (() => void) | null = null;

  /** A joiner attached while the room loads; `answerQueued` runs once the snapshot is read. */
  addSilentJoiner(answerQueued: (snapshot: Uint8Array) => void): void {
    this.silentJoiners += 1;
    this.answerQueued.push(answerQueued);
  }

  /** A silent joiner sent its first message (or left). */
  joinerSpoke(): void {
    this.silentJoiners -= 1;
    if (this.silentJoiners === 0) this.wakeLoad?.();
  }

  /** An early reply was sent; `written` resolves once it reached the network. */
  sent(written: Promise<void>): void {
    this.sends.push(written);
  }

  /** A queued message needs the document: parse now. */
  needDocument(): void {
    this.documentNeeded = true;
    this.wakeParse?.();
  }

  /** The load is past its read: no more answers to queued messages. */
  stopAnswering(): void {
    this.answerQueued = [];
  }

  /**
   * Answers joiners from the snapshot until each has spoken and every reply has reached the
   * network (a parse holds the event loop: a large reply would otherwise wait behind it), within
   * `waitMs`; then, if anyone was answered, defers the parse (`parseDeferMs`).
   */
  async reply(snapshot: Uint8Array, timing: EarlyReplyTiming): Promise<void> {
    const readAt = performance.now();
    this.snapshot = snapshot;
    for (const answer of this.answerQueued) answer(snapshot);
    await until(
      timing.waitMs,
      (done) => {
        this.wakeLoad = () => {
          if (this.silentJoiners === 0) void Promise.all(this.sends).then(done);
        };
        this.wakeLoad();
      },
      () => {
        this.wakeLoad = null;
      },
    );
    const left = timing.parseDeferMs - (performance.now() - readAt);
    if (this.sends.length > 0 && !this.documentNeeded && left > 0) {
      await until(
        left,
        (done) => {
          this.wakeParse = done;
        },
        () => {
          this.wakeParse = null;
        },
      );
    }
    this.snapshot = null;
    await until(timing.waitMs, (done) => {
      void Promise.all(this.sends).then(done);
    });
    this.sends = [];
  }
}

/** Resolves when `start` calls its `done`, or after `ms`; `cleanup` runs either way. */
async function until(
  ms: number,
  start: (done: () => void) => void,
  cleanup: () => void = () => undefined,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    start(resolve);
  });
  clearTimeout(timer);
  cleanup();
}
