/**
 * The scale-out target read repetition by repetition: Parley's cross-process p99 (three
 * processes) against Hocuspocus + Redis's (two instances), with the like-for-like pairings beside
 * it. The two fan-out scenarios run in turn within each repetition (`run.ts`), so each row's
 * figures were taken within a few minutes of each other, under the same load.
 */
import { median } from "../stats.js";
import { HOCUSPOCUS_THREE, HOCUSPOCUS_TWO } from "./hocuspocusRedisFanout.js";
import { PARLEY_THREE, PARLEY_TWO } from "./parleyClusterFanout.js";
import type { ScaleOutOutcome } from "./scaleOut.js";

export const CROSS_PROCESS_TITLE =
  "Cross-process p99: Parley against Hocuspocus + Redis, repetition by repetition";

const KEY = "remoteP99";

function remote(outcome: ScaleOutOutcome | undefined, configuration: string): number[] {
  return (outcome?.runs[configuration] ?? []).map((run) => run.values[KEY] ?? Number.NaN);
}

const ms = (v: number | undefined) =>
  v !== undefined && Number.isFinite(v) ? `${v.toFixed(1)} ms` : "—";
const ratio = (of: number | undefined, to: number | undefined) =>
  of !== undefined && to !== undefined && Number.isFinite(of) && Number.isFinite(to) && to > 0
    ? `${(of / to).toFixed(2)}×`
    : "—";

/** The subsection (`### …`), or null when either fan-out scenario did not run. */
export function renderCrossProcessTarget(outcomes: readonly ScaleOutOutcome[]): string | null {
  const hocuspocus = outcomes.find((o) => o.scenario.id === "scale-out-fanout-hocuspocus");
  const parley = outcomes.find((o) => o.scenario.id === "scale-out-fanout-parley");
  if (!hocuspocus || !parley) return null;
  const columns = {
    h2: remote(hocuspocus, HOCUSPOCUS_TWO),
    h3: remote(hocuspocus, HOCUSPOCUS_THREE),
    p2: remote(parley, PARLEY_TWO),
    p3: remote(parley, PARLEY_THREE),
  };
  const reps = Math.max(...Object.values(columns).map((c) => c.length));
  const lines = [
    `### ${CROSS_PROCESS_TITLE}`,
    "",
    "The p99 of the observers on another process than the writer's, from the two tables above. Within each repetition the Hocuspocus and the Parley scenario ran one after the other (their order alternating), so each row was measured under the same load.",
    "",
    "| repetition | Hocuspocus + Redis, 2 | Hocuspocus + Redis, 3 | Parley, 2 | Parley, 3 | Parley 3 ÷ Hocuspocus 2 (the issue's) | Parley 2 ÷ Hocuspocus 2 | Parley 3 ÷ Hocuspocus 3 |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (let i = 0; i < reps; i++) {
    const [h2, h3, p2, p3] = [columns.h2[i], columns.h3[i], columns.p2[i], columns.p3[i]];
    lines.push(
      `| ${i + 1} | ${ms(h2)} | ${ms(h3)} | ${ms(p2)} | ${ms(p3)} | ${ratio(p3, h2)} | ${ratio(p2, h2)} | ${ratio(p3, h3)} |`,
    );
  }
  const m = {
    h2: median(columns.h2),
    h3: median(columns.h3),
    p2: median(columns.p2),
    p3: median(columns.p3),
  };
  lines.push(
    `| **median** | ${ms(m.h2)} | ${ms(m.h3)} | ${ms(m.p2)} | ${ms(m.p3)} | **${ratio(m.p3, m.h2)}** | ${ratio(m.p2, m.h2)} | ${ratio(m.p3, m.h3)} |`,
    "",
  );
  const met = Number.isFinite(m.p3) && Number.isFinite(m.h2) ? m.p3 <= m.h2 : null;
  const wins = columns.p3.filter((v, i) => v <= (columns.h2[i] ?? Number.NaN)).length;
  lines.push(
    `- Target (the issue's): Parley's cross-process p99 with three processes no worse than Hocuspocus + Redis's with two instances, on the medians: **${met === null ? "not measured" : met ? "met" : "missed"}** (${ratio(m.p3, m.h2)}; Parley's three processes were at or under Hocuspocus's two in ${wins} of ${reps} repetitions).`,
    "",
  );
  return lines.join("\n");
}
