/**
 * Starts the servers under test (the reference y-websocket server, Hocuspocus and Parley) as
 * separate child processes on loopback, each on a free port with a fresh temporary data
 * directory, and measures them from the outside (RSS of the child pid from /proc). Nothing of any
 * server is imported into this process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { buildServerBundle, SERVER_BUNDLE } from "../helpers/serverBundle.js";

export type ServerKind = "reference" | "hocuspocus" | "parley";
export const SERVER_KINDS: readonly ServerKind[] = ["reference", "hocuspocus", "parley"];
export const SERVER_LABEL: Record<ServerKind, string> = {
  reference: "@y/websocket-server 0.1.1",
  hocuspocus: "Hocuspocus 4.7",
  parley: "Parley",
};

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TESTS_DIR = join(REPO_ROOT, "tests");
const REFERENCE_BIN = join(TESTS_DIR, "node_modules/@y/websocket-server/src/server.js");
const HOCUSPOCUS_SOURCE = join(TESTS_DIR, "bench/hocuspocusServer.ts");
/** Compiled once per bench process; `dist/` is ignored by git, packages stay in node_modules. */
const HOCUSPOCUS_MAIN = join(TESTS_DIR, "bench/dist/hocuspocusServer.mjs");
/**
 * Parley's entry point: by default the compiled server that `pnpm start` runs
 * (server/dist/main.js, bundled by scripts/buildServer.mjs before the first start).
 * `PARLEY_BENCH_MAIN` points the bench at another checkout's entry point instead (e.g. an export
 * of an earlier commit, to compare before and after a change): a `.js` file runs as it is, a `.ts`
 * file (`server/src/main.ts` of a checkout without the bundle) runs with `--import tsx`.
 */
const PARLEY_MAIN = process.env.PARLEY_BENCH_MAIN
  ? resolve(process.env.PARLEY_BENCH_MAIN)
  : SERVER_BUNDLE;
const PARLEY_USES_TSX = PARLEY_MAIN.endsWith(".ts");

/** How the bench starts Parley, for the report's conditions. */
export const PARLEY_COMMAND = process.env.PARLEY_BENCH_MAIN
  ? `\`node ${PARLEY_USES_TSX ? "--import tsx " : ""}${PARLEY_MAIN}\` (PARLEY_BENCH_MAIN)`
  : "`node server/dist/main.js`, the compiled server `pnpm start` runs (bundled by `scripts/buildServer.mjs` before the first start)";
const HOST = "127.0.0.1";
/**
 * Parley keeps a room loaded this long after its last client leaves (default 30 s); the bench
 * shortens it so that the unload/compaction scenarios do not idle. Everything else is default.
 */
export const UNLOAD_GRACE_MS = 2_000;

/**
 * Parley's settings the bench changes from their defaults (the report lists them): a short unload
 * grace, and abuse limits raised so that the replays (137k messages as fast as one socket can
 * carry them) and 200-room setups measure speed rather than the rate limiter (which still runs)
 * or the connection caps.
 */
export const PARLEY_BENCH_ENV: Record<string, string> = {
  PARLEY_UNLOAD_GRACE_MS: String(UNLOAD_GRACE_MS),
  PARLEY_WS_MESSAGES_PER_SECOND: "10000000",
  PARLEY_WS_MESSAGE_BURST: "10000000",
  PARLEY_CREATES_PER_MINUTE: "100000",
  PARLEY_REST_REQUESTS_PER_MINUTE: "1000000",
  // Hundreds of clients from one address with the creator's one token.
  PARLEY_MAX_CONNECTIONS_PER_IP: "100000",
  PARLEY_MAX_CONNECTIONS_PER_TOKEN: "100000",
};

export interface StartOptions {
  /** Write a V8 CPU profile of the server process into this directory (node --cpu-prof). */
  cpuProfileDir?: string;
  /** Parley and Hocuspocus: more environment (DATABASE_URL, REDIS_URL: scale-out scenarios). */
  env?: Record<string, string>;
}

export interface BenchServer {
  readonly kind: ServerKind;
  /** Whether the server unloads a room once its last client left (and `loadedRooms` sees it). */
  readonly unloadsRooms: boolean;
  readonly pid: number;
  readonly port: number;
  /** `serverUrl` for a y-websocket provider; the room name is appended with a `/`. */
  readonly wsBase: string;
  /** Creates a room both servers can serve; returns its name for `wsBase + "/" + name`. */
  createRoom(title: string): Promise<string>;
  /** Query parameters a client must add to the room's URL (Parley: the creator's `token`). */
  roomParams(room: string): Record<string, string>;
  /** Resident set size of the server process (VmRSS), in bytes. */
  rssBytes(): number;
  /** Asks the server for a full garbage collection (SIGUSR2, see GC_ON_SIGUSR2); asynchronous. */
  collectGarbage(): void;
  /** CPU time (user + system) the server process has used so far, in milliseconds. */
  cpuMs(): number;
  /** Rooms the server holds in memory, when it reports it (Parley's /metrics, Hocuspocus's /rooms). */
  loadedRooms(): Promise<number | null>;
  /** The server's own Prometheus metrics, summed over labels (Parley); null for the reference. */
  metrics(): Promise<Map<string, number> | null>;
  /** Bytes in the data directory (0 for the in-memory reference). */
  storedBytes(): number;
  /**
   * Stops the process gracefully (SIGTERM) and starts it again on the same port and data
   * directory; only for servers that keep state on disk.
   */
  restart?: () => Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL after a bound) and removes its data directory. */
  stop(): Promise<void>;
}

/** Whether Parley's entry point (or, for the bundle, its sources) exists. */
export function parleyAvailable(): boolean {
  return existsSync(
    process.env.PARLEY_BENCH_MAIN ? PARLEY_MAIN : join(REPO_ROOT, "server/src/main.ts"),
  );
}

/** A free loopback port: bind port 0, read it, release it. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** utime + stime of a process from /proc/<pid>/stat, in ms (assumes the usual 100 ticks/s). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is the state (field 3); utime and stime are fields 14 and 15
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

async function httpReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server not ready after 60 s at ${url}:\n${output()}`);
}

function spawnServer(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => tail };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * V8 writes a CPU profile only on a normal exit; the reference has no SIGTERM handler, so when
 * profiling, a preloaded one-liner turns SIGTERM into `process.exit(0)` (Parley has its own).
 */
const EXIT_ON_SIGTERM = `data:text/javascript,process.once("SIGTERM",()=>process.exit(0))`;

/**
 * Both servers run with `--expose-gc` and a preloaded one-liner that runs a full garbage
 * collection on SIGUSR2, so the memory scenario can read memory after a collection rather than
 * whenever V8 happens to collect (`BenchServer.collectGarbage`). Nothing else calls it.
 */
const GC_ON_SIGUSR2 = `data:text/javascript,process.on("SIGUSR2",()=>{if(globalThis.gc)globalThis.gc()})`;
const GC_ARGS = ["--expose-gc", "--import", GC_ON_SIGUSR2];

function profileArgs(options: StartOptions, kind: ServerKind): string[] {
  if (!options.cpuProfileDir) return GC_ARGS;
  const args = ["--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, kind)}`];
  // Hocuspocus stops on SIGTERM by itself (`stopOnSignals`), storing what is pending first
  return kind === "reference"
    ? [...GC_ARGS, ...args, "--import", EXIT_ON_SIGTERM]
    : [...GC_ARGS, ...args];
}

export async function startReference(options: StartOptions = {}): Promise<BenchServer> {
  const port = await freePort();
  const { child, output } = spawnServer(
    [...profileArgs(options, "reference"), REFERENCE_BIN],
    TESTS_DIR,
    { HOST, PORT: String(port) },
  );
  await httpReady(`http://${HOST}:${port}/`, child, output);
  return {
    kind: "reference",
    unloadsRooms: false,
    pid: child.pid!,
    port,
    wsBase: `ws://${HOST}:${port}`,
    createRoom: async (title) => `${title.replace(/[^A-Za-z0-9_-]/g, "-")}-${randomUUID()}`,
    roomParams: () => ({}),
    rssBytes: () => readRssBytes(child.pid!),
    collectGarbage: () => {
      child.kill("SIGUSR2");
    },
    cpuMs: () => readCpuMs(child.pid!),
    loadedRooms: async () => null,
    metrics: async () => null,
    storedBytes: () => 0,
    stop: () => stopChild(child),
  };
}

/** Prometheus text → value per metric name (labels summed; comments and buckets skipped). */
export function parsePrometheus(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1]!.endsWith("_bucket")) continue;
    const value = Number(match[2]);
    if (Number.isFinite(value)) values.set(match[1]!, (values.get(match[1]!) ?? 0) + value);
  }
  return values;
}

/** Parses a "rooms loaded" gauge out of Prometheus text, whatever Parley names it exactly. */
export function parseLoadedRooms(metrics: string): number | null {
  for (const line of metrics.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-z_:]*rooms[a-z_:]*)(?:\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line.trim());
    if (match && !match[1]!.endsWith("_total") && /loaded|active|open|rooms$/.test(match[1]!)) {
      return Number(match[2]);
    }
  }
  return null;
}

/** What a disk-backed server says of itself; the process side is `startOnDisk`'s. */
type ServerSide = Omit<
  BenchServer,
  "pid" | "rssBytes" | "collectGarbage" | "cpuMs" | "storedBytes" | "restart" | "stop"
>;

/**
 * Spawns a server that keeps its rooms in `dataDir`, waits for `readyUrl`, and joins the process
 * side (pid, RSS, CPU, GC, stored bytes, restart on the same port and directory, stop) to `server`.
 * The data directory is removed when the first start fails and on `stop`.
 */
async function startOnDisk(
  dataDir: string,
  readyUrl: string,
  spawnChild: () => { child: ChildProcess; output: () => string },
  server: ServerSide,
): Promise<BenchServer> {
  const launch = async (): Promise<ChildProcess> => {
    const { child, output } = spawnChild();
    try {
      await httpReady(readyUrl, child, output);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
    return child;
  };
  let child: ChildProcess;
  try {
    child = await launch();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...server,
    get pid() {
      return child.pid!;
    },
    rssBytes: () => readRssBytes(child.pid!),
    collectGarbage: () => {
      child.kill("SIGUSR2");
    },
    cpuMs: () => readCpuMs(child.pid!),
    storedBytes: () => directoryBytes(dataDir),
    restart: async () => {
      await stopChild(child);
      child = await launch();
    },
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startParley(options: StartOptions = {}): Promise<BenchServer> {
  if (!parleyAvailable()) throw new Error(`Parley's server is missing (${PARLEY_MAIN})`);
  // the bundle is built once per bench process, before the first start (throws if it fails)
  if (!process.env.PARLEY_BENCH_MAIN) buildServerBundle();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  const base = `http://${HOST}:${port}`;
  const tokens = new Map<string, string>();
  return startOnDisk(
    dataDir,
    `${base}/healthz`,
    () =>
      spawnServer(
        [
          ...profileArgs(options, "parley"),
          ...(PARLEY_USES_TSX ? ["--import", "tsx"] : []),
          PARLEY_MAIN,
        ],
        REPO_ROOT,
        {
          HOST,
          PORT: String(port),
          DATA_DIR: dataDir,
          LOG_LEVEL: "warn",
          ...PARLEY_BENCH_ENV,
          ...options.env,
        },
      ),
    {
      kind: "parley",
      unloadsRooms: true,
      port,
      wsBase: `ws://${HOST}:${port}/sync`,
      createRoom: async (title) => {
        const response = await fetch(`${base}/api/frameworks`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ title }),
        });
        const body = (await response.json()) as { id?: unknown; token?: unknown };
        if (!response.ok || typeof body.id !== "string") {
          throw new Error(`POST /api/frameworks → ${response.status} ${JSON.stringify(body)}`);
        }
        if (typeof body.token === "string") tokens.set(body.id, body.token);
        return body.id;
      },
      roomParams: (room): Record<string, string> => {
        const token = tokens.get(room);
        return token ? { token } : {};
      },
      loadedRooms: async () => {
        const response = await fetch(`${base}/metrics`);
        return response.ok ? parseLoadedRooms(await response.text()) : null;
      },
      metrics: async () => {
        const response = await fetch(`${base}/metrics`);
        return response.ok ? parsePrometheus(await response.text()) : null;
      },
    },
  );
}

let hocuspocusBuilt = false;

/**
 * Compiles tests/bench/hocuspocusServer.ts to plain JavaScript (esbuild, packages left as
 * imports), so that Hocuspocus runs on bare `node` like the other servers, with no loader in its
 * memory.
 */
function buildHocuspocusServer(): void {
  if (hocuspocusBuilt) return;
  buildSync({
    entryPoints: [HOCUSPOCUS_SOURCE],
    outfile: HOCUSPOCUS_MAIN,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
  });
  hocuspocusBuilt = true;
}

/**
 * Hocuspocus 4.7 with its SQLite extension (tests/bench/hocuspocusServer.ts, compiled), all
 * defaults kept; rooms are any name, clients speak Hocuspocus's protocol (hocuspocusClients.ts).
 */
export async function startHocuspocus(options: StartOptions = {}): Promise<BenchServer> {
  buildHocuspocusServer();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "hocuspocus-bench-"));
  const base = `http://${HOST}:${port}`;
  return startOnDisk(
    dataDir,
    `${base}/rooms`,
    () =>
      spawnServer([...profileArgs(options, "hocuspocus"), HOCUSPOCUS_MAIN], TESTS_DIR, {
        HOST,
        PORT: String(port),
        DATA_DIR: dataDir,
        ...options.env,
      }),
    {
      kind: "hocuspocus",
      unloadsRooms: true,
      port,
      wsBase: `ws://${HOST}:${port}`,
      createRoom: async (title) => `${title.replace(/[^A-Za-z0-9_-]/g, "-")}-${randomUUID()}`,
      roomParams: () => ({}),
      loadedRooms: async () => {
        const response = await fetch(`${base}/rooms`);
        if (!response.ok) return null;
        const body = (await response.json()) as { rooms?: unknown };
        return typeof body.rooms === "number" ? body.rooms : null;
      },
      metrics: async () => null,
    },
  );
}

export function startServer(kind: ServerKind, options: StartOptions = {}): Promise<BenchServer> {
  if (kind === "reference") return startReference(options);
  return kind === "hocuspocus" ? startHocuspocus(options) : startParley(options);
}
