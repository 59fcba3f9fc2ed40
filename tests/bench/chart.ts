/**
 * The latency-distribution chart, drawn as a plain SVG string: one panel per fan-out size, the
 * cumulative distribution of delivery latency for each server on a logarithmic time axis, with
 * the vertical axis stretched towards the tail (0, 50, 90, 99, 99.9 % equally spaced).
 */
import { downsampleSorted } from "./stats.js";

export interface ChartSeries {
  label: string;
  color: string;
  /** Latency samples in ms (any order). */
  samples: Float64Array;
}

export interface ChartPanel {
  title: string;
  series: ChartSeries[];
}

const PANEL_W = 320;
const PANEL_H = 220;
/** The vertical axis ends at 99.9 % (three nines). */
const MAX_NINES = 3;
const MARGIN = { left: 46, right: 12, top: 28, bottom: 40 };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!,
  );
}

function niceTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  const decades = Math.log10(max) - Math.log10(min);
  const mantissas = decades > 3 ? [1] : [1, 2, 5];
  for (let decade = Math.floor(Math.log10(min)); decade <= Math.ceil(Math.log10(max)); decade++) {
    for (const m of mantissas) {
      const v = m * 10 ** decade;
      if (v >= min && v <= max) ticks.push(v);
    }
  }
  return ticks;
}

function formatMs(v: number): string {
  return v >= 1 ? `${v}` : v.toPrecision(1);
}

function panelSvg(panel: ChartPanel, offsetX: number, minMs: number, maxMs: number): string {
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const x = (ms: number) =>
    MARGIN.left +
    ((Math.log10(Math.max(ms, minMs)) - Math.log10(minMs)) /
      (Math.log10(maxMs) - Math.log10(minMs))) *
      w;
  const nines = (q: number) => Math.min(MAX_NINES, -Math.log10(Math.max(1 - q, 10 ** -MAX_NINES)));
  const y = (q: number) => MARGIN.top + (1 - nines(q) / MAX_NINES) * h;
  const parts: string[] = [`<g transform="translate(${offsetX},0)">`];
  parts.push(
    `<text x="${MARGIN.left + w / 2}" y="16" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`,
  );
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
  );
  for (const tick of niceTicks(minMs, maxMs)) {
    parts.push(
      `<line x1="${x(tick)}" x2="${x(tick)}" y1="${MARGIN.top}" y2="${MARGIN.top + h}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${x(tick)}" y="${MARGIN.top + h + 14}" text-anchor="middle">${formatMs(tick)}</text>`,
    );
  }
  for (const q of [0, 0.5, 0.9, 0.99, 0.999]) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + w}" y1="${y(q)}" y2="${y(q)}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${MARGIN.left - 4}" y="${y(q) + 4}" text-anchor="end">${+(q * 100).toFixed(1)}%</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + w / 2}" y="${PANEL_H - 6}" text-anchor="middle">latency (ms, log scale)</text>`,
  );
  for (const s of panel.series) {
    if (s.samples.length === 0) continue;
    const all = Float64Array.from(s.samples).sort();
    // dense in the tail: up to 600 points above the 90th percentile, 200 below
    const cut = Math.floor(all.length * 0.9);
    const head = downsampleSorted(Array.from(all.subarray(0, cut)), 200);
    const tail = downsampleSorted(Array.from(all.subarray(cut)), 600);
    const points: string[] = [];
    head.forEach((v, i) => {
      points.push(`${x(v).toFixed(1)},${y((i / Math.max(1, head.length)) * 0.9).toFixed(1)}`);
    });
    tail.forEach((v, i) => {
      points.push(
        `${x(v).toFixed(1)},${y(0.9 + (i / Math.max(1, tail.length - 1)) * 0.1).toFixed(1)}`,
      );
    });
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="1.8" points="${points.join(" ")}"/>`,
    );
  }
  parts.push("</g>");
  return parts.join("\n");
}

/** A self-contained SVG document; panels share one time axis so they compare at a glance. */
export function latencyCdfSvg(title: string, panels: ChartPanel[]): string {
  let minMs = Number.POSITIVE_INFINITY;
  let maxMs = 0;
  for (const p of panels) {
    for (const s of p.series) {
      for (const v of s.samples) {
        if (v > 0 && v < minMs) minMs = v;
        if (v > maxMs) maxMs = v;
      }
    }
  }
  if (!Number.isFinite(minMs)) {
    minMs = 0.1;
    maxMs = 100;
  }
  minMs = 10 ** Math.floor(Math.log10(minMs));
  maxMs = 10 ** Math.ceil(Math.log10(Math.max(maxMs, minMs * 10)));
  const width = Math.max(1, panels.length) * PANEL_W;
  const height = PANEL_H + 30;
  const legend = (panels[0]?.series ?? [])
    .map(
      (s, i) =>
        `<g transform="translate(${12 + i * 240},${PANEL_H + 14})"><rect width="14" height="4" y="-4" fill="${s.color}"/><text x="20" y="0">${escapeXml(s.label)}</text></g>`,
    )
    .join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...panels.map((p, i) => panelSvg(p, i * PANEL_W, minMs, maxMs)),
    legend,
    "</svg>",
    "",
  ].join("\n");
}
