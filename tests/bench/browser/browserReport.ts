/**
 * The "Browser" section of BENCHMARKS.md, from the runs of `pnpm bench:browser`. Pure: takes
 * the figures, returns markdown (starting with `## Browser`, subsections `###` only, so that it
 * can be replaced in BENCHMARKS.md as one block).
 */
import type { ContentionReport, MachineInfo } from "../machine.js";
import { EVENT_THRESHOLD_MS, formatKeydown, formatRatio, LONG_FRAME_MS } from "./browserStats.js";
import type { MainThreadTime } from "./mainThread.js";
import type { PageKind, TypingFigures } from "./pageSession.js";

export interface TypingRun {
  /** Which repetition of the case (from 0). */
  rep: number;
  document: string;
  writers: number;
  kind: PageKind;
  loadMs: number;
  figures: TypingFigures;
  remoteEdits: number;
  /** The page's main thread during the typing: on a core, and ready but waiting for one. */
  mainThread?: MainThreadTime;
}

/** One page's loads of one document (ms from navigation to editable, in the order taken). */
export interface LoadRun {
  document: string;
  kind: PageKind;
  loadMs: number[];
}

export interface HeapRun {
  kind: PageKind;
  minutes: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  stateBeforeKB: number;
  stateAfterKB: number;
  remoteEdits: number;
}

export interface BrowserReportInput {
  date: Date;
  durationS: number;
  commandLine: string;
  machine: MachineInfo;
  contention: ContentionReport;
  chromium: string;
  keys: number;
  /** Repetitions of each typing case. */
  reps: number;
  keyIntervalMs: number;
  editsPerSecond: number;
  documents: Record<string, string>;
  typing: TypingRun[];
  loads: LoadRun[];
  heap: HeapRun[];
  errors: string[];
  /** Hand-written notes (docs/bench/browser-notes.md) placed at the end of the section. */
  notesMarkdown?: string | null;
}

const LABEL: Record<PageKind, string> = { parley: "Parley", bare: "bare Tiptap" };
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString("en")} ms` : "—");
const mb = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} MB` : "—");

function runsOf(runs: readonly TypingRun[], document: string, writers: number, kind: PageKind) {
  return runs.filter((r) => r.document === document && r.writers === writers && r.kind === kind);
}

/**
 * The repetition of a case whose keydown p99 is the median of the case's repetitions (the lower
 * of the two middle ones for an even count): the figures the targets and ratios are read on.
 */
export function medianRun(
  runs: readonly TypingRun[],
  document: string,
  writers: number,
  kind: PageKind,
): TypingRun | undefined {
  const sorted = runsOf(runs, document, writers, kind).sort(
    (a, b) => a.figures.keydown.p99 - b.figures.keydown.p99,
  );
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Each repetition's keydown p99, in the order they ran ("40, 32, 48 ms"). */
function p99s(runs: readonly TypingRun[], document: string, writers: number, kind: PageKind) {
  return runsOf(runs, document, writers, kind)
    .sort((a, b) => a.rep - b.rep)
    .map((r) => formatKeydown(r.figures.keydown.p99))
    .join(", ");
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function loadsOf(loads: readonly LoadRun[], document: string, kind: PageKind): number[] {
  return loads.find((r) => r.document === document && r.kind === kind)?.loadMs ?? [];
}

/** The median of a page's loads of a document (`null` if it was not loaded). */
export function medianLoad(loads: readonly LoadRun[], document: string, kind: PageKind) {
  return median(loadsOf(loads, document, kind));
}

function loadCount(loads: readonly LoadRun[], document: string): number {
  return Math.min(
    loadsOf(loads, document, "parley").length,
    loadsOf(loads, document, "bare").length,
  );
}

export interface BrowserTarget {
  target: string;
  measured: string;
  met: boolean | null;
}

/** The targets of the browser work, on the figures of this run. */
export function browserTargets(
  input: Pick<BrowserReportInput, "typing" | "loads">,
): BrowserTarget[] {
  const out: BrowserTarget[] = [];
  const runs = input.typing;
  for (const document of [...new Set(runs.map((r) => r.document))]) {
    const parley = medianRun(runs, document, 20, "parley");
    const bare = medianRun(runs, document, 20, "bare");
    const reps = (writers: number, kind: PageKind) => runsOf(runs, document, writers, kind).length;
    if (parley && bare) {
      const p = parley.figures.keydown.p99;
      const b = Math.max(bare.figures.keydown.p99, EVENT_THRESHOLD_MS);
      out.push({
        target: `${document}, 20 writers: keydown p99 ≤ 1.2× bare`,
        measured: `${formatKeydown(p)} vs ${formatKeydown(bare.figures.keydown.p99)} (${formatRatio(p, bare.figures.keydown.p99)}), medians of ${reps(20, "parley")} repetitions (Parley ${p99s(runs, document, 20, "parley")}; bare ${p99s(runs, document, 20, "bare")})`,
        met: p / b <= 1.2,
      });
    }
    const quiet = medianRun(runs, document, 0, "parley");
    if (parley && quiet) {
      const p = parley.figures.keydown.p99;
      const q = Math.max(quiet.figures.keydown.p99, EVENT_THRESHOLD_MS);
      out.push({
        target: `${document}, 20 writers: keydown p99 ≤ 2× Parley with nobody else typing`,
        measured: `${formatKeydown(p)} vs ${formatKeydown(quiet.figures.keydown.p99)}, medians (nobody else typing: ${p99s(runs, document, 0, "parley")})`,
        met: p / q <= 2,
      });
    }
    const busy = runsOf(runs, document, 20, "parley").sort((a, b) => a.rep - b.rep);
    if (busy.length > 0 && document.startsWith("300")) {
      const frames = busy.map((r) => r.figures.frames.longFrames);
      const longest = Math.max(...busy.map((r) => r.figures.frames.longestFrame));
      out.push({
        target: `${document}, 20 writers: no animation frame over ${LONG_FRAME_MS} ms`,
        measured: `${frames.join(", ")} frames (every repetition), longest ${ms(longest)}`,
        met: frames.every((n) => n === 0),
      });
    }
  }
  for (const document of [...new Set(input.loads.map((r) => r.document))].filter(
    (d) => !d.startsWith("300"),
  )) {
    const parley = medianLoad(input.loads, document, "parley");
    const bare = medianLoad(input.loads, document, "bare");
    if (parley !== null && bare !== null) {
      out.push({
        target: `${document}: load to editable ≤ 1.5× bare`,
        measured: `${ms(parley)} vs ${ms(bare)} (${(parley / bare).toFixed(2)}×), medians of ${loadCount(input.loads, document)} loads each`,
        met: parley / bare <= 1.5,
      });
    }
  }
  return out;
}

export function renderBrowserSection(input: BrowserReportInput): string {
  const { machine, contention } = input;
  const lines: string[] = ["## Browser", ""];
  lines.push(
    "> Generated by `pnpm bench:browser` (`tests/bench/browser/run.ts`); rerun it to refresh this section (`pnpm bench` keeps it).",
    "",
  );
  lines.push(
    `- Date: ${input.date.toISOString()} (run took ${Math.round(input.durationS)} s; command: \`${input.commandLine}\`)`,
    `- Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGB} GB RAM, ${machine.platform}, Node ${machine.node}; ${input.chromium}, headless, the e2e suite's flags`,
    `- Other load: processes other than the harness, Parley's server and Chromium kept on average **${contention.otherCores.toFixed(2)} of ${machine.cores} cores** busy (load average ${contention.loadBefore.toFixed(2)} before, ${contention.loadAfter.toFixed(2)} after).` +
      (contention.otherCores > 0.2
        ? " **Other work shared the machine**: absolute figures are noisy; compare Parley and bare within this run."
        : ""),
    `- Server: Parley's compiled server (as \`pnpm bench\` starts it) serving the built client; every page opens the framework with its creator's token. Pages run one at a time, each in a fresh browser context, Parley and bare alternating; each typing case ${input.reps} time(s), the cases in turn.`,
    `- Load: remote writers are y-websocket providers in the harness, each typing ${input.editsPerSecond} characters/s into its own paragraph and moving its caret (awareness) with every character; once synced they do not apply what the server relays to them (they stand in for people on other machines: the server and the page see the same messages). The person measured types ${input.keys} characters at the end of the last paragraph, one every ${input.keyIntervalMs} ms (Playwright's keyboard; ${((input.keys * input.keyIntervalMs) / 1000).toFixed(0)} s planned). Each press waits until the page takes it, so a page that falls behind types slower ("typing took"); typing stops at 3× the planned time.`,
    `- Figures from the page's own PerformanceObserver: \`event\` entries for keydown (duration = input to next paint; input delay = processingStart − startTime; handler = processingEnd − processingStart), \`long-animation-frame\`, \`longtask\`. Chromium reports a keydown only when it took ≥ ${EVENT_THRESHOLD_MS} ms: the others count as faster, so a percentile below that reads "< ${EVENT_THRESHOLD_MS} ms".`,
    "- Baseline (bare): a page built for the bench (`tests/bench/browser/bare/`): Tiptap 3 with the shared document schema, Collaboration and CollaborationCaret, on a y-websocket provider to the same room, no React and no panels.",
  );
  for (const [name, description] of Object.entries(input.documents))
    lines.push(`- ${name}: ${description}`);
  for (const error of input.errors) lines.push(`- **FAILED**: ${error}`);
  lines.push("");

  const targets = browserTargets(input);
  if (targets.length > 0) {
    lines.push("### Targets", "", "| target | measured | met |", "|---|---|:---:|");
    for (const t of targets)
      lines.push(
        `| ${t.target} | ${t.measured} | ${t.met === null ? "—" : t.met ? "yes" : "**no**"} |`,
      );
    lines.push("");
  }

  lines.push(
    "### Typing while others type",
    "",
    "Every repetition (each case runs in turn with the others, Parley and bare alternating first).",
    "",
    "| document | remote writers | page | repetition | keydown p50 | p95 | p99 | max | input delay p99 | handler p99 | keydowns ≥ 16 ms | typing took | frames > 50 ms | longest frame | long tasks | main thread ran / waited for a core | remote edits |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  const ordered = [...input.typing].sort(
    (a, b) =>
      a.document.localeCompare(b.document) ||
      a.writers - b.writers ||
      a.kind.localeCompare(b.kind) ||
      a.rep - b.rep,
  );
  for (const r of ordered) {
    const k = r.figures.keydown;
    const f = r.figures.frames;
    lines.push(
      `| ${r.document} | ${r.writers} | ${LABEL[r.kind]} | ${r.rep + 1} | ${formatKeydown(k.p50)} | ${formatKeydown(k.p95)} | ${formatKeydown(k.p99)} | ${formatKeydown(k.max)} | ${formatKeydown(k.inputDelayP99)} | ${formatKeydown(k.handlerP99)} | ${k.reported} of ${k.pressed} | ${(r.figures.typingMs / 1000).toFixed(1)} s | ${f.longFrames} | ${f.longFrames > 0 ? ms(f.longestFrame) : "—"} | ${f.longTasks} | ${mainThreadCell(r.mainThread)} | ${r.remoteEdits} |`,
    );
  }
  lines.push(
    "",
    "Parley ÷ bare, same document and load (each page's repetition with the median keydown p99):",
    "",
  );
  lines.push(
    "| document | remote writers | keydown p50 | p95 | p99 | frames > 50 ms (Parley / bare) | longest frame (Parley / bare) |",
    "|---|---:|---:|---:|---:|---:|---:|",
  );
  const cases = new Map<string, [string, number]>();
  for (const r of input.typing) cases.set(`${r.document}|${r.writers}`, [r.document, r.writers]);
  for (const [document, writers] of cases.values()) {
    const p = medianRun(input.typing, document, writers, "parley");
    const b = medianRun(input.typing, document, writers, "bare");
    if (!p || !b) continue;
    const pk = p.figures.keydown;
    const bk = b.figures.keydown;
    lines.push(
      `| ${document} | ${writers} | ${formatRatio(pk.p50, bk.p50)} | ${formatRatio(pk.p95, bk.p95)} | ${formatRatio(pk.p99, bk.p99)} | ${p.figures.frames.longFrames} / ${b.figures.frames.longFrames} | ${ms(p.figures.frames.longestFrame)} / ${ms(b.figures.frames.longestFrame)} |`,
    );
  }
  lines.push("");
  lines.push(...longFrameThreadLines(input.typing));

  lines.push(
    "### Load to an editable editor",
    "",
    "From navigation to an editable editor that shows the document's last paragraph (nobody else typing; Parley's name prompt answered before). Each page is opened several times, Parley and bare in turn; the median is the figure, every load is listed.",
    "",
    "| document | Parley, median | bare, median | Parley ÷ bare | Parley's loads | bare's loads |",
    "|---|---:|---:|---:|---|---|",
  );
  for (const document of [...new Set(input.loads.map((r) => r.document))]) {
    const pl = medianLoad(input.loads, document, "parley");
    const bl = medianLoad(input.loads, document, "bare");
    const list = (kind: PageKind) => loadsOf(input.loads, document, kind).join(", ");
    lines.push(
      `| ${document} | ${ms(pl ?? Number.NaN)} | ${ms(bl ?? Number.NaN)} | ${pl !== null && bl !== null ? `${(pl / bl).toFixed(2)}×` : "—"} | ${list("parley")} | ${list("bare")} |`,
    );
  }
  lines.push("");

  if (input.heap.length > 0) {
    const minutes = input.heap[0]!.minutes;
    lines.push(
      `### Heap after ${minutes} minute(s) of remote typing`,
      "",
      `300 paragraphs, 20 remote writers; JS heap in use after a full collection (CDP), right after load and after ${minutes} minute(s); the document's own growth is its Yjs state (\`Y.encodeStateAsUpdate\`) in a harness client. Default 1 minute; \`PARLEY_BENCH_HEAP_MINUTES=10\` for the 10-minute run.`,
      "",
      "| page | heap after load | heap after | heap growth | document state before → after | state growth | remote edits |",
      "|---|---:|---:|---:|---:|---:|---:|",
    );
    for (const h of input.heap) {
      lines.push(
        `| ${LABEL[h.kind]} | ${mb(h.heapBeforeMB)} | ${mb(h.heapAfterMB)} | ${mb(h.heapAfterMB - h.heapBeforeMB)} | ${h.stateBeforeKB.toFixed(0)} → ${h.stateAfterKB.toFixed(0)} KB | ${(h.stateAfterKB - h.stateBeforeKB).toFixed(0)} KB | ${h.remoteEdits} |`,
      );
    }
    lines.push("");
  }

  // each document's repetition with the median p99 (the one the targets read)
  const busiest = [...new Set(input.typing.map((r) => r.document))].flatMap(
    (document) => medianRun(input.typing, document, 20, "parley") ?? [],
  );
  if (busiest.length > 0) {
    lines.push(
      "### Where Parley's long frames go (from the frames' own script attribution)",
      "",
      "| document | long frames | in scripts | in style and layout | forced layout in scripts | longest scripts in those frames (invoker → function@file: total, frames) |",
      "|---|---:|---:|---:|---:|---|",
    );
    const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)} %` : "—");
    for (const r of busiest) {
      const c = r.figures.causes;
      const top = c.topSources.map((s) => `\`${s.source}\`: ${ms(s.ms)}, ${s.frames}`).join("; ");
      lines.push(
        `| ${r.document} | ${r.figures.frames.longFrames} | ${pct(c.scriptShare)} | ${pct(c.layoutShare)} | ${ms(c.forcedLayoutMs)} | ${top || "—"} |`,
      );
    }
    lines.push("");
  }
  if (input.notesMarkdown) lines.push(input.notesMarkdown.trim(), "");
  return lines.join("\n");
}

/** `markdown` with its `## Browser` section replaced by `section` (appended when absent). */
export function spliceBrowserSection(markdown: string, section: string): string {
  const start = markdown.search(/^## Browser$/m);
  if (start < 0) return `${markdown.trimEnd()}\n\n${section.trim()}\n`;
  const rest = markdown.slice(start + 1);
  const next = rest.search(/^## /m);
  const end = next < 0 ? markdown.length : start + 1 + next;
  return `${markdown.slice(0, start)}${section.trim()}\n${end < markdown.length ? `\n${markdown.slice(end)}` : ""}`;
}

function mainThreadCell(time: MainThreadTime | undefined): string {
  if (!time) return "—";
  return `${(time.runMs / 1000).toFixed(2)} s / ${(time.waitMs / 1000).toFixed(2)} s`;
}

/**
 * With `--trace`: each frame over 50 ms, with how long the page's main thread was in a task and
 * how long it ran on a core during it. Empty when no run was traced.
 */
export function longFrameThreadLines(typing: readonly TypingRun[]): string[] {
  if (!typing.some((r) => r.figures.longFrameThreads)) return [];
  const rows = typing.flatMap((r) => (r.figures.longFrameThreads ?? []).map((f) => ({ r, f })));
  const lines = [
    "### The long frames' main thread (Chromium trace, `--trace`)",
    "",
    "For each frame over 50 ms: how long the page's main thread was inside a task during it (wall time) and how long it ran on a core (the tasks' thread time). A thread in a task but not running was waiting for a core.",
    "",
  ];
  if (rows.length === 0) return [...lines, "No frame over 50 ms in the traced repetitions.", ""];
  lines.push(
    "| document | remote writers | page | repetition | frame | main thread in tasks | running on a core |",
    "|---|---:|---|---:|---:|---:|---:|",
  );
  for (const { r, f } of rows) {
    lines.push(
      `| ${r.document} | ${r.writers} | ${LABEL[r.kind]} | ${r.rep + 1} | ${ms(f.duration)} | ${ms(f.inTasksMs)} | ${ms(f.runningMs)} |`,
    );
  }
  lines.push("");
  return lines;
}
