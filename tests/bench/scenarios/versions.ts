/**
 * Named versions (Parley only; the reference server has none): how long saving a version takes
 * and what it weighs on the replayed-trace document while a writer keeps typing, and whether the
 * typing stalls meanwhile (keystroke delivery to an observer, before and during the saves); the
 * comparison of two versions of a 200-term framework; and the disk taken by 200 versions of a
 * ~100 KB framework against the stated budget (`VERSION_DISK_BUDGET_MB`).
 */
import { doc, p, t, term } from "@parley/shared/test/frameworkFixtures";
import { frameworkDoc } from "@parley/shared/versions/testDocs";
import * as Y from "yjs";
import { type BenchClient, connectClient, whenDoc, withTimeout } from "../clients.js";
import type { BenchServer } from "../servers.js";
import { median, quantileSorted } from "../stats.js";
import { replaySequential, type SequentialTrace, TEXT_FIELD } from "../traces.js";
import type { Metric, RunContext, RunResult, Scenario } from "./types.js";

/** The stated budget: 200 versions of a 100 KB framework take at most this much disk. */
export const VERSION_DISK_BUDGET_MB = 10;
const SAVES_WHILE_TYPING = 10;
const KEYSTROKE_EVERY_MS = 10;
const BASELINE_MS = 1_000;
const TERMS = 200;
const BUDGET_VERSIONS = 200;

const TABLE = "Versions: save, compare, disk";

const METRICS: Metric[] = (
  [
    {
      key: "saveMs",
      label: "save a version of the replayed document (median, writer typing)",
      unit: "ms",
      better: "lower",
    },
    { key: "saveMaxMs", label: "save a version (slowest of the run)", unit: "ms", better: "lower" },
    {
      key: "rawKB",
      label: "version of the replayed document: room states",
      unit: "KB",
      better: "lower",
    },
    {
      key: "storedKB",
      label: "version of the replayed document: stored (compressed)",
      unit: "KB",
      better: "lower",
    },
    {
      key: "keyP99BaseMs",
      label: "keystroke delivery p99, typing alone",
      unit: "ms",
      better: "lower",
    },
    {
      key: "keyP99SavingMs",
      label: "keystroke delivery p99, while versions are saved",
      unit: "ms",
      better: "lower",
    },
    {
      key: "keyMaxSavingMs",
      label: "keystroke delivery max, while versions are saved",
      unit: "ms",
      better: "lower",
    },
    {
      key: "frameworkKB",
      label: `${TERMS}-term framework: room states`,
      unit: "KB",
      better: "lower",
    },
    {
      key: "compareJsonMs",
      label: `compare two versions of the ${TERMS}-term framework (JSON, median)`,
      unit: "ms",
      better: "lower",
    },
    { key: "compareHtmlMs", label: `compare, as HTML (median)`, unit: "ms", better: "lower" },
    {
      key: "budgetMB",
      label: `disk taken by ${BUDGET_VERSIONS} versions of the ${TERMS}-term framework (budget ${VERSION_DISK_BUDGET_MB} MB)`,
      unit: "MB",
      better: "lower",
    },
  ] satisfies Array<Omit<Metric, "table">>
).map((m) => ({ ...m, table: TABLE }));

interface Saved {
  id: string;
  size: number;
  storedBytes: number;
}

function httpBase(server: BenchServer): string {
  return `http://127.0.0.1:${server.port}`;
}

async function save(
  server: BenchServer,
  room: string,
  name: string,
): Promise<Saved & { ms: number }> {
  const token = server.roomParams(room).token ?? "";
  const start = performance.now();
  const response = await fetch(`${httpBase(server)}/api/frameworks/${room}/versions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as Saved;
  const ms = performance.now() - start;
  if (response.status !== 201)
    throw new Error(`POST versions → ${response.status} ${JSON.stringify(body)}`);
  return { ...body, ms };
}

async function timedGet(server: BenchServer, room: string, path: string): Promise<number> {
  const token = server.roomParams(room).token ?? "";
  const start = performance.now();
  const response = await fetch(`${httpBase(server)}/api/frameworks/${room}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}`);
  return performance.now() - start;
}

/** Types one character every `KEYSTROKE_EVERY_MS`; the observer's delivery latency per keystroke. */
function startTyping(writer: BenchClient, observer: BenchClient) {
  const text = writer.doc.getText(TEXT_FIELD);
  const seen = observer.doc.getText(TEXT_FIELD);
  const base = text.length;
  const sent: number[] = [];
  const latencies: Array<{ at: number; ms: number }> = [];
  const listener = () => {
    const now = performance.now();
    while (latencies.length < sent.length && seen.length - base > latencies.length) {
      latencies.push({ at: now, ms: now - (sent[latencies.length] ?? now) });
    }
  };
  observer.doc.on("afterTransaction", listener);
  const timer = setInterval(() => {
    sent.push(performance.now());
    text.insert(text.length, "x");
  }, KEYSTROKE_EVERY_MS);
  return {
    latenciesBetween(from: number, to: number): number[] {
      return latencies.filter((l) => l.at >= from && l.at < to).map((l) => l.ms);
    },
    stop() {
      clearInterval(timer);
      observer.doc.off("afterTransaction", listener);
    },
  };
}

function p99(values: number[]): number {
  return values.length === 0
    ? Number.NaN
    : quantileSorted(
        [...values].sort((a, b) => a - b),
        0.99,
      );
}

/** Deterministic filler text of about `words` words. */
function words(seed: number, count: number): string {
  const vocabulary = [
    "the",
    "parties",
    "shall",
    "verify",
    "within",
    "days",
    "agency",
    "report",
    "sanctions",
    "phase",
    "mechanism",
    "joint",
    "commission",
    "withdrawal",
    "guarantee",
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(vocabulary[(seed * 7 + i * 13) % vocabulary.length] ?? "and");
  return `${out.join(" ")}.`;
}

async function onReplayedDocument(context: RunContext, trace: SequentialTrace) {
  const { server, clientKind } = context;
  const room = await server.createRoom("bench versions trace");
  const writer = connectClient(server, room, clientKind);
  const observer = connectClient(server, room, clientKind);
  try {
    await withTimeout(
      Promise.all([writer.synced, observer.synced]),
      30_000,
      "version clients sync",
    );
    for (let from = 0; from < trace.txns.length; from += 1000) {
      writer.sendingTogether(() =>
        replaySequential(writer.doc, trace.txns, from, Math.min(trace.txns.length, from + 1000)),
      );
      await new Promise<void>((r) => setImmediate(r));
    }
    const end = trace.endContent;
    const text = observer.doc.getText(TEXT_FIELD);
    await whenDoc(
      observer.doc,
      () => text.length === end.length,
      300_000,
      "observer holding the trace",
    );
    const typing = startTyping(writer, observer);
    const baseStart = performance.now();
    await new Promise((r) => setTimeout(r, BASELINE_MS));
    const savingStart = performance.now();
    const saves: Array<Saved & { ms: number }> = [];
    for (let i = 0; i < SAVES_WHILE_TYPING; i++)
      saves.push(await save(server, room, `Rev. ${i + 1}`));
    const savingEnd = performance.now();
    await new Promise((r) => setTimeout(r, 200));
    typing.stop();
    const during = typing.latenciesBetween(savingStart, savingEnd + 200);
    const last = saves[saves.length - 1];
    return {
      saveMs: median(saves.map((s) => s.ms)),
      saveMaxMs: Math.max(...saves.map((s) => s.ms)),
      rawKB: (last?.size ?? Number.NaN) / 1024,
      storedKB: (last?.storedBytes ?? Number.NaN) / 1024,
      keyP99BaseMs: p99(typing.latenciesBetween(baseStart, savingStart)),
      keyP99SavingMs: p99(during),
      keyMaxSavingMs: during.length > 0 ? Math.max(...during) : Number.NaN,
    };
  } finally {
    writer.close();
    observer.close();
  }
}

async function onTermFramework(context: RunContext) {
  const { server, clientKind } = context;
  const room = await server.createRoom("bench versions terms");
  const writer = connectClient(server, room, clientKind);
  const observer = connectClient(server, room, clientKind);
  try {
    await withTimeout(Promise.all([writer.synced, observer.synced]), 30_000, "term clients sync");
    const terms = Array.from({ length: TERMS }, (_, i) => term(`t-${i}`, [p(t(words(i, 70)))]));
    writer.sendUpdate(Y.encodeStateAsUpdate(frameworkDoc(doc(...terms))));
    const fragment = observer.doc.getXmlFragment("default");
    await whenDoc(
      observer.doc,
      () => fragment.length >= TERMS,
      60_000,
      "observer holding the terms",
    );
    const v1 = await save(server, room, "Rev. 1");
    // 20 terms amended, one emptied, one moved to the end.
    const writerFragment = writer.doc.getXmlFragment("default");
    writer.doc.transact(() => {
      const termEls = writerFragment
        .toArray()
        .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "term");
      for (let i = 0; i < 20; i++) {
        const textNode = (termEls[i * 9]?.get(0) as Y.XmlElement | undefined)?.get(0);
        if (textNode instanceof Y.XmlText) textNode.insert(5, "amended wording of the round ");
      }
      const emptied = (termEls[7]?.get(0) as Y.XmlElement | undefined)?.get(0);
      if (emptied instanceof Y.XmlText) emptied.delete(0, emptied.length);
    });
    await whenDoc(
      observer.doc,
      () => JSON.stringify(fragment.toJSON()).includes("amended wording"),
      30_000,
      "observer holding the edits",
    );
    const v2 = await save(server, room, "Rev. 2");
    const json: number[] = [];
    const html: number[] = [];
    for (let i = 0; i < 5; i++)
      json.push(await timedGet(server, room, `/compare?from=${v1.id}&to=${v2.id}`));
    for (let i = 0; i < 3; i++)
      html.push(await timedGet(server, room, `/compare?from=${v1.id}&to=${v2.id}&format=html`));
    const before = server.storedBytes();
    for (let i = 0; i < BUDGET_VERSIONS; i++) await save(server, room, `Budget ${i + 1}`);
    const after = server.storedBytes();
    return {
      frameworkKB: v1.size / 1024,
      compareJsonMs: median(json),
      compareHtmlMs: median(html),
      budgetMB: (after - before) / (1024 * 1024),
    };
  } finally {
    writer.close();
    observer.close();
  }
}

export function versionsScenario(trace: SequentialTrace): Scenario {
  return {
    id: "versions",
    title: TABLE,
    describe: `Parley only. \`${trace.name}\` replayed into one room, then ${SAVES_WHILE_TYPING} versions saved one after another while a writer types a character every ${KEYSTROKE_EVERY_MS} ms and an observer follows (keystroke delivery compared with ${BASELINE_MS} ms of typing alone); a ${TERMS}-term framework saved, 20 terms amended and one emptied, saved again and compared; then ${BUDGET_VERSIONS} more versions of it saved and the data directory's growth read. Budget: ${BUDGET_VERSIONS} versions of a 100 KB framework ≤ ${VERSION_DISK_BUDGET_MB} MB.`,
    metrics: METRICS,
    run: async (context): Promise<RunResult> => {
      if (context.server.kind !== "parley") {
        return {
          values: Object.fromEntries(METRICS.map((m) => [m.key, Number.NaN])),
          notes: ["the reference server has no versions"],
        };
      }
      const replayed = await onReplayedDocument(context, trace);
      const framework = await onTermFramework(context);
      const values = { ...replayed, ...framework };
      const within = values.budgetMB <= VERSION_DISK_BUDGET_MB;
      return {
        values,
        notes: [
          `${BUDGET_VERSIONS} versions: ${values.budgetMB.toFixed(2)} MB, budget ${VERSION_DISK_BUDGET_MB} MB ${within ? "met" : "EXCEEDED"}`,
        ],
      };
    },
  };
}
