/**
 * The editing-trace workloads (josephg/editing-traces, see ../shared/traces/README.md) and their
 * replay into Yjs, plus a deterministic synthetic stand-in for a fresh clone without the traces.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { seededRandom } from "@parley/shared/test/random";
import * as Y from "yjs";
import { REPO_ROOT } from "./servers.js";

/** [position in code points, characters to delete, text to insert] */
export type Patch = [number, number, string];

export interface SequentialTrace {
  name: string;
  endContent: string;
  txns: Patch[][];
}

export interface ConcurrentTxn {
  parents: number[];
  agent: number;
  patches: Patch[];
}

export interface ConcurrentTrace {
  name: string;
  endContent: string;
  numAgents: number;
  txns: ConcurrentTxn[];
}

export interface Workloads {
  /** "traces" when the real traces were found, else "synthetic". */
  source: "traces" | "synthetic";
  dir: string;
  sequential: SequentialTrace;
  concurrent: ConcurrentTrace;
}

export const TEXT_FIELD = "bench";

export function tracesDir(): string {
  return resolve(process.env.PARLEY_TRACES ?? join(REPO_ROOT, "../shared/traces"));
}

interface RawSequential {
  endContent: string;
  txns: { patches: Patch[] }[];
}
interface RawConcurrent {
  endContent: string;
  numAgents: number;
  txns: { parents: number[]; agent: number; patches: Patch[] }[];
}

function readJsonGz(path: string): unknown {
  return JSON.parse(gunzipSync(readFileSync(path)).toString("utf8"));
}

const ASTRAL = /[\ud800-\udfff]/;

/** Yjs indexes UTF-16 units, the traces count code points: equal unless astral characters occur. */
function assertBmpOnly(name: string, patchLists: Iterable<Patch[]>): void {
  for (const patches of patchLists) {
    for (const patch of patches) {
      if (ASTRAL.test(patch[2])) {
        throw new Error(
          `${name}: astral characters need code-point → UTF-16 mapping (not implemented)`,
        );
      }
    }
  }
}

export function loadWorkloads(): Workloads {
  const dir = tracesDir();
  const seph = join(dir, "seph-blog1.json.gz");
  const friends = join(dir, "friendsforever.json.gz");
  if (!existsSync(seph) || !existsSync(friends)) {
    return {
      source: "synthetic",
      dir,
      sequential: syntheticSequential(20_000, 7),
      concurrent: syntheticConcurrent(4_000, 11),
    };
  }
  const rawSeq = readJsonGz(seph) as RawSequential;
  const rawCon = readJsonGz(friends) as RawConcurrent;
  const sequential: SequentialTrace = {
    name: "seph-blog1",
    endContent: rawSeq.endContent,
    txns: rawSeq.txns.map((t) => t.patches),
  };
  const concurrent: ConcurrentTrace = {
    name: "friendsforever",
    endContent: rawCon.endContent,
    numAgents: rawCon.numAgents,
    txns: rawCon.txns.map((t) => ({ parents: t.parents, agent: t.agent, patches: t.patches })),
  };
  assertBmpOnly(sequential.name, sequential.txns);
  assertBmpOnly(
    concurrent.name,
    concurrent.txns.map((t) => t.patches),
  );
  return { source: "traces", dir, sequential, concurrent };
}

export function applyPatches(text: Y.Text, patches: readonly Patch[]): void {
  for (const [pos, del, ins] of patches) {
    if (del > 0) text.delete(pos, del);
    if (ins.length > 0) text.insert(pos, ins);
  }
}

/** Replays a sequential trace into `doc`, one Yjs transaction per trace transaction. */
export function replaySequential(
  doc: Y.Doc,
  txns: readonly Patch[][],
  from = 0,
  to = txns.length,
): void {
  const text = doc.getText(TEXT_FIELD);
  for (let i = from; i < to; i++) doc.transact(() => applyPatches(text, txns[i]!));
}

/** The Yjs clientID of a concurrent trace's agent (fixed, so runs are comparable). */
export function agentClientId(agent: number): number {
  return 1000 + agent;
}

/**
 * Replays a concurrent trace with one Y.Doc per agent: before an agent's transaction, its doc
 * receives exactly the missing ancestors of the transaction's parents, so the patch positions
 * apply to the state the recording saw. Every transaction's update goes to `onUpdate`.
 */
export class ConcurrentReplay {
  readonly agentDocs: Y.Doc[];
  private readonly known: Uint8Array[];
  private readonly updates: Uint8Array[] = [];
  private captured: Uint8Array | null = null;

  constructor(
    private readonly parents: (index: number) => readonly number[],
    numAgents: number,
    txnCount: number,
    private readonly onUpdate: (agent: number, update: Uint8Array, index: number) => void,
  ) {
    this.agentDocs = Array.from({ length: numAgents }, (_, agent) => {
      const doc = new Y.Doc();
      doc.clientID = agentClientId(agent);
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== "merge") this.captured = update;
      });
      return doc;
    });
    this.known = Array.from({ length: numAgents }, () => new Uint8Array(txnCount));
  }

  /** Brings `agent`'s doc to the state of transaction `index`'s parents, then applies `patches`. */
  step(index: number, agent: number, patches: readonly Patch[]): void {
    const doc = this.agentDocs[agent]!;
    const known = this.known[agent]!;
    const missing: number[] = [];
    const stack = [...this.parents(index)];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (known[t] === 1) continue;
      known[t] = 1;
      missing.push(t);
      for (const p of this.parents(t)) if (known[p] !== 1) stack.push(p);
    }
    missing.sort((a, b) => a - b);
    for (const t of missing) Y.applyUpdate(doc, this.updates[t]!, "merge");
    this.captured = null;
    doc.transact(() => applyPatches(doc.getText(TEXT_FIELD), patches));
    const update = this.captured ?? Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
    this.updates[index] = update;
    known[index] = 1;
    this.onUpdate(agent, update, index);
  }

  destroy(): void {
    for (const doc of this.agentDocs) doc.destroy();
  }
}

export function replayConcurrent(
  trace: ConcurrentTrace,
  onUpdate: (agent: number, update: Uint8Array, index: number) => void,
  from = 0,
  to = trace.txns.length,
  replay = new ConcurrentReplay(
    (i) => trace.txns[i]!.parents,
    trace.numAgents,
    trace.txns.length,
    onUpdate,
  ),
): ConcurrentReplay {
  for (let i = from; i < to; i++) {
    const txn = trace.txns[i]!;
    replay.step(i, txn.agent, txn.patches);
  }
  return replay;
}

const WORDS =
  "the parties agree that each delegation shall verify the ceasefire line within days ".split("");

/** Someone typing: mostly single characters at a moving cursor, some backspaces, some jumps. */
export function syntheticSequential(count: number, seed: number): SequentialTrace {
  const random = seededRandom(seed);
  let content = "";
  let cursor = 0;
  const txns: Patch[][] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.04 && content.length > 0) {
      cursor = Math.floor(random() * (content.length + 1));
    }
    if (roll > 0.9 && cursor > 0) {
      const del = Math.min(cursor, 1 + Math.floor(random() * 4));
      cursor -= del;
      content = content.slice(0, cursor) + content.slice(cursor + del);
      txns.push([[cursor, del, ""]]);
    } else {
      const ch = WORDS[Math.floor(random() * WORDS.length)]!;
      content = content.slice(0, cursor) + ch + content.slice(cursor);
      txns.push([[cursor, 0, ch]]);
      cursor += 1;
    }
  }
  return { name: `synthetic-sequential-${count}`, endContent: content, txns };
}

/** Two agents typing in their own regions, merging each other's work every few transactions. */
export function syntheticConcurrent(count: number, seed: number): ConcurrentTrace {
  const random = seededRandom(seed);
  const txns: ConcurrentTxn[] = [];
  const last: number[] = [-1, -1];
  const replay = new ConcurrentReplay(
    (i) => txns[i]!.parents,
    2,
    count,
    () => {},
  );
  let agent = 0;
  for (let i = 0; i < count; i++) {
    if (random() < 0.1) agent = 1 - agent;
    const parents: number[] = [];
    if (last[agent]! >= 0) parents.push(last[agent]!);
    const other = last[1 - agent]!;
    if (other >= 0 && random() < 0.15) parents.push(other);
    const text = replay.agentDocs[agent]!.getText(TEXT_FIELD);
    const pos = agent === 0 ? Math.floor(text.length / 2) : text.length;
    const ch = WORDS[Math.floor(random() * WORDS.length)]!;
    const patches: Patch[] = [[pos, 0, ch]];
    txns.push({ parents, agent, patches });
    replay.step(i, agent, patches);
    last[agent] = i;
  }
  const merged = new Y.Doc();
  for (const doc of replay.agentDocs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
  const endContent = merged.getText(TEXT_FIELD).toString();
  replay.destroy();
  merged.destroy();
  return { name: `synthetic-concurrent-${count}`, endContent, numAgents: 2, txns };
}
