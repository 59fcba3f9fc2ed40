/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) of a server process: self time per function and
 * per package, so hot spots can be named with figures. Usable on its own:
 * `node --import tsx tests/bench/profile.ts <file-or-dir>...`
 * The bench runs the bundled server (server/dist); frames in the bundle are mapped back to
 * server/src and shared/src through the bundle's source maps, so the summaries name source files.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface HotSpot {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: HotSpot[];
  packages: HotSpot[];
  /** Inclusive time (self + callees) of the functions in Parley's own source (server/src). */
  ownInclusive: HotSpot[];
}

function shortUrl(url: string): string {
  if (url === "") return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  const src = /\/(server|shared|client)\/src\//.exec(url);
  if (src) return url.slice(src.index + 1);
  if (url.startsWith("node:")) return url;
  return url.replace(/^file:\/\//, "");
}

function packageOf(url: string): string {
  if (url === "") return "(native code: syscalls, addons)";
  if (url.startsWith("node:")) return "node internals";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = /\/(server|shared|client)\/src\/([^/]+)/.exec(url);
  if (src) return `${src[1]}/src/${src[2]}`;
  return "other";
}

function top(map: Map<string, number>, totalMs: number, limit: number): HotSpot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / totalMs }));
}

/** Self time from sample counts, assuming evenly spaced samples over the profile's span. */
export function summarizeProfiles(profiles: CpuProfile[], limit = 20): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  for (const profile of profiles) {
    const parent = new Map<number, ProfileNode>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    const hits = new Map<number, number>();
    if (profile.samples) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
    let sampleCount = 0;
    for (const n of profile.nodes) sampleCount += hits.get(n.id) ?? n.hitCount ?? 0;
    const spanMs = (profile.endTime - profile.startTime) / 1000;
    const perSample = sampleCount > 0 ? spanMs / sampleCount : 0;
    for (const node of profile.nodes) {
      const count = hits.get(node.id) ?? node.hitCount ?? 0;
      if (count === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === "(idle)" || functionName === "(program)") continue;
      const ms = count * perSample;
      totalMs += ms;
      const key = `${functionName || "(anonymous)"} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ""}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
      const pkg = functionName === "(garbage collector)" ? "(garbage collector)" : packageOf(url);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
      // inclusive time: each distinct server/src function on this node's stack gets it once
      const seen = new Set<string>();
      for (let up: ProfileNode | undefined = node; up; up = parent.get(up.id)) {
        const frame = up.callFrame;
        if (!/\/(server|client)\/src\//.test(frame.url)) continue;
        const own = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}`;
        if (seen.has(own)) continue;
        seen.add(own);
        inclusive.set(own, (inclusive.get(own) ?? 0) + ms);
      }
    }
  }
  return {
    totalMs,
    functions: top(byFunction, totalMs, limit),
    packages: top(byPackage, totalMs, 12),
    ownInclusive: top(inclusive, totalMs, limit),
  };
}

/** Source maps of the bundle's files (`<file>.map` beside them), by URL; null: none. */
const sourceMaps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  let map = sourceMaps.get(url);
  if (map === undefined) {
    map = null;
    if (url.startsWith("file://") && /\/(server|client)\/dist\//.test(url)) {
      const file = `${fileURLToPath(url)}.map`;
      if (existsSync(file)) {
        map = new SourceMap(JSON.parse(readFileSync(file, "utf8")) as SourceMapPayload);
      }
    }
    sourceMaps.set(url, map);
  }
  return map;
}

/** Points a frame in the bundle at its original source file and line (in place). */
function mapToSource(frame: CallFrame): void {
  const map = sourceMapOf(frame.url);
  if (!map || frame.lineNumber < 0) return;
  const entry = map.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
  if (!("originalSource" in entry) || !entry.originalSource) return;
  frame.url = new URL(entry.originalSource, frame.url).href;
  frame.lineNumber = entry.originalLine;
  frame.columnNumber = entry.originalColumn;
}

/**
 * A browser profile (`pnpm bench:browser --profile`): its scripts are served from `servedBase`
 * (a copy of client/dist), so their URLs are pointed at client/dist and mapped to sources.
 */
export function mapBrowserProfile(file: string, servedBase: string): void {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const dist = `file://${join(fileURLToPath(new URL("../..", import.meta.url)), "client/dist")}/`;
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    if (frame.url.startsWith(servedBase)) {
      frame.url = dist + frame.url.slice(servedBase.length);
      mapToSource(frame);
    }
  }
  writeFileSync(file, JSON.stringify(profile));
}

export function loadProfiles(paths: readonly string[]): CpuProfile[] {
  const files: string[] = [];
  const collect = (path: string) => {
    if (statSync(path).isDirectory())
      for (const entry of readdirSync(path)) collect(join(path, entry));
    else if (path.endsWith(".cpuprofile")) files.push(path);
  };
  for (const p of paths) collect(p);
  return files.map((f) => {
    const profile = JSON.parse(readFileSync(f, "utf8")) as CpuProfile;
    for (const node of profile.nodes) mapToSource(node.callFrame);
    return profile;
  });
}

function hotSpotTable(heading: string, spots: readonly HotSpot[], code: boolean): string[] {
  const lines = [`| ${heading} | ms | share |`, "|---|---:|---:|"];
  for (const h of spots) {
    const name = code ? `\`${h.name}\`` : h.name;
    lines.push(`| ${name} | ${h.selfMs.toFixed(0)} | ${(h.share * 100).toFixed(1)} % |`);
  }
  return lines;
}

export function renderSummary(title: string, summary: ProfileSummary): string {
  const lines = [
    `### ${title}`,
    "",
    `Busy CPU in the profile(s): ${summary.totalMs.toFixed(0)} ms.`,
    "",
  ];
  lines.push(...hotSpotTable("package (self time)", summary.packages, false), "");
  lines.push(...hotSpotTable("function (self time)", summary.functions, true), "");
  if (summary.ownInclusive.length > 0) {
    lines.push(
      ...hotSpotTable(
        "server/src function (inclusive: self + callees)",
        summary.ownInclusive,
        true,
      ),
      "",
    );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    console.error("usage: node --import tsx tests/bench/profile.ts <profile-or-dir>...");
    process.exit(2);
  }
  console.log(renderSummary(paths.join(", "), summarizeProfiles(loadProfiles(paths))));
}
