/**
 * The issue's scale-out target read repetition by repetition: Parley's cross-process p99 (three
 * processes) against Hocuspocus + Redis's (two instances), with the like-for-like pairings beside
 * it, and the two measurement-only columns that separate what the guarantee costs: Hocuspocus
 * committing each update in PostgreSQL before applying it (Parley's guarantee on Hocuspocus), and
 * Parley committing without waiting for the WAL flush. The two fan-out scenarios run in turn within each repetition (`run.ts`), so each row's
 * figures were taken within a few minutes of each other, under the same load.
 */
import { median } from "../stats.js";
import {
  HOCUSPOCUS_STORE_FIRST,
  HOCUSPOCUS_THREE,
  HOCUSPOCUS_TWO,
} from "./hocuspocusRedisFanout.js";
import { PARLEY_NO_FLUSH, PARLEY_THREE, PARLEY_TWO } from "./parleyClusterFanout.js";
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
    hs: remote(hocuspocus, HOCUSPOCUS_STORE_FIRST),
    p2: remote(parley, PARLEY_TWO),
    p3: remote(parley, PARLEY_THREE),
    pn: remote(parley, PARLEY_NO_FLUSH),
  };
  const reps = Math.max(...Object.values(columns).map((c) => c.length));
  const lines = [
    `### ${CROSS_PROCESS_TITLE}`,
    "",
    "The p99 of the observers on another process than the writer's, from the two tables above. Within each repetition the Hocuspocus and the Parley scenario ran one after the other (their order alternating), so each row was measured under the same load. Two columns are measurements only: Hocuspocus + Redis's two instances committing each update in PostgreSQL before applying it (*storing first*: Parley's guarantee on Hocuspocus), and Parley's three processes committing without waiting for the WAL flush (*no flush*).",
    "",
    "| repetition | Hocuspocus + Redis, 2 | Hocuspocus + Redis, 3 | Hocuspocus + Redis, 2, storing first | Parley, 2 | Parley, 3 | Parley, 3, no flush | Parley 3 ÷ Hocuspocus 2 (the issue's) | Parley 2 ÷ Hocuspocus 2 | Parley 3 ÷ Hocuspocus 3 | Parley 3 ÷ Hocuspocus 2 storing first (one guarantee) | Parley 3 no flush ÷ Hocuspocus 2 |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const row = (label: string, at: (column: number[]) => number | undefined, bold: boolean) => {
    const [h2, h3, hs, p2, p3, pn] = [
      at(columns.h2),
      at(columns.h3),
      at(columns.hs),
      at(columns.p2),
      at(columns.p3),
      at(columns.pn),
    ];
    const issue = bold ? `**${ratio(p3, h2)}**` : ratio(p3, h2);
    return `| ${label} | ${ms(h2)} | ${ms(h3)} | ${ms(hs)} | ${ms(p2)} | ${ms(p3)} | ${ms(pn)} | ${issue} | ${ratio(p2, h2)} | ${ratio(p3, h3)} | ${ratio(p3, hs)} | ${ratio(pn, h2)} |`;
  };
  for (let i = 0; i < reps; i++) lines.push(row(String(i + 1), (column) => column[i], false));
  const m = {
    h2: median(columns.h2),
    hs: median(columns.hs),
    p3: median(columns.p3),
    pn: median(columns.pn),
  };
  lines.push(row("**median**", median, true), "");
  const met = Number.isFinite(m.p3) && Number.isFinite(m.h2) ? m.p3 <= m.h2 : null;
  const wins = columns.p3.filter((v, i) => v <= (columns.h2[i] ?? Number.NaN)).length;
  const verdict = (v: boolean | null) => (v === null ? "not measured" : v ? "met" : "missed");
  lines.push(
    `- Target (the issue's): Parley's cross-process p99 with three processes no worse than Hocuspocus + Redis's with two instances, on the medians: **${verdict(met)}** (${ratio(m.p3, m.h2)}; Parley's three processes were at or under Hocuspocus's two in ${wins} of ${reps} repetitions).`,
  );
  if (columns.hs.length > 0 && columns.pn.length > 0) {
    const sameGuarantee = m.p3 <= m.hs;
    const withoutFlush = m.pn <= m.h2;
    lines.push(
      `- With one guarantee on both sides (every update committed in PostgreSQL before anyone sees it), Parley's three processes against Hocuspocus + Redis's two: ${ratio(m.p3, m.hs)}, ${sameGuarantee ? "no worse" : "worse"}. Without the WAL flush on Parley's side (the other half of the same question): ${ratio(m.pn, m.h2)} against Hocuspocus + Redis as it runs, ${withoutFlush ? "no worse" : "worse"}.`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
