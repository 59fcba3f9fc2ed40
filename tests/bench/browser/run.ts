/**
 * `pnpm bench:browser`: Parley's page and a bare Tiptap page, in headless Chromium, against a
 * real Parley server, while remote writers type; writes the "Browser" section of BENCHMARKS.md
 * (and docs/bench/browser.md, which `pnpm bench` copies into the report it regenerates).
 * See `pnpm bench:browser --help`.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { termStatusMap } from "@parley/shared/model/maps";
import { chromium } from "@playwright/test";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { withTimeout } from "../clients.js";
import { machineInfo, watchContention } from "../machine.js";
import { mapBrowserProfile } from "../profile.js";
import { PARLEY_BENCH_ENV, REPO_ROOT, startParley } from "../servers.js";
import { BARE_DIR, writeBareEditor } from "./bare/page.js";
import {
  type BrowserReportInput,
  type HeapRun,
  type LoadRun,
  renderBrowserSection,
  spliceBrowserSection,
  type TypingRun,
} from "./browserReport.js";
import { CHROMIUM_ARGS, findChromium } from "./chromium.js";
import {
  appendBlocks,
  paragraphsDocument,
  phasedTerms,
  sentence,
  textLength,
  writeStatuses,
  writeThreads,
} from "./documents.js";
import { pageMainThread, readRendererMainThreads } from "./mainThread.js";
import {
  type Framework,
  focusEnd,
  heapAfterGc,
  openPage,
  type PageKind,
  typeAndMeasure,
} from "./pageSession.js";
import { DescendantsCpu } from "./processCpu.js";
import { startRemoteWriters } from "./remoteWriters.js";

const HELP = `pnpm bench:browser [options]
  --keys N            characters the measured person types per case (default 150, one per 100 ms)
  --heap-minutes M    minutes of remote typing before the heap is read (default 1;
                      or PARLEY_BENCH_HEAP_MINUTES; 0 skips it). The issue's figure is 10.
  --only a,b          cases whose id starts with one of: load-p300, load-phased, p300-0, p300-5,
                      p300-20, phased-20, heap
  --loads N           times each page is opened for the load figures, in turn (default 5)
  --reps N            repetitions of each typing case, the cases in turn (default 3); the targets
                      read each page's repetition with the median keydown p99
  --quick             a short run for comparing changes: --keys 40 --heap-minutes 0 --loads 2
                      --reps 1 (other options still apply)
  --profile DIR       also record a CPU profile of each page while the person types
                      (DIR/<case>-<page>.cpuprofile) and while it loads (…-load.cpuprofile),
                      mapped to client sources; summarize with node --import tsx tests/bench/profile.ts DIR/<file>)
  --trace DIR         also record a Chromium trace of each typing repetition's top-level tasks
                      (DIR/<case>-<page>-<rep>.json) and report, for each frame over 50 ms, how
                      long the page's main thread was in a task and how long it ran on a core
  --out FILE          the markdown file whose "## Browser" section is replaced (default
                      BENCHMARKS.md, which also refreshes docs/bench/browser.md and its results)
PARLEY_BENCH_SKIP_BUILD=1 skips building the client (when client/dist is fresh).`;

/** Hand-written: what the figures say and where the frames go; copied to the end of the section. */
const NOTES_FILE = join(REPO_ROOT, "docs/bench/browser-notes.md");
const DEFAULT_OUT = join(REPO_ROOT, "BENCHMARKS.md");
const EDITS_PER_SECOND = 3;
const KEY_INTERVAL_MS = 100;
const WARM_UP_MS = 2_000;
const PARAGRAPHS = 300;
const TERMS = 200;
const THREADS = 50;

function options() {
  const { values } = parseArgs({
    options: {
      keys: { type: "string", default: "150" },
      loads: { type: "string" },
      reps: { type: "string" },
      "heap-minutes": { type: "string" },
      only: { type: "string" },
      out: { type: "string" },
      quick: { type: "boolean", default: false },
      profile: { type: "string" },
      trace: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const keys = Number(values.quick && values.keys === "150" ? "40" : values.keys);
  const heapMinutes = Number(
    values["heap-minutes"] ??
      (values.quick ? "0" : undefined) ??
      process.env.PARLEY_BENCH_HEAP_MINUTES ??
      1,
  );
  const loads = Number(values.loads ?? (values.quick ? "2" : "5"));
  const reps = Number(values.reps ?? (values.quick ? "1" : "3"));
  if (!Number.isInteger(reps) || reps < 1) throw new Error("--reps wants an integer ≥ 1");
  if (!Number.isInteger(keys) || keys < 10) throw new Error("--keys wants an integer ≥ 10");
  if (!Number.isInteger(loads) || loads < 1) throw new Error("--loads wants an integer ≥ 1");
  if (!Number.isFinite(heapMinutes) || heapMinutes < 0)
    throw new Error("--heap-minutes wants a number ≥ 0");
  return {
    keys,
    loads,
    reps,
    heapMinutes,
    only: values.only?.split(",").map((s) => s.trim()) ?? null,
    out: values.out ? resolve(values.out) : DEFAULT_OUT,
    profileDir: values.profile ? resolve(values.profile) : null,
    traceDir: values.trace ? resolve(values.trace) : null,
  };
}

/** A y-websocket client of one room, synced. */
async function connectDoc(wsBase: string, room: string, token: string): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(wsBase, room, new Y.Doc(), {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await withTimeout(
    new Promise<void>((r) => provider.once("sync", () => r())),
    30_000,
    `sync ${room}`,
  );
  return provider;
}

/** Waits until the server echoes the seed: a fresh client of the room holds `length` characters. */
async function seeded(
  wsBase: string,
  room: string,
  token: string,
  check: (doc: Y.Doc) => boolean,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const probe = await connectDoc(wsBase, room, token);
    const ok = check(probe.doc);
    probe.destroy();
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`room ${room} did not receive its seed`);
}

async function createFramework(
  baseUrl: string,
  body: Record<string, string>,
): Promise<{ id: string; token: string }> {
  const response = await fetch(`${baseUrl}/api/frameworks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { id?: unknown; token?: unknown };
  if (!response.ok || typeof json.id !== "string" || typeof json.token !== "string")
    throw new Error(`POST /api/frameworks → ${response.status} ${JSON.stringify(json)}`);
  return { id: json.id, token: json.token };
}

function xmlTextLength(doc: Y.Doc): number {
  let n = 0;
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) n += child.length;
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment("default"));
  return n;
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date();
  const wall = performance.now();
  const contention = watchContention();
  const cpu = new DescendantsCpu();
  const log = (line: string) =>
    console.log(
      `[bench:browser ${((performance.now() - wall) / 1000).toFixed(0).padStart(4)} s] ${line}`,
    );
  const wanted = (id: string) => !opts.only || opts.only.some((p) => id.startsWith(p));

  const executable = findChromium();
  if (opts.profileDir) mkdirSync(opts.profileDir, { recursive: true });
  if (opts.traceDir) mkdirSync(opts.traceDir, { recursive: true });
  if (process.env.PARLEY_BENCH_SKIP_BUILD !== "1") {
    log("building the client…");
    const build = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/buildClient.mjs")], {
      cwd: REPO_ROOT,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("the client build failed");
  }
  if (!existsSync(join(REPO_ROOT, "client/dist/index.html")))
    throw new Error("client/dist is missing: build the client");
  // Parley serves a copy of the built client with the bare page beside it (same origin)
  const clientDir = mkdtempSync(join(tmpdir(), "parley-bench-client-"));
  cpSync(join(REPO_ROOT, "client/dist"), clientDir, { recursive: true });
  writeBareEditor(join(clientDir, BARE_DIR));
  PARLEY_BENCH_ENV.PARLEY_CLIENT_DIR = clientDir;
  const server = await startParley();
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS });
  const chromiumVersion = `Chromium ${browser.version()}`;
  const typing: TypingRun[] = [];
  const heap: HeapRun[] = [];
  const loads: LoadRun[] = [];
  const errors: string[] = [];
  const keepOpen: WebsocketProvider[] = [];
  try {
    log("seeding the documents…");
    const p300 = await createFramework(baseUrl, { title: "Bench: 300 paragraphs" });
    const p300Json = paragraphsDocument(PARAGRAPHS);
    const p300Seed = await connectDoc(server.wsBase, p300.id, p300.token);
    keepOpen.push(p300Seed);
    appendBlocks(p300Seed.doc, p300Json.content ?? []);
    await seeded(
      server.wsBase,
      p300.id,
      p300.token,
      (d) => xmlTextLength(d) >= textLength(p300Json),
    );

    const phased = await createFramework(baseUrl, {
      title: "Bench: phased",
      template: "phased-reciprocal",
    });
    const phasedSeed = await connectDoc(server.wsBase, phased.id, phased.token);
    keepOpen.push(phasedSeed);
    const templateTerms = termStatusMap(phasedSeed.doc).size;
    const terms = phasedTerms(Math.max(0, TERMS - templateTerms), THREADS);
    appendBlocks(phasedSeed.doc, terms.blocks);
    writeStatuses(phasedSeed.doc, terms.statuses);
    const discussion = await connectDoc(server.wsBase, `${phased.id}/discussion`, phased.token);
    keepOpen.push(discussion);
    writeThreads(discussion.doc, terms.threads);
    const phasedLength = xmlTextLength(phasedSeed.doc);
    await seeded(server.wsBase, phased.id, phased.token, (d) => xmlTextLength(d) >= phasedLength);
    await seeded(
      server.wsBase,
      `${phased.id}/discussion`,
      phased.token,
      (d) => d.getMap("threads").size >= THREADS,
    );

    const frameworks: Record<string, Framework> = {
      "300 paragraphs": { ...p300, lastText: sentence(PARAGRAPHS - 1, 300).slice(-40) },
      "phased, 200 terms": {
        ...phased,
        lastText:
          terms.blocks.length > 1 ? sentence(1000 + terms.statuses.length - 1, 220).slice(-40) : "",
      },
    };
    const documents = {
      "300 paragraphs": `a title and ${PARAGRAPHS} paragraphs of ~300 characters (${textLength(p300Json).toLocaleString("en")} characters).`,
      "phased, 200 terms": `the phased reciprocal template (${templateTerms} terms) with ${terms.statuses.length} more terms, every 4th with a bracket of two options, and ${THREADS} comment threads anchored in the text (${phasedLength.toLocaleString("en")} characters).`,
    };
    // Load to editable: each page opened several times, the two in turn, nobody else typing
    const loadCases = [
      { id: "load-p300", document: "300 paragraphs" },
      { id: "load-phased", document: "phased, 200 terms" },
    ].filter((c) => wanted(c.id));
    for (const c of loadCases) {
      const framework = frameworks[c.document]!;
      const times: Record<PageKind, number[]> = { parley: [], bare: [] };
      for (let i = 0; i < opts.loads; i++) {
        for (const kind of i % 2 === 0
          ? (["parley", "bare"] as const)
          : (["bare", "parley"] as const)) {
          try {
            const open = await openPage({ browser, baseUrl, kind, framework });
            times[kind].push(open.loadMs);
            await open.context.close();
          } catch (error) {
            const message = `${c.id} ${kind}: ${String(error instanceof Error ? error.message : error).split("\n")[0]}`;
            errors.push(message);
            log(`FAILED ${message}`);
          }
        }
      }
      for (const kind of ["parley", "bare"] as const)
        loads.push({ document: c.document, kind, loadMs: times[kind] });
      log(`${c.id}: Parley ${times.parley.join(", ")} ms; bare ${times.bare.join(", ")} ms`);
    }

    const cases = [
      { id: "p300-0", document: "300 paragraphs", writers: 0 },
      { id: "p300-5", document: "300 paragraphs", writers: 5 },
      { id: "p300-20", document: "300 paragraphs", writers: 20 },
      { id: "phased-20", document: "phased, 200 terms", writers: 20 },
    ].filter((c) => wanted(c.id));
    for (let rep = 0; rep < opts.reps; rep++) {
      for (const [index, c] of cases.entries()) {
        const framework = frameworks[c.document]!;
        // which page goes first alternates between cases and, for each case, between repetitions
        const order: PageKind[] = (index + rep) % 2 === 1 ? ["bare", "parley"] : ["parley", "bare"];
        for (const kind of order) {
          try {
            const loadProfile =
              rep === 0 && opts.profileDir
                ? join(opts.profileDir, `${c.id}-${kind}-load.cpuprofile`)
                : undefined;
            const open = await openPage({
              browser,
              baseUrl,
              kind,
              framework,
              profileTo: loadProfile,
            });
            if (loadProfile) mapBrowserProfile(loadProfile, `${baseUrl}/`);
            const writers = await startRemoteWriters({
              wsBase: server.wsBase,
              room: framework.id,
              token: framework.token,
              writers: c.writers,
              editsPerSecond: EDITS_PER_SECOND,
            });
            try {
              await new Promise((r) => setTimeout(r, WARM_UP_MS));
              await focusEnd(open, kind);
              const before = writers.edits();
              const profileFile =
                rep === 0 && opts.profileDir
                  ? join(opts.profileDir, `${c.id}-${kind}.cpuprofile`)
                  : undefined;
              const traceFile = opts.traceDir
                ? join(opts.traceDir, `${c.id}-${kind}-${rep + 1}.json`)
                : undefined;
              const threadsBefore = readRendererMainThreads();
              const figures = await typeAndMeasure(
                open,
                opts.keys,
                KEY_INTERVAL_MS,
                profileFile,
                traceFile,
              );
              const mainThread = pageMainThread(threadsBefore, readRendererMainThreads());
              if (profileFile) mapBrowserProfile(profileFile, `${baseUrl}/`);
              typing.push({
                rep,
                document: c.document,
                writers: c.writers,
                kind,
                loadMs: open.loadMs,
                figures,
                remoteEdits: writers.edits() - before,
                ...(mainThread ? { mainThread } : {}),
              });
              const k = figures.keydown;
              log(
                `${c.id} ${kind} rep ${rep + 1}: load ${open.loadMs} ms, keydown p50/p95/p99 ${k.p50}/${k.p95}/${k.p99} ms, ${figures.frames.longFrames} frames > 50 ms (longest ${figures.frames.longestFrame.toFixed(0)} ms)${mainThread ? `, main thread ran ${(mainThread.runMs / 1000).toFixed(2)} s and waited ${(mainThread.waitMs / 1000).toFixed(2)} s for a core` : ""}`,
              );
              for (const f of figures.longFrameThreads ?? []) {
                log(
                  `  frame of ${f.duration.toFixed(0)} ms: main thread in tasks ${f.inTasksMs.toFixed(1)} ms, running ${f.runningMs.toFixed(1)} ms`,
                );
              }
            } finally {
              writers.stop();
              cpu.sample();
              await open.context.close();
            }
          } catch (error) {
            const message = `${c.id} ${kind}: ${String(error instanceof Error ? error.message : error).split("\n")[0]}`;
            errors.push(message);
            log(`FAILED ${message}`);
          }
        }
      }
    }

    if (opts.heapMinutes > 0 && wanted("heap")) {
      for (const kind of ["parley", "bare"] as const) {
        try {
          const framework = frameworks["300 paragraphs"]!;
          const open = await openPage({ browser, baseUrl, kind, framework });
          try {
            const heapBefore = await heapAfterGc(open);
            const stateBefore = Y.encodeStateAsUpdate(p300Seed.doc).length;
            const writers = await startRemoteWriters({
              wsBase: server.wsBase,
              room: framework.id,
              token: framework.token,
              writers: 20,
              editsPerSecond: EDITS_PER_SECOND,
            });
            await new Promise((r) => setTimeout(r, opts.heapMinutes * 60_000));
            writers.stop();
            const heapAfter = await heapAfterGc(open);
            heap.push({
              kind,
              minutes: opts.heapMinutes,
              heapBeforeMB: heapBefore / 1e6,
              heapAfterMB: heapAfter / 1e6,
              stateBeforeKB: stateBefore / 1024,
              stateAfterKB: Y.encodeStateAsUpdate(p300Seed.doc).length / 1024,
              remoteEdits: writers.edits(),
            });
            log(
              `heap ${kind}: ${(heapBefore / 1e6).toFixed(1)} → ${(heapAfter / 1e6).toFixed(1)} MB`,
            );
          } finally {
            cpu.sample();
            await open.context.close();
          }
        } catch (error) {
          const message = `heap ${kind}: ${String(error instanceof Error ? error.message : error).split("\n")[0]}`;
          errors.push(message);
          log(`FAILED ${message}`);
        }
      }
    }

    cpu.sample();
    const input: BrowserReportInput = {
      date: startedAt,
      durationS: (performance.now() - wall) / 1000,
      commandLine: `pnpm bench:browser ${process.argv.slice(2).join(" ")}`.trim(),
      machine: machineInfo(),
      contention: contention.finish(cpu.totalMs()),
      chromium: chromiumVersion,
      keys: opts.keys,
      reps: opts.reps,
      keyIntervalMs: KEY_INTERVAL_MS,
      editsPerSecond: EDITS_PER_SECOND,
      documents,
      typing,
      loads,
      heap,
      errors,
      notesMarkdown: existsSync(NOTES_FILE) ? readFileSync(NOTES_FILE, "utf8") : null,
    };
    const section = renderBrowserSection(input);
    // the committed section and raw results belong to the default report only
    if (opts.out === DEFAULT_OUT) {
      const docsDir = join(REPO_ROOT, "docs/bench");
      mkdirSync(docsDir, { recursive: true });
      writeFileSync(join(docsDir, "browser.md"), `${section.trim()}\n`);
      writeFileSync(
        join(docsDir, "browser-results.json"),
        `${JSON.stringify({ date: startedAt, loads, typing, heap, errors }, null, 1)}\n`,
      );
    }
    const current = existsSync(opts.out) ? readFileSync(opts.out, "utf8") : "";
    writeFileSync(opts.out, spliceBrowserSection(current, section));
    log(`wrote the Browser section of ${opts.out}`);
  } finally {
    for (const provider of keepOpen) {
      provider.destroy();
      provider.doc.destroy();
    }
    await browser.close();
    await server.stop();
    rmSync(clientDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
