/**
 * `pnpm bench`: runs every scenario against both servers (fresh child process per run,
 * alternating which server goes first), then writes BENCHMARKS.md, the latency chart and the raw
 * results. See `pnpm bench --help`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { latencyCdfSvg } from "./chart.js";
import { type ClientKind, withTimeout } from "./clients.js";
import { machineInfo, watchContention } from "./machine.js";
import { loadProfiles, renderSummary, summarizeProfiles } from "./profile.js";
import { renderReport, type ScenarioOutcome } from "./report.js";
import { concurrentTraceScenario } from "./scenarios/concurrentTrace.js";
import { renderCrossProcessTarget } from "./scenarios/crossProcessTarget.js";
import { fanoutScenario } from "./scenarios/fanout.js";
import { hocuspocusRedisFanoutScenario } from "./scenarios/hocuspocusRedisFanout.js";
import { manyRoomsScenario } from "./scenarios/manyRooms.js";
import { memoryScenario } from "./scenarios/memory.js";
import { parleyClusterFanoutScenario } from "./scenarios/parleyClusterFanout.js";
import { pgTraceReplayScenario } from "./scenarios/pgTraceReplay.js";
import {
  profileFolder,
  renderScaleOut,
  type ScaleOutOutcome,
  type ScaleOutScenario,
  withScaleOutSection,
} from "./scenarios/scaleOut.js";
import { traceReplayScenario } from "./scenarios/traceReplay.js";
import type { RunResult, Scenario } from "./scenarios/types.js";
import { versionsScenario } from "./scenarios/versions.js";
import {
  type BenchServer,
  PARLEY_BENCH_ENV,
  PARLEY_COMMAND,
  parleyAvailable,
  REPO_ROOT,
  SERVER_KINDS,
  SERVER_LABEL,
  type ServerKind,
  startServer,
} from "./servers.js";
import { downsampleSorted } from "./stats.js";
import { loadWorkloads } from "./traces.js";

const HELP = `pnpm bench [options]
  --quick            shorter runs, fewer rooms, 1 repetition (about 3 minutes)
  --reps N           repetitions per scenario and server (default 3; quick 1)
  --only a,b         only scenarios whose id starts with one of these
                     (fanout-10, fanout-50, fanout-200, many-rooms, trace-replay, concurrent-trace, memory,
                     versions, scale-out: scale-out-pg-trace, scale-out-fanout-hocuspocus,
                     scale-out-fanout-parley; --only scale-out
                     alone refreshes just the report's Scale-out section; they need PostgreSQL
                     and Redis on 127.0.0.1, see PARLEY_TEST_DATABASE_URL, PARLEY_BENCH_REDIS_URL)
  --servers a,b      reference,hocuspocus,parley (default all three)
  --client KIND      auto (default: raw clients for fan-out and many rooms, providers elsewhere),
                     provider (y-websocket WebsocketProvider everywhere) or raw (y-protocols over ws)
  --profile          record V8 CPU profiles of the servers; summaries go to docs/bench/profiles.md
  --out FILE         report path (default BENCHMARKS.md at the repository root; the chart and
                     results.json then go next to it instead of docs/bench)
  --parley-env K=V,… extra PARLEY_* settings for Parley (e.g. PARLEY_SQLITE_SYNCHRONOUS=NORMAL)
Traces are read from ../shared/traces (or PARLEY_TRACES); without them a synthetic workload runs.`;

/** Whole-run bound: past it, remaining repetitions are skipped (and the report says so). */
const DEFAULT_OUT = join(REPO_ROOT, "BENCHMARKS.md");
/** Hand-written: what changed in the server and why; copied into the report after the targets. */
const CHANGES_FILE = join(REPO_ROOT, "docs/bench/changes.md");
/** Hand-written: the export timings, measured by `server/scripts/benchExport.ts`. */
const EXPORT_FILE = join(REPO_ROOT, "docs/bench/export.md");
/** Written by `pnpm bench:suggestions`: its "Suggestion mode" section. */
const SUGGESTIONS_FILE = join(REPO_ROOT, "docs/bench/suggestions.md");
/** Written by `pnpm bench:browser`: its "Browser" section, kept at the end of the report. */
const BROWSER_FILE = join(REPO_ROOT, "docs/bench/browser.md");
/** Written by the scale-out scenarios: the report's "Scale-out" section. */
const SCALE_OUT_FILE = join(REPO_ROOT, "docs/bench/scaleout.md");
/** Hand-written (a `### ` subsection): what changed for the scale-out targets, after its tables. */
const SCALE_OUT_NOTES_FILE = join(REPO_ROOT, "docs/bench/scaleout-notes.md");
const BUDGET_MS = 11 * 60_000;
const RUN_TIMEOUT_MS = 240_000;
const CHART_SAMPLES_PER_RUN = 20_000;
const SERVER_COLOR: Record<ServerKind, string> = {
  reference: "#1c7ed6",
  hocuspocus: "#2b8a3e",
  parley: "#d9480f",
};

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      reps: { type: "string" },
      only: { type: "string" },
      servers: { type: "string" },
      client: { type: "string", default: "auto" },
      profile: { type: "boolean", default: false },
      out: { type: "string" },
      "parley-env": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const client = values.client;
  if (client !== "provider" && client !== "raw" && client !== "auto") {
    throw new Error(`--client must be auto, provider or raw, not ${client}`);
  }
  const servers = (values.servers?.split(",") ?? [...SERVER_KINDS]).map((s) => s.trim());
  for (const s of servers)
    if (!SERVER_KINDS.includes(s as ServerKind)) throw new Error(`unknown server ${s}`);
  for (const pair of values["parley-env"]?.split(",") ?? []) {
    const [key, ...rest] = pair.split("=");
    if (!key || !/^PARLEY_[A-Z_]+$/.test(key) || rest.length === 0) {
      throw new Error(`--parley-env wants PARLEY_NAME=value pairs, got "${pair}"`);
    }
    PARLEY_BENCH_ENV[key] = rest.join("=");
  }
  const reps = Number(values.reps ?? (values.quick ? 1 : 3));
  if (!Number.isInteger(reps) || reps < 1 || reps > 20)
    throw new Error("--reps must be an integer from 1 to 20");
  return {
    quick: values.quick,
    reps,
    only: values.only?.split(",").map((s) => s.trim()) ?? null,
    servers: servers as ServerKind[],
    clientKind: client as ClientKind | "auto",
    profile: values.profile,
    out: values.out ? resolve(values.out) : DEFAULT_OUT,
  };
}

function safeCpuMs(server: BenchServer): number {
  try {
    return server.cpuMs();
  } catch {
    return 0; // the process is already gone
  }
}

async function probeParley(): Promise<string | null> {
  if (!parleyAvailable())
    return "server/src/main.ts does not exist yet (the server is being written).";
  try {
    const server = await startServer("parley");
    try {
      await server.createRoom("probe");
    } finally {
      await server.stop();
    }
    return null;
  } catch (error) {
    return `it did not start or serve the API: ${String(error).split("\n").slice(0, 6).join(" / ")}`;
  }
}

/** The scale-out tables' conditions: when, how, and how busy the machine was meanwhile. */
function scaleOutConditions(
  startedAt: Date,
  reps: number,
  contention: ReturnType<typeof watchContention>,
): string {
  const m = machineInfo();
  const c = contention.finish(0);
  const command = `pnpm bench ${process.argv.slice(2).join(" ")}`.trim();
  return `Generated ${startedAt.toISOString()} by \`${command}\` on ${m.cores} cores (${m.cpuModel}), Node ${m.node}, harness and servers at nice ${getPriority()}; ${reps} repetition(s), configurations alternating in order. PostgreSQL 15 and the servers on loopback. Processes other than the harness (the servers and PostgreSQL included) kept ${c.otherCores.toFixed(2)} of ${m.cores} cores busy on average (load average ${c.loadBefore.toFixed(2)} before, ${c.loadAfter.toFixed(2)} after): on a shared machine, the ratios between alternating runs say more than absolute times.`;
}

async function main(): Promise<void> {
  const options = parseOptions();
  process.setMaxListeners(0); // every WebsocketProvider adds a process 'exit' listener
  const startedAt = new Date();
  const wallStart = performance.now();
  const contention = watchContention();
  const log = (line: string) =>
    console.log(
      `[bench ${((performance.now() - wallStart) / 1000).toFixed(0).padStart(4)} s] ${line}`,
    );

  let servers = options.servers;
  let parleyMissingReason: string | null = null;
  if (servers.includes("parley")) {
    parleyMissingReason = await probeParley();
    if (parleyMissingReason) {
      log(`Parley not measured: ${parleyMissingReason}`);
      servers = servers.filter((s) => s !== "parley");
    }
  }

  const workloads = loadWorkloads();
  log(
    workloads.source === "traces"
      ? `traces found in ${workloads.dir}`
      : `TRACES ABSENT (${workloads.dir}): synthetic workload`,
  );
  const all: Scenario[] = [
    fanoutScenario(10, options.quick),
    fanoutScenario(50, options.quick),
    fanoutScenario(200, options.quick),
    manyRoomsScenario(options.quick),
    traceReplayScenario(workloads.sequential),
    concurrentTraceScenario(workloads.concurrent),
    memoryScenario(options.quick),
    versionsScenario(workloads.sequential),
  ];
  const scenarios = options.only
    ? all.filter((s) => options.only!.some((prefix) => s.id.startsWith(prefix)))
    : all;
  const allScaleOut: ScaleOutScenario[] = [
    pgTraceReplayScenario(workloads.sequential),
    hocuspocusRedisFanoutScenario(options.quick),
    parleyClusterFanoutScenario(options.quick),
  ];
  const scaleOut = options.only
    ? allScaleOut.filter((s) => options.only!.some((prefix) => s.id.startsWith(prefix)))
    : allScaleOut;
  if (scenarios.length === 0 && scaleOut.length === 0)
    throw new Error(
      `--only matched no scenario (ids: ${[...all, ...allScaleOut].map((s) => s.id).join(", ")})`,
    );

  const profileRoot = options.profile ? mkdtempSync(join(tmpdir(), "parley-bench-prof-")) : null;
  const chartSamples: Record<string, Record<ServerKind, Float64Array[]>> = {};
  const outcomes: ScenarioOutcome[] = [];
  let serversCpuMs = 0;
  let skippedReps = 0;

  for (const scenario of scenarios) {
    const clientKind: ClientKind =
      options.clientKind === "auto" ? (scenario.preferredClient ?? "provider") : options.clientKind;
    const outcome: ScenarioOutcome = {
      scenario,
      clientKind,
      runs: { reference: [], hocuspocus: [], parley: [] },
      errors: { reference: [], hocuspocus: [], parley: [] },
      local: [],
    };
    outcomes.push(outcome);
    for (let rep = 0; rep < options.reps; rep++) {
      if (rep > 0 && performance.now() - wallStart > BUDGET_MS) {
        skippedReps += options.reps - rep;
        log(`${scenario.id}: time budget spent, skipping ${options.reps - rep} repetition(s)`);
        break;
      }
      if (scenario.runLocal) outcome.local.push(await scenario.runLocal(options.quick));
      const order = rep % 2 === 0 ? servers : [...servers].reverse();
      for (const kind of order) {
        const profileDir = profileRoot ? join(profileRoot, scenario.id) : undefined;
        let result: RunResult | null = null;
        let server: BenchServer | null = null;
        const once = async (): Promise<RunResult> => {
          server = await startServer(kind, profileDir ? { cpuProfileDir: profileDir } : {});
          const running = server;
          try {
            return await scenario.run({ server: running, clientKind, quick: options.quick, log });
          } finally {
            serversCpuMs += safeCpuMs(running);
            await running.stop();
            server = null;
          }
        };
        try {
          // one bound over start + run + stop, whatever inside might wait forever
          result = await withTimeout(once(), RUN_TIMEOUT_MS, `${scenario.id} on ${kind}`);
        } catch (error) {
          const message = String(error instanceof Error ? error.message : error)
            .split("\n")
            .map((l) => l.trim())
            .filter((l) => l !== "")
            .slice(0, 4)
            .join(" / ");
          outcome.errors[kind].push(message);
          log(`${scenario.id} rep ${rep + 1} ${kind}: FAILED ${message}`);
          const leftover: BenchServer | null = server;
          if (leftover)
            await withTimeout((leftover as BenchServer).stop(), 20_000, "stop").catch(() => {});
        }
        if (result) {
          outcome.runs[kind].push({ values: result.values, notes: result.notes ?? [] });
          if (result.latencies) {
            const sorted = Array.from(result.latencies).sort((a, b) => a - b);
            chartSamples[scenario.id] ??= { reference: [], hocuspocus: [], parley: [] };
            const perKind = chartSamples[scenario.id]!;
            perKind[kind].push(Float64Array.from(downsampleSorted(sorted, CHART_SAMPLES_PER_RUN)));
          }
          const brief = scenario.metrics
            .slice(0, 4)
            .map(({ key }) => `${key}=${result.values[key]?.toFixed(1) ?? "—"}`)
            .join(" ");
          log(`${scenario.id} rep ${rep + 1} ${SERVER_LABEL[kind]}: ${brief}`);
        }
      }
    }
  }

  // Repetition by repetition, the scenarios in turn (their order alternating): the Hocuspocus +
  // Redis and the Parley fan-outs are compared per repetition, so they run minutes apart, not one
  // after the other's whole series.
  const scaleOutOutcomes: ScaleOutOutcome[] = scaleOut.map((scenario) => ({
    scenario,
    runs: {},
    errors: [],
  }));
  for (let rep = 0; rep < options.reps; rep++) {
    const order = rep % 2 === 0 ? scaleOutOutcomes : [...scaleOutOutcomes].reverse();
    for (const outcome of order) {
      const { scenario } = outcome;
      try {
        const results = await withTimeout(
          scenario.run(
            {
              quick: options.quick,
              log,
              profileDir: profileRoot ? join(profileRoot, scenario.id) : undefined,
            },
            rep,
          ),
          RUN_TIMEOUT_MS * 2,
          scenario.id,
        );
        for (const [configuration, result] of Object.entries(results)) {
          outcome.runs[configuration] = [...(outcome.runs[configuration] ?? []), result];
        }
      } catch (error) {
        const message = String(error instanceof Error ? error.message : error)
          .split("\n")
          .slice(0, 4)
          .join(" / ");
        outcome.errors.push(message);
        log(`${scenario.id} rep ${rep + 1}: FAILED ${message}`);
      }
    }
  }
  const scaleOutNotes = existsSync(SCALE_OUT_NOTES_FILE)
    ? `\n${readFileSync(SCALE_OUT_NOTES_FILE, "utf8").trim()}\n`
    : "";
  const scaleOutSection =
    scaleOutOutcomes.length > 0
      ? renderScaleOut(scaleOutOutcomes, scaleOutConditions(startedAt, options.reps, contention)) +
        (renderCrossProcessTarget(scaleOutOutcomes) ?? "") +
        scaleOutNotes
      : null;
  // A partial run (`--only scale-out-<id>`) refreshes its tables and keeps the others'.
  if (scaleOutSection && options.out === DEFAULT_OUT) {
    const existing = existsSync(SCALE_OUT_FILE) ? readFileSync(SCALE_OUT_FILE, "utf8") : "";
    writeFileSync(SCALE_OUT_FILE, withScaleOutSection(existing, scaleOutSection));
  }
  // the committed chart and raw results belong to the default report; any other --out gets its own
  const docsDir =
    options.out === DEFAULT_OUT ? join(REPO_ROOT, "docs/bench") : dirname(options.out);
  mkdirSync(docsDir, { recursive: true });
  if (profileRoot) {
    const parts = ["# CPU profiles of the servers during `pnpm bench --profile`", ""];
    parts.push(
      `Generated ${startedAt.toISOString()}; self time per package and per function (V8 sampling profiler).`,
      "",
    );
    for (const scenario of scenarios) {
      for (const kind of servers) {
        try {
          const profiles = loadProfiles([join(profileRoot, scenario.id, kind)]);
          if (profiles.length > 0)
            parts.push(
              renderSummary(`${scenario.id} — ${SERVER_LABEL[kind]}`, summarizeProfiles(profiles)),
            );
        } catch {
          // no profile for this pair (failed run)
        }
      }
    }
    for (const { scenario } of scaleOutOutcomes) {
      for (const configuration of scenario.configurations) {
        try {
          const dir = join(profileRoot, scenario.id, profileFolder(configuration));
          const profiles = loadProfiles([dir]);
          if (profiles.length > 0)
            parts.push(
              renderSummary(
                `${scenario.id} — ${configuration} (every process of the configuration, all repetitions)`,
                summarizeProfiles(profiles),
              ),
            );
        } catch {
          // no profile for this configuration (a scenario that does not profile, or a failed run)
        }
      }
    }
    writeFileSync(join(docsDir, "profiles.md"), parts.join("\n"));
    log(
      `profiles in ${profileRoot}, summary in ${relative(REPO_ROOT, join(docsDir, "profiles.md"))}`,
    );
  }

  if (scenarios.length === 0) {
    // Only scale-out scenarios ran: refresh that section of the existing report, nothing else.
    const existing = existsSync(options.out) ? readFileSync(options.out, "utf8") : "";
    writeFileSync(options.out, withScaleOutSection(existing, scaleOutSection ?? ""));
    log(`wrote the Scale-out section of ${relative(REPO_ROOT, options.out)}`);
    return;
  }

  const chartFile = join(docsDir, "fanout-latency.svg");
  const panels = Object.entries(chartSamples).map(([id, perKind]) => ({
    title: id.replace("fanout-", "fan-out, N = "),
    series: servers.map((kind) => {
      const runs = perKind[kind];
      const merged = new Float64Array(runs.reduce((n, r) => n + r.length, 0));
      let offset = 0;
      for (const r of runs) {
        merged.set(r, offset);
        offset += r.length;
      }
      return {
        label: SERVER_LABEL[kind],
        color: SERVER_COLOR[kind],
        samples: merged,
      };
    }),
  }));
  const hasChart = panels.length > 0;
  if (hasChart)
    writeFileSync(
      chartFile,
      latencyCdfSvg("Fan-out delivery latency, cumulative distribution", panels),
    );

  const durationS = (performance.now() - wallStart) / 1000;
  const report = renderReport({
    date: startedAt,
    machine: machineInfo(),
    contention: contention.finish(serversCpuMs),
    quick: options.quick,
    repetitions: options.reps,
    clientKind: options.clientKind,
    workloadSource: workloads.source,
    tracesDir: workloads.dir,
    servers,
    parleyMissingReason,
    parleyEnv: PARLEY_BENCH_ENV,
    parleyCommand: PARLEY_COMMAND,
    outcomes,
    chartPath: hasChart ? relative(dirname(options.out), chartFile) : null,
    analysisPath: "docs/bench/analysis.md",
    changesMarkdown:
      [CHANGES_FILE, EXPORT_FILE, SUGGESTIONS_FILE]
        .filter((file) => existsSync(file))
        .map((file) => readFileSync(file, "utf8").trim())
        .join("\n\n") || null,
    commandLine: `pnpm bench ${process.argv.slice(2).join(" ")}`.trim(),
    durationS,
  });
  const browserSection = existsSync(BROWSER_FILE)
    ? `\n${readFileSync(BROWSER_FILE, "utf8").trim()}\n`
    : "";
  const withSkips =
    (skippedReps > 0
      ? report.replace(
          "## Conditions\n",
          `## Conditions\n\n- **${skippedReps} repetition(s) skipped: the ${BUDGET_MS / 60_000}-minute budget ran out.**\n`,
        )
      : report) + browserSection;
  writeFileSync(
    options.out,
    scaleOutSection ? withScaleOutSection(withSkips, scaleOutSection) : withSkips,
  );
  writeFileSync(
    join(docsDir, "results.json"),
    `${JSON.stringify({ date: startedAt, options, workloads: workloads.source, outcomes: outcomes.map((o) => ({ id: o.scenario.id, runs: o.runs, errors: o.errors, local: o.local })) }, null, 1)}\n`,
  );
  log(`wrote ${relative(REPO_ROOT, options.out)} in ${durationS.toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
