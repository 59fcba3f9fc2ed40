/**
 * A real Parley server for tests: in-process (`startTestServer`, port 0, temp data dir) or as a
 * child process (`spawnServer`, for kill -9 and SIGTERM tests). Both clean up after themselves.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type RunningServer, type StartServerOptions, startServer } from "@parley/server";
import type { Role } from "@parley/shared/access/roles";
import { type CreatedFramework, CreatedInvite, JoinedMember } from "@parley/shared/api";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), "parley-test-"));
}

export interface TestServer {
  server: RunningServer;
  url: string;
  /** `ws://host:port/sync`, the y-websocket provider's server URL. */
  syncUrl: string;
  dataDir: string;
  /** Creates a framework; the answer carries the creator's mediator `token`. */
  createFramework(title?: string, creatorName?: string): Promise<CreatedFramework>;
  /** Creates an invite with the mediator token; returns its id and token. */
  invite(frameworkId: string, mediatorToken: string, body: InviteOptions): Promise<CreatedInvite>;
  /**
   * Exchanges an invite token for a personal one, as the client does when an invite link is
   * opened (`name`: the display name chosen, needed when the invite fixes none).
   */
  exchange(frameworkId: string, inviteToken: string, name?: string): Promise<JoinedMember>;
  /** Closes the server (the data dir stays until `cleanup`). */
  close(): Promise<void>;
  /** Closes the server and removes the data dir. */
  cleanup(): Promise<void>;
}

export function syncUrlOf(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, "ws")}/sync`;
}

export async function createFramework(
  url: string,
  title = "Test framework",
  name?: string,
): Promise<CreatedFramework> {
  const response = await fetch(`${url}/api/frameworks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(name ? { title, name } : { title }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status}`);
  return (await response.json()) as CreatedFramework;
}

export interface InviteOptions {
  role: Role;
  party?: string;
  name?: string;
  expiresIn?: number;
}

export async function createInvite(
  url: string,
  frameworkId: string,
  mediatorToken: string,
  body: InviteOptions,
): Promise<CreatedInvite> {
  const response = await fetch(`${url}/api/frameworks/${frameworkId}/invites`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${mediatorToken}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) {
    throw new Error(`invite failed: ${response.status} ${await response.text()}`);
  }
  return CreatedInvite.parse(await response.json());
}

export async function exchangeInvite(
  url: string,
  frameworkId: string,
  inviteToken: string,
  name?: string,
): Promise<JoinedMember> {
  const response = await fetch(`${url}/api/frameworks/${frameworkId}/members`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${inviteToken}` },
    body: JSON.stringify(name === undefined ? {} : { name }),
  });
  if (response.status !== 201) {
    throw new Error(`exchange failed: ${response.status} ${await response.text()}`);
  }
  return JoinedMember.parse(await response.json());
}

/** `fetch` with `Authorization: Bearer <token>` (and a JSON body when `json` is given). */
export function authorizedFetch(
  url: string,
  token: string | null,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (json !== undefined) headers.set("content-type", "application/json");
  return fetch(url, {
    ...rest,
    headers,
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
}

export async function startTestServer(
  options: Partial<StartServerOptions> = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    logLevel: "silent",
    unloadGraceMs: 60_000,
    ...options,
    dataDir,
  });
  return {
    server,
    url: server.url,
    syncUrl: syncUrlOf(server.url),
    dataDir,
    createFramework: (title, creatorName) => createFramework(server.url, title, creatorName),
    invite: (frameworkId, mediatorToken, body) =>
      createInvite(server.url, frameworkId, mediatorToken, body),
    exchange: (frameworkId, inviteToken, name) =>
      exchangeInvite(server.url, frameworkId, inviteToken, name),
    close: () => server.close(),
    async cleanup() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SpawnedServer {
  child: ChildProcess;
  port: number;
  url: string;
  syncUrl: string;
  /** Resolves with the exit code and signal when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every JSON log line the server printed so far. */
  logs: Array<Record<string, unknown>>;
}

/**
 * Runs `node --import tsx server/src/main.ts` (or `node <entry>`, e.g. the bundle
 * server/dist/main.js, see serverBundle.ts) and resolves once it logged its listening port.
 * `options.env`: more environment variables (e.g. DATABASE_URL).
 */
export function spawnServer(
  env: { DATA_DIR: string; PORT?: number },
  options: { entry?: string; env?: Record<string, string> } = {},
): Promise<SpawnedServer> {
  const args = options.entry ? [options.entry] : ["--import", "tsx", "server/src/main.ts"];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(env.PORT ?? 0),
      DATA_DIR: env.DATA_DIR,
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === "listening" && typeof entry.port === "number") {
        const url = `http://127.0.0.1:${entry.port}`;
        resolve({ child, port: entry.port, url, syncUrl: syncUrlOf(url), exited, logs });
      }
    });
    exited.then(({ code, signal }) => {
      reject(new Error(`server exited before listening (${code ?? signal}): ${stderr}`));
    });
  });
}
