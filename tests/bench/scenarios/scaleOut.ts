/**
 * Scale-out scenarios (issue 21): each compares configurations of its own (Parley on SQLite and on
 * PostgreSQL, one process and several, Hocuspocus with Redis…) rather than the three servers of
 * the other scenarios, so each starts and stops its own processes, alternating the order between
 * repetitions. `run.ts` runs them after the others and renders them into one "Scale-out" section
 * (`renderScaleOut`), also written to docs/bench/scaleout.md; `pnpm bench --only scale-out`
 * refreshes just that section of the report.
 */
import { median } from "../stats.js";
import type { Metric, RunResult } from "./types.js";

export interface ScaleOutContext {
  quick: boolean;
  log: (line: string) => void;
  /** With `--profile`: where this scenario's servers write CPU profiles (a folder per configuration, `profileFolder`). */
  profileDir?: string;
}

/** The folder name of a configuration's CPU profiles under the scenario's `profileDir`. */
export function profileFolder(configuration: string): string {
  return configuration.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export interface ScaleOutScenario {
  /** Stable id starting with `scale-out-` (the `--only` filter). */
  id: string;
  title: string;
  describe: string;
  metrics: Metric[];
  /** Column headers, in order: the configurations one repetition measures. */
  configurations: readonly string[];
  /** A ratio column, `of ÷ to` (configuration names), read against each metric's `better`. */
  ratio?: { of: string; to: string };
  /** Stated targets, printed under the table (measured by whoever reads the table). */
  targets?: readonly string[];
  /** One repetition (`rep` from 0: alternate the order on odd ones): results by configuration. */
  run(context: ScaleOutContext, rep: number): Promise<Record<string, RunResult>>;
}

export interface ScaleOutOutcome {
  scenario: ScaleOutScenario;
  runs: Record<string, RunResult[]>;
  errors: string[];
}

function format(value: number, unit: string): string {
  if (!Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString("en", { maximumFractionDigits: digits });
  return unit === "count" ? text : `${text} ${unit}`;
}

function ratioCell(of: number, to: number, better: Metric["better"]): string {
  if (!Number.isFinite(of) || !Number.isFinite(to) || to === 0) return "—";
  const ratio = of / to;
  return `${ratio.toFixed(2)}× ${(better === "lower" ? ratio <= 1 : ratio >= 1) ? "✓" : "✗"}`;
}

/** What the section says above its tables (each table carries its own run's conditions). */
export const SCALE_OUT_HEAD =
  "Several processes of one deployment, or another store for one: each scenario compares configurations of its own, started and stopped by the scenario, alternating their order between repetitions. Each table says when and under which load it was measured (`pnpm bench --only scale-out` refreshes this section; `--only scale-out-<id>` one table).";

/**
 * The "Scale-out" section: one table per scenario, medians over its repetitions, each with
 * `conditions` (when, how, how busy the machine was).
 */
export function renderScaleOut(outcomes: readonly ScaleOutOutcome[], conditions: string): string {
  const lines = ["## Scale-out (issue 21)", "", SCALE_OUT_HEAD, ""];
  for (const { scenario, runs, errors } of outcomes) {
    lines.push(`### ${scenario.title}`, "", scenario.describe, "", `Conditions: ${conditions}`, "");
    const columns = [...scenario.configurations];
    const head = ["metric", ...columns];
    if (scenario.ratio) head.push(`${scenario.ratio.of} ÷ ${scenario.ratio.to}`);
    lines.push(
      `| ${head.join(" | ")} |`,
      `|${head.map((_, i) => (i ? "---:" : "---")).join("|")}|`,
    );
    const medianOf = (config: string, key: string) =>
      median((runs[config] ?? []).map((r) => r.values[key] ?? Number.NaN));
    for (const metric of scenario.metrics) {
      const cells = columns.map((c) => format(medianOf(c, metric.key), metric.unit));
      if (scenario.ratio) {
        const { of, to } = scenario.ratio;
        cells.push(ratioCell(medianOf(of, metric.key), medianOf(to, metric.key), metric.better));
      }
      lines.push(`| ${metric.label} | ${cells.join(" | ")} |`);
    }
    lines.push("");
    lines.push(
      `Runs: ${columns.map((c) => `${c}: ${(runs[c] ?? []).length}`).join(", ")} (medians shown).`,
    );
    for (const target of scenario.targets ?? []) lines.push(`- Target: ${target}`);
    for (const c of columns) {
      const notes = new Set((runs[c] ?? []).flatMap((r) => r.notes ?? []));
      for (const note of notes) lines.push(`- ${c}: ${note}`);
    }
    for (const error of errors) lines.push(`- **Failed run**: ${error}`);
    lines.push("");
  }
  return lines.join("\n");
}

/** A section split into its text before the first `### ` and its `### ` subsections, in order. */
function subsections(section: string): { head: string; parts: Map<string, string> } {
  const [head = "", ...rest] = section.split(/\n(?=### )/);
  const parts = new Map<string, string>();
  for (const part of rest) parts.set(part.slice(0, part.indexOf("\n")).trim(), part.trim());
  return { head: head.trim(), parts };
}

/**
 * Puts `section` into `report`'s "## Scale-out" section (up to the next `## `), or appends it.
 * Subsections (`### title`) of the existing section that `section` does not hold are kept, so a
 * run of one scale-out scenario leaves the others' figures in place. `report` may be the whole
 * report or docs/bench/scaleout.md, which starts with the section.
 */
export function withScaleOutSection(report: string, section: string): string {
  // Searched after a newline, so that a section on the first line is found too.
  const padded = `\n${report}`;
  const start = padded.indexOf("\n## Scale-out");
  if (start < 0) {
    return report.trim() === ""
      ? `${section.trim()}\n`
      : `${report.trimEnd()}\n\n${section.trim()}\n`;
  }
  const next = padded.indexOf("\n## ", start + 1);
  const tail = next < 0 ? "" : padded.slice(next);
  const old = subsections(padded.slice(start + 1, next < 0 ? undefined : next));
  const fresh = subsections(section);
  const merged = new Map(old.parts);
  for (const [title, part] of fresh.parts) merged.set(title, part);
  const body = [fresh.head, ...merged.values()].join("\n\n");
  return `${padded.slice(0, start)}\n${body}\n${tail}`.slice(1);
}
