/**
 * The chart of the browser optimisations: for each change, measured in a quick run
 * (`pnpm bench:browser --quick`) with the bare editor in the same run, Parley's and the bare
 * editor's animation frames over 50 ms and Parley's keydown p99 as a multiple of the bare
 * editor's. Figures: docs/bench/browser-changes.json (copied from each run's table). Writes
 * docs/bench/browser-changes.svg and prints the same as text (for BENCHMARKS.md).
 * `node --import tsx tests/bench/browser/changesChart.ts`
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../servers.js";

export interface PageFigures {
  p99: number;
  longFrames: number;
  longest: number;
  load: number;
}

export interface ChangeStep {
  /** Short label of the change (the commit's subject, shortened). */
  label: string;
  commit: string;
  runs: Record<string, { parley: PageFigures; bare: PageFigures }>;
}

const W = 380;
const H = 250;
const M = { left: 44, right: 10, top: 34, bottom: 58 };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!,
  );
}

/** A panel's width: wide enough for each step's label (~60 px each). */
export function panelWidth(steps: number): number {
  return Math.max(W, M.left + M.right + steps * 62);
}

function panel(document: string, steps: readonly ChangeStep[], x0: number): string {
  const rows = steps.map((s) => s.runs[document]).filter((r) => r !== undefined);
  const max = Math.max(1, ...rows.flatMap((r) => [r.parley.longFrames, r.bare.longFrames]));
  const plotW = panelWidth(steps.length) - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const group = plotW / steps.length;
  const bar = Math.min(22, group / 2.6);
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const out = [
    `<g transform="translate(${x0},0)">`,
    `<text x="${M.left}" y="16" font-weight="bold">${escapeXml(document)}, 20 writers</text>`,
    `<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="#555"/>`,
    `<text x="${M.left - 6}" y="${M.top + 4}" text-anchor="end">${max}</text>`,
    `<text x="${M.left - 6}" y="${M.top + plotH}" text-anchor="end">0</text>`,
  ];
  steps.forEach((step, i) => {
    const r = step.runs[document];
    if (!r) return;
    const cx = M.left + group * i + group / 2;
    for (const [k, kind] of (["parley", "bare"] as const).entries()) {
      const v = r[kind].longFrames;
      const x = cx - bar + k * bar;
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${(M.top + plotH - y(v)).toFixed(1)}" fill="${kind === "parley" ? "#1f5fa8" : "#9aa5b1"}"><title>${kind}: ${v} frames &gt; 50 ms</title></rect>`,
      );
    }
    const ratio = r.parley.p99 / r.bare.p99;
    out.push(
      `<text x="${cx.toFixed(1)}" y="${(y(Math.max(r.parley.longFrames, r.bare.longFrames)) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${ratio.toFixed(1)}×</text>`,
      `<text x="${cx.toFixed(1)}" y="${M.top + plotH + 14}" text-anchor="middle" font-size="10">${escapeXml(step.label)}</text>`,
    );
  });
  out.push("</g>");
  return out.join("\n");
}

/** Two panels (300 paragraphs, phased): frames over 50 ms per change, keydown p99 ratio on top. */
export function changesSvg(steps: readonly ChangeStep[], documents: readonly string[]): string {
  const pw = panelWidth(steps.length);
  const width = pw * documents.length;
  const height = H + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...documents.map((d, i) => panel(d, steps, i * pw)),
    `<g transform="translate(${M.left},${H + 6})"><rect width="10" height="10" fill="#1f5fa8"/><text x="14" y="9">Parley: frames &gt; 50 ms</text><rect x="150" width="10" height="10" fill="#9aa5b1"/><text x="164" y="9">bare Tiptap, same run</text><text x="320" y="9">n× = keydown p99, Parley ÷ bare</text></g>`,
    "</svg>",
  ].join("\n");
}

/** The same as text: one line per change and document. */
export function changesText(steps: readonly ChangeStep[], documents: readonly string[]): string {
  const lines: string[] = [];
  for (const d of documents) {
    const rows = steps.map((s) => ({ s, r: s.runs[d] }));
    const max = Math.max(1, ...rows.map(({ r }) => r?.parley.longFrames ?? 0));
    lines.push(`${d}, 20 writers: Parley's frames > 50 ms (bar), keydown p99 ÷ bare`);
    for (const { s, r } of rows) {
      if (!r) continue;
      const bar = "█".repeat(Math.max(1, Math.round((r.parley.longFrames / max) * 40)));
      lines.push(
        `  ${s.label.padEnd(22)} ${bar} ${r.parley.longFrames} (bare ${r.bare.longFrames}), p99 ${(r.parley.p99 / r.bare.p99).toFixed(2)}×`,
      );
    }
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = join(REPO_ROOT, "docs/bench/browser-changes.json");
  const { documents, steps } = JSON.parse(readFileSync(file, "utf8")) as {
    documents: string[];
    steps: ChangeStep[];
  };
  writeFileSync(
    join(REPO_ROOT, "docs/bench/browser-changes.svg"),
    `${changesSvg(steps, documents)}\n`,
  );
  console.log(changesText(steps, documents));
}
