/**
 * Merges a room's stored snapshot and log into one update on a worker thread, so that saving a
 * version of a large, busy room costs its event loop nothing but the read (encoding a 330 KB
 * document with a long history took 20–100 ms of the main thread, a stall every client of the
 * server would feel). One worker per process, started on first use, unreferenced; if it cannot
 * run, the merge happens on the main thread.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { mergeInTree } from "../core/yjsBytes.js";

/**
 * CommonJS run by the worker: the snapshot applied to a document, the log merged in a tree of
 * groups (as `mergeInTree`) and applied at once, the document encoded (as a room loads: cheaper
 * than merging the log into the snapshot, and deleted content is dropped).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Y = require(workerData.yjs);
const FAN_IN = 16;
const mergeInTree = (updates) => {
  let level = updates;
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += FAN_IN) {
      const group = level.slice(i, i + FAN_IN);
      next.push(group.length === 1 ? group[0] : Y.mergeUpdates(group));
    }
    level = next;
  }
  return level[0];
};
parentPort.on("message", ({ id, parts }) => {
  try {
    const doc = new Y.Doc({ gc: true });
    Y.transact(doc, () => {
      Y.applyUpdate(doc, parts[0]);
      if (parts.length > 1) Y.applyUpdate(doc, mergeInTree(parts.slice(1)));
    });
    const merged = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, merged });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

type Reply = { id: number; merged: Uint8Array } | { id: number; error: string };

let worker: Worker | null = null;
let failed = false;
let nextId = 1;
const pending = new Map<
  number,
  { resolve(merged: Uint8Array): void; reject(error: Error): void }
>();

function failAll(error: Error): void {
  failed = true;
  worker = null;
  for (const waiter of pending.values()) waiter.reject(error);
  pending.clear();
}

function startWorker(): Worker | null {
  if (failed) return null;
  if (worker) return worker;
  try {
    const yjs = createRequire(import.meta.url).resolve("yjs");
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs } });
    started.unref();
    started.on("message", (reply: Reply) => {
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if ("error" in reply) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.merged);
    });
    started.on("error", failAll);
    started.on("exit", () => failAll(new Error("merge worker exited")));
    worker = started;
    return started;
  } catch {
    failed = true;
    return null;
  }
}

/** `parts` (a stored snapshot and log) merged into one update, off the main thread if it can. */
export async function mergeOffThread(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const [only] = parts;
  if (parts.length === 1 && only) return only;
  const running = startWorker();
  if (!running) return mergeInTree(parts);
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      running.postMessage({ id, parts });
    });
  } catch {
    return mergeInTree(parts);
  }
}
