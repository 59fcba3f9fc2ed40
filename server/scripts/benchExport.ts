/**
 * Times the export of a framework of N terms (default 200) in each format, in-process from a
 * Y.Doc: median of 5 runs after one warm-up (PDF: 3 runs, each launching Chromium). Prints a
 * Markdown table for BENCHMARKS.md. Run: `pnpm --filter @parley/server bench:export [terms]`.
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import type { ExportFormat } from "@parley/shared/export/options";
import * as Y from "yjs";
import { exportFramework } from "../src/export/exportFramework.js";
import { writeLargeFramework } from "../src/test/exportFixtures.js";

const terms = Number(process.argv[2] ?? 200);
const doc = new Y.Doc();
writeLargeFramework(doc, `Benchmark framework (${terms} terms)`, terms);
const state = Y.encodeStateAsUpdate(doc);

function loaded() {
  const framework = new Y.Doc();
  Y.applyUpdate(framework, state);
  const at = "2026-11-26T12:00:00.000Z";
  return {
    record: { id: "bench-framework", title: "Benchmark", createdAt: at, updatedAt: at },
    framework,
    discussion: new Y.Doc(),
  };
}

async function time(format: ExportFormat): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const result = await exportFramework(loaded(), {
    format,
    text: "brackets",
    comments: true,
    annexes: true,
    nonPaper: false,
  });
  return { ms: performance.now() - started, bytes: result.body.byteLength };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  `Export of ${terms} terms (${Math.round(state.byteLength / 1024)} KiB Yjs state), Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
);
console.log("");
console.log("| format | median ms | runs | output size |");
console.log("| --- | ---: | ---: | ---: |");
for (const format of ["md", "html", "docx", "pdf"] as const) {
  const runs = format === "pdf" ? 3 : 5;
  await time(format);
  const samples: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < runs; i++) samples.push(await time(format));
  const size = samples[0]?.bytes ?? 0;
  console.log(
    `| ${format} | ${median(samples.map((s) => s.ms)).toFixed(0)} | ${runs} | ${(size / 1024).toFixed(0)} KiB |`,
  );
}
