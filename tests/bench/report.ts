/**
 * Turns the collected runs into BENCHMARKS.md: the machine and the conditions, then one table per
 * scenario with the median of each server, the ratios Parley/reference and Parley/Hocuspocus, and
 * the targets checked against those medians. Pure: takes data, returns text.
 */
import type { ContentionReport, MachineInfo } from "./machine.js";
import type { Metric, RunResult, RunValues, Scenario } from "./scenarios/types.js";
import { SERVER_LABEL, type ServerKind } from "./servers.js";
import { median } from "./stats.js";

export interface ScenarioOutcome {
  scenario: Pick<Scenario, "id" | "title" | "describe" | "metrics" | "localMetrics">;
  clientKind: "provider" | "raw";
  runs: Record<ServerKind, RunResult[]>;
  errors: Record<ServerKind, string[]>;
  local: RunValues[];
}

export interface ReportInput {
  date: Date;
  machine: MachineInfo;
  contention: ContentionReport;
  quick: boolean;
  repetitions: number;
  clientKind: string;
  workloadSource: "traces" | "synthetic";
  tracesDir: string;
  servers: readonly ServerKind[];
  parleyMissingReason: string | null;
  /** Environment the bench gives Parley beyond PORT/HOST/DATA_DIR/LOG_LEVEL. */
  parleyEnv: Record<string, string>;
  /** How Parley was started (markdown), e.g. `PARLEY_COMMAND` of servers.ts. */
  parleyCommand: string;
  outcomes: ScenarioOutcome[];
  chartPath: string | null;
  analysisPath: string;
  /**
   * Hand-written markdown placed after the targets (docs/bench/changes.md: what changed in the
   * server and why, and the reasons for missed targets); null: none.
   */
  changesMarkdown?: string | null;
  commandLine: string;
  durationS: number;
}

const CLIENT_MODE: Record<string, string> = {
  auto: "raw clients where hundreds of clients share the harness (fan-out, many rooms: the provider's own per-message cost starved the harness at N = 200 under load), providers elsewhere",
  provider: "providers everywhere (`--client provider`)",
  raw: "raw clients everywhere (`--client raw`)",
};

const CLIENT_TEXT = {
  provider: "y-websocket `WebsocketProvider`s (Hocuspocus: `HocuspocusProvider`s)",
  raw: "raw y-protocols clients (Hocuspocus: the same with its message framing)",
} as const;

/** The servers Parley is divided by, each in its own ratio column when it ran. */
const COMPARED: readonly Exclude<ServerKind, "parley">[] = ["reference", "hocuspocus"];
const RATIO_NAME: Record<Exclude<ServerKind, "parley">, string> = {
  reference: "reference",
  hocuspocus: "Hocuspocus",
};

export function medianOf(runs: readonly RunResult[], key: string): number {
  return median(runs.map((r) => r.values[key] ?? Number.NaN));
}

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString("en", {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
  return unit === "count" ? text : `${text} ${unit}`;
}

function ratioCell(parley: number, reference: number, metric: Metric): string {
  if (!Number.isFinite(parley) || !Number.isFinite(reference) || reference === 0) return "—";
  const ratio = parley / reference;
  const good = metric.better === "lower" ? ratio <= 1 : ratio >= 1;
  return `${ratio.toFixed(2)}× ${good ? "✓" : "✗"}`;
}

function runCount(runs: readonly RunResult[]): number {
  return runs.length;
}

function tableFor(
  outcome: ScenarioOutcome,
  table: string | undefined,
  servers: readonly ServerKind[],
): string[] {
  const metrics = outcome.scenario.metrics.filter((m) => m.table === table);
  const localMetrics = (outcome.scenario.localMetrics ?? []).filter((m) => m.table === table);
  const lines: string[] = [];
  const compared = servers.includes("parley") ? COMPARED.filter((c) => servers.includes(c)) : [];
  const header = [
    "metric",
    ...servers.map((s) => SERVER_LABEL[s]),
    ...compared.map((c) => `Parley ÷ ${RATIO_NAME[c]}`),
  ];
  lines.push(
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
  );
  for (const metric of metrics) {
    const values = servers.map((s) => medianOf(outcome.runs[s], metric.key));
    const parley = medianOf(outcome.runs.parley, metric.key);
    const ratios = compared.map((c) =>
      ratioCell(parley, medianOf(outcome.runs[c], metric.key), metric),
    );
    lines.push(
      `| ${metric.label} | ${[...values.map((v) => formatValue(v, metric.unit)), ...ratios].join(" | ")} |`,
    );
  }
  for (const metric of localMetrics) {
    const value = median(outcome.local.map((l) => l[metric.key] ?? Number.NaN));
    const cells = servers.map((_, i) =>
      i === 0 ? formatValue(value, metric.unit) : "(same, local)",
    );
    lines.push(`| ${metric.label} | ${[...cells, ...compared.map(() => "—")].join(" | ")} |`);
  }
  return lines;
}

function tablesOf(outcome: ScenarioOutcome): (string | undefined)[] {
  const names: (string | undefined)[] = [];
  for (const m of [...outcome.scenario.metrics, ...(outcome.scenario.localMetrics ?? [])]) {
    if (!names.includes(m.table)) names.push(m.table);
  }
  return names;
}

export interface TargetCheck {
  target: string;
  value: string;
  met: boolean | null;
}

function pick(outcomes: readonly ScenarioOutcome[], id: string): ScenarioOutcome | undefined {
  return outcomes.find((o) => o.scenario.id === id);
}

/** The performance targets, evaluated on the medians; `met` is null when a figure is missing. */
export function checkTargets(outcomes: readonly ScenarioOutcome[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ratioCheck = (
    target: string,
    o: ScenarioOutcome | undefined,
    key: string,
    limit: number,
    against: Exclude<ServerKind, "parley"> = "reference",
  ) => {
    if (!o) return;
    const p = medianOf(o.runs.parley, key);
    const r = medianOf(o.runs[against], key);
    const ratio = p / r;
    const ok = Number.isFinite(ratio);
    checks.push({
      target,
      value: ok
        ? `${ratio.toFixed(2)}× (Parley ${p.toFixed(1)} vs ${RATIO_NAME[against]} ${r.toFixed(1)})`
        : "not measured",
      met: ok ? ratio <= limit : null,
    });
  };
  // Against Hocuspocus only where it ran (a run without it has no such row).
  const hocuspocusCheck = (target: string, o: ScenarioOutcome | undefined, key: string): void => {
    if (o && o.runs.hocuspocus.length > 0) ratioCheck(target, o, key, 1, "hocuspocus");
  };
  for (const o of outcomes.filter((x) => x.scenario.id.startsWith("fanout-"))) {
    ratioCheck(`${o.scenario.title}: p99 ≤ reference`, o, "p99", 1);
    hocuspocusCheck(`${o.scenario.title}: p99 ≤ Hocuspocus`, o, "p99");
  }
  hocuspocusCheck(
    "Sequential trace replay time ≤ Hocuspocus",
    pick(outcomes, "trace-replay"),
    "replayMs",
  );
  hocuspocusCheck(
    "Concurrent trace replay time ≤ Hocuspocus",
    pick(outcomes, "concurrent-trace"),
    "replayMs",
  );
  hocuspocusCheck(
    "Cold load after compaction ≤ Hocuspocus",
    pick(outcomes, "trace-replay"),
    "compactedMs",
  );
  hocuspocusCheck("Memory per idle room ≤ Hocuspocus", pick(outcomes, "memory"), "perRoomKB");
  ratioCheck(
    "Sequential trace replay time ≤ reference",
    pick(outcomes, "trace-replay"),
    "replayMs",
    1,
  );
  ratioCheck(
    "Concurrent trace replay time ≤ reference",
    pick(outcomes, "concurrent-trace"),
    "replayMs",
    1,
  );
  const single = (
    target: string,
    o: ScenarioOutcome | undefined,
    key: string,
    limit: number,
    suffix: string,
  ) => {
    if (!o) return;
    const v = medianOf(o.runs.parley, key);
    checks.push({
      target,
      value: Number.isFinite(v) ? `${v.toFixed(2)}${suffix}` : "not measured",
      met: Number.isFinite(v) ? v <= limit : null,
    });
  };
  single(
    "Sequential replay within 3× the local floor",
    pick(outcomes, "trace-replay"),
    "replayVsFloor",
    3,
    "×",
  );
  single(
    "Cold load after compaction within 2× local parse",
    pick(outcomes, "trace-replay"),
    "compactedVsParse",
    2,
    "×",
  );
  ratioCheck("Memory per idle room within 2× reference", pick(outcomes, "memory"), "perRoomKB", 2);
  const memory = pick(outcomes, "memory");
  if (memory) {
    const base = medianOf(memory.runs.parley, "baselineMB");
    const after = medianOf(memory.runs.parley, "afterUnloadMB");
    const retained = medianOf(memory.runs.parley, "retainedPct");
    const ok = Number.isFinite(base) && Number.isFinite(after);
    checks.push({
      target: "RSS back to baseline after rooms unload (≤ baseline + 10 % of the growth)",
      value: ok
        ? `${after.toFixed(1)} MB after vs ${base.toFixed(1)} MB baseline (${retained.toFixed(0)} % of the growth retained)`
        : "not measured",
      met: ok ? retained <= 10 : null,
    });
    // RSS keeps the pages V8 freed; the heap in use shows whether the rooms' objects are gone.
    const heapBase = medianOf(memory.runs.parley, "heapBaselineMB");
    const heapAfter = medianOf(memory.runs.parley, "heapAfterUnloadMB");
    const heapRetained = medianOf(memory.runs.parley, "heapRetainedPct");
    const heapOk = Number.isFinite(heapBase) && Number.isFinite(heapAfter);
    checks.push({
      target: "V8 heap back to baseline after rooms unload (≤ baseline + 10 % of the growth)",
      value: heapOk
        ? `${heapAfter.toFixed(1)} MB after vs ${heapBase.toFixed(1)} MB baseline (${heapRetained.toFixed(0)} % of the growth retained)`
        : "not measured",
      met: heapOk ? heapRetained <= 10 : null,
    });
  }
  return checks;
}

export function renderReport(input: ReportInput): string {
  const { machine, contention } = input;
  const lines: string[] = [];
  lines.push("# Benchmarks: Parley vs the reference y-websocket server and Hocuspocus", "");
  lines.push(
    "> Generated by `pnpm bench` (`tests/bench/run.ts`); do not edit by hand — rerun it. " +
      `Hand-written analysis of the hot spots: [${input.analysisPath}](${input.analysisPath}).`,
    "",
  );
  lines.push("## Conditions", "");
  lines.push(
    `- Date: ${input.date.toISOString()} (run took ${Math.round(input.durationS)} s; command: \`${input.commandLine}\`)`,
  );
  lines.push(
    `- Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGB} GB RAM, ${machine.platform}, Node ${machine.node}`,
  );
  lines.push(
    `- Servers: reference = \`@y/websocket-server\` 0.1.1 (yjs 13, in-memory, no persistence, no auth), started as \`node node_modules/@y/websocket-server/src/server.js\`; Parley = ${input.parleyCommand} (SQLite in a fresh temp DATA_DIR, LOG_LEVEL=warn). Each run starts a fresh process on a free loopback port; runs alternate between the servers (A-B-C, then C-B-A); figures are medians over ${input.repetitions} repetition(s).`,
  );
  lines.push(
    `- Hocuspocus = \`@hocuspocus/server\` 4.7 + \`@hocuspocus/extension-sqlite\` (SQLite file in a fresh temp DATA_DIR), started as \`node tests/bench/dist/hocuspocusServer.mjs\` (\`tests/bench/hocuspocusServer.ts\`, compiled by esbuild), with every default kept (debounce 2 s, maxDebounce 10 s, timeout 60 s, unloadImmediately, no auth hook) except \`quiet\`. **How it persists**: it keeps the document in memory and stores one snapshot (the whole state) 2 s after the last change, at most 10 s after the first, and when the last client leaves; updates reach the other clients at once, before anything is stored. Parley writes every accepted update to SQLite (one transaction per event-loop turn) before anyone else sees it. So Hocuspocus's latency figures include no storage, and a crash loses up to 10 s of its edits.`,
  );
  lines.push(
    `- Clients (same code for both servers, all in the harness process, so send and receive times share one clock): ${CLIENT_MODE[input.clientKind] ?? input.clientKind}. Each table says which it used. "provider" = the stock y-websocket 3 \`WebsocketProvider\` (WebSocketPolyfill: ws, awareness on); "raw" = a minimal y-protocols client over \`ws\` (sync + updates into a real Y.Doc, no awareness).`,
  );
  lines.push(
    input.workloadSource === "traces"
      ? `- Traces: present (\`${input.tracesDir}\`): the real editing traces were replayed.`
      : `- **Traces: ABSENT** (looked in \`${input.tracesDir}\`; set PARLEY_TRACES): the trace scenarios used a **smaller synthetic workload** instead; their figures are not comparable with runs on the real traces.`,
  );
  const env = Object.entries(input.parleyEnv)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  lines.push(
    `- Parley settings changed for the bench: ${env} (short unload grace so that unload/compaction is observed quickly; abuse limits raised so that the replays measure speed, not the rate limiter, which still runs on every message). Clients connect with the creator's token from \`POST /api/frameworks\`, so every connection also pays for token verification.`,
  );
  if (input.quick)
    lines.push(
      "- **Quick mode** (`--quick`): shorter runs, fewer rooms, one repetition — indicative only.",
    );
  const busy = contention.otherCores;
  lines.push(
    `- Other load: processes other than this harness and its servers kept on average **${busy.toFixed(2)} of ${machine.cores} cores** busy during the run (load average ${contention.loadBefore.toFixed(2)} before, ${contention.loadAfter.toFixed(2)} after).` +
      (busy > 0.2
        ? " **Other processes were running during this run** (other work sharing the machine): the absolute figures are noisy and will be re-run on a quiet machine; ratios between alternating runs are more trustworthy than absolute times."
        : ""),
  );
  if (input.parleyMissingReason)
    lines.push(`- **Parley was not measured**: ${input.parleyMissingReason}`);
  lines.push("");

  const checks = checkTargets(input.outcomes);
  if (checks.length > 0) {
    lines.push("## Targets", "", "| target | measured | met |", "|---|---|:---:|");
    for (const c of checks)
      lines.push(
        `| ${c.target} | ${c.value} | ${c.met === null ? "—" : c.met ? "yes" : "**no**"} |`,
      );
    lines.push(
      "",
      'Where a target is missed, by how much and why is under "What changed in the server" below; the hot spots are in the analysis linked above.',
      "",
    );
  }
  if (input.changesMarkdown) lines.push(input.changesMarkdown.trim(), "");

  if (input.chartPath) {
    lines.push(
      "## Latency distribution (fan-out)",
      "",
      `![fan-out latency CDF](${input.chartPath})`,
      "",
    );
    lines.push(
      "Cumulative distribution of delivery latency over all observers and repetitions; further right is slower.",
      "",
    );
  }

  for (const outcome of input.outcomes) {
    for (const table of tablesOf(outcome)) {
      lines.push(`## ${table ?? outcome.scenario.title}`, "");
      if (table === undefined || table === tablesOf(outcome)[0])
        lines.push(`${outcome.scenario.describe} Clients: ${CLIENT_TEXT[outcome.clientKind]}.`, "");
      lines.push(...tableFor(outcome, table, input.servers), "");
    }
    const counts = input.servers
      .map((s) => `${SERVER_LABEL[s]}: ${runCount(outcome.runs[s])} run(s)`)
      .join(", ");
    lines.push(`Runs: ${counts}.`);
    const notes = new Set<string>();
    for (const s of input.servers)
      for (const r of outcome.runs[s])
        for (const n of r.notes ?? []) notes.add(`${SERVER_LABEL[s]}: ${n}`);
    for (const s of input.servers)
      for (const e of outcome.errors[s]) notes.add(`${SERVER_LABEL[s]} FAILED: ${e}`);
    for (const n of notes) lines.push(`- ${n}`);
    lines.push("");
  }
  lines.push(
    "Ratios are Parley ÷ the other server of the medians; ✓ marks Parley equal or better for that metric. " +
      "“—” means not measured (a failed run, a figure the server does not expose, or a local-only figure).",
    "",
  );
  return lines.join("\n");
}
