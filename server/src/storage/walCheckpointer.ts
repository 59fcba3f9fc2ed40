/**
 * Checkpoints the SQLite write-ahead log from a worker thread, so that the server's own
 * connection never does.
 *
 * SQLite's automatic checkpoint runs inside whichever commit pushes the WAL past 1,000 pages: that
 * commit copies the WAL into the database file and fsyncs both, with the event loop (every room)
 * stopped. Measured on this machine: one commit in ~250 took 3–4 ms instead of 0.02 ms, and far
 * longer when the disk was busy: the tail of every room's latency. Here the server's connection
 * only appends to the WAL (`wal_autocheckpoint` raised to a safety cap), and a second connection on
 * a worker thread runs PASSIVE checkpoints: while commits come, once the WAL reaches ~1,000 pages;
 * once they pause, right away. A passive checkpoint never takes the write lock (the next commit
 * starts the WAL over, and `journal_size_limit` truncates the file then), but its fsync slows the
 * commits beside it (measured: checkpointing every second took the
 * p99 of commits 30 ms apart from 0.2–0.3 to 0.53 ms), hence not more often than that.
 *
 * The worker is plain JavaScript passed as a string (nothing to bundle or resolve at run time but
 * better-sqlite3 itself, whose path the main thread resolves).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface CheckpointResult {
  /** 1 if the checkpoint could not run to completion (another connection held a lock). */
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied into the database file. */
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Runs a checkpoint now and resolves with its result (tests, diagnostics). */
  checkpointNow(): Promise<CheckpointResult>;
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { statSync } = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
// PASSIVE only: it never takes the write lock, so the server's commits never wait for it. Once it
// has copied everything, the server's next commit starts the WAL over and truncates the file
// (journal_size_limit).
const checkpoint = () => {
  const [row] = db.pragma("wal_checkpoint(PASSIVE)");
  return row;
};
// Every interval: while commits are coming (the WAL's mtime moved), checkpoint only once the WAL
// is as long as SQLite's own automatic checkpoint would let it grow (a checkpoint's fsync slows the
// commits that run beside it), and again soon if it stays that long; once commits have paused for
// a whole interval, copy what is there, once.
const walFile = workerData.file + "-wal";
let lastMtime = -1;
let settledMtime = -1;
const tick = () => {
  const stat = statSync(walFile, { throwIfNoEntry: false });
  if (!stat || stat.size === 0) return workerData.intervalMs;
  const writing = stat.mtimeMs !== lastMtime;
  lastMtime = stat.mtimeMs;
  if (writing) {
    if (stat.size < workerData.busyPages * 4096) return workerData.intervalMs;
    const row = checkpoint();
    return row.log >= workerData.busyPages ? workerData.busyIntervalMs : workerData.intervalMs;
  }
  if (stat.mtimeMs === settledMtime) return workerData.intervalMs;
  checkpoint();
  settledMtime = statSync(walFile, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return workerData.intervalMs;
};
let timer;
const schedule = (delay) => {
  timer = setTimeout(() => {
    let next = workerData.intervalMs;
    try {
      next = tick();
    } catch (error) {
      parentPort.postMessage({ type: "error", message: String(error && error.message || error) });
    }
    schedule(next);
  }, delay);
};
schedule(workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message.type === "checkpoint") {
    try {
      parentPort.postMessage({ type: "checkpointed", id: message.id, result: checkpoint() });
    } catch (error) {
      parentPort.postMessage({ type: "error", id: message.id, message: String(error && error.message || error) });
    }
  } else if (message.type === "stop") {
    clearTimeout(timer);
    db.close();
    parentPort.postMessage({ type: "stopped" });
  }
});
`;

/**
 * While commits come, the WAL is checkpointed once it reaches this many pages (4 MiB, about where
 * SQLite's automatic checkpoint runs); still this long after a checkpoint, writes are streaming in.
 */
const BUSY_WAL_PAGES = 1024;
/** Then the next checkpoint comes after this many milliseconds instead of `intervalMs`. */
const BUSY_INTERVAL_MS = 50;

type WorkerMessage =
  | { type: "checkpointed"; id: number; result: CheckpointResult }
  | { type: "error"; id?: number; message: string }
  | { type: "stopped" };

export interface WalCheckpointerOptions {
  file: string;
  intervalMs: number;
  /** The worker failed or exited unexpectedly: the caller should checkpoint by itself again. */
  onFailure(error: Error): void;
}

export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      file: options.file,
      intervalMs: options.intervalMs,
      busyPages: BUSY_WAL_PAGES,
      busyIntervalMs: BUSY_INTERVAL_MS,
    },
  });
  // The periodic checkpoint must not keep a process alive that has nothing else to do.
  worker.unref();
  let nextId = 1;
  let stopping = false;
  let failed = false;
  const waiting = new Map<
    number,
    { resolve: (result: CheckpointResult) => void; reject: (error: Error) => void }
  >();
  const fail = (error: Error) => {
    if (failed || stopping) return;
    failed = true;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    options.onFailure(error);
  };
  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "checkpointed") {
      waiting.get(message.id)?.resolve(message.result);
      waiting.delete(message.id);
    } else if (message.type === "error") {
      const error = new Error(`WAL checkpoint failed: ${message.message}`);
      if (message.id !== undefined && waiting.has(message.id)) {
        waiting.get(message.id)?.reject(error);
        waiting.delete(message.id);
      } else {
        fail(error);
      }
    } else if (message.type === "stopped") {
      void worker.terminate();
    }
  });
  worker.on("error", (error) => fail(error));
  worker.on("exit", (code) => {
    if (!stopping) fail(new Error(`WAL checkpoint worker exited with code ${code}`));
  });

  return {
    checkpointNow() {
      if (failed) return Promise.reject(new Error("WAL checkpoint worker is not running"));
      const id = nextId++;
      return new Promise<CheckpointResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: "checkpoint", id });
      });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      if (failed) return;
      await new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage({ type: "stop" });
      });
    },
  };
}
