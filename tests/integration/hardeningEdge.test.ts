/**
 * Hardening of the WebSocket edge and the process: close reasons that could not be sent ended the
 * process, the last-resort policy, the Origin check, audit rows from refused upgrades, and the
 * number of open connections per address and per token. Crashing cases run against a real
 * server process (`spawnServer`); each checks that `/healthz` still answers and that other
 * clients keep syncing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { openSqliteStorage } from "@parley/server/storage/sqliteStorage";
import { CloseCode } from "@parley/shared/protocol";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { auditEntries, matching } from "../helpers/audit.js";
import { openRawSocket, type RawSocket } from "../helpers/rawSocket.js";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  createFramework,
  makeDataDir,
  REPO_ROOT,
  type SpawnedServer,
  spawnServer,
  startTestServer,
  type TestServer,
} from "../helpers/testServer.js";

const dataDirs: string[] = [];
const spawned: SpawnedServer[] = [];
const children: ChildProcess[] = [];
const clients: SyncClient[] = [];
const sockets: WebSocket[] = [];
let server: TestServer | null = null;

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.cleanup();
  server = null;
  for (const s of spawned.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
    await s.exited;
  }
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A header value whose bytes on the wire are the UTF-8 of `text` (Node sends header strings as latin1). */
function utf8Header(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** Two synced clients of `room`; resolves once a fresh edit of one has reached the other. */
async function assertStillSyncing(syncUrl: string, room: string, token: string, marker: string) {
  const writer = connectClient(syncUrl, room, { token });
  const reader = connectClient(syncUrl, room, { token });
  clients.push(writer, reader);
  await Promise.all([waitForSynced(writer.provider), waitForSynced(reader.provider)]);
  appendParagraph(writer.doc, marker);
  await waitForDocs([reader.doc], () => textOf(reader.doc).includes(marker));
}

/** A raw socket that the server accepted: resolves once the server has sent its first message. */
async function openAccepted(syncUrl: string, room: string, token: string): Promise<RawSocket> {
  const raw = await openRawSocket(syncUrl, room, token);
  sockets.push(raw.ws);
  await new Promise<void>((resolve, reject) => {
    raw.firstMessage.then(() => resolve());
    raw.closed.then(({ code }) => reject(new Error(`closed with ${code} instead of syncing`)));
  });
  return raw;
}

describe("the close reason and the process", () => {
  it("a long Origin header does not crash the server (ASCII and multi-byte)", async () => {
    const dataDir = makeDataDir();
    dataDirs.push(dataDir);
    const running = await spawnServer({ DATA_DIR: dataDir });
    spawned.push(running);
    const { id, token } = await createFramework(running.url, "Origin");
    const watcher = connectClient(running.syncUrl, id, { token });
    clients.push(watcher);
    await waitForSynced(watcher.provider);

    const origins = [
      `http://${"a".repeat(130)}.example`,
      `http://${"a".repeat(5000)}.example`,
      // 60 Arabic letters: 120 bytes of UTF-8 on the wire, each byte one character to the server.
      utf8Header(`http://${"ع".repeat(60)}.example`),
    ];
    for (const origin of origins) {
      const raw = await openRawSocket(running.syncUrl, id, undefined, { origin });
      sockets.push(raw.ws);
      const closed = await raw.closed;
      expect(closed.code).toBe(CloseCode.forbidden);
      expect(closed.reason.startsWith("origin ")).toBe(true);
      expect(utf8Bytes(closed.reason)).toBeLessThanOrEqual(123);
    }

    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    appendParagraph(watcher.doc, "WATCHER-STILL-CONNECTED");
    await assertStillSyncing(running.syncUrl, id, token, "WATCHER-STILL-CONNECTED");
    await assertStillSyncing(running.syncUrl, id, token, "AFTER-LONG-ORIGIN");
    expect(running.child.exitCode).toBeNull();
    expect(running.logs.filter((line) => line.level === 60)).toEqual([]);
  });

  it("the last-resort policy logs unhandled rejections and uncaught exceptions and keeps serving", async () => {
    // A real process with the policy installed as main.ts installs it, and pino as its logger.
    const script = `
      import { createServer } from "node:http";
      import { createRequire } from "node:module";
      import { installLastResort } from "./server/src/lastResort.ts";
      const { pino } = createRequire(process.cwd() + "/server/package.json")("pino");
      installLastResort(pino());
      const http = createServer((_req, res) => res.end("ok"));
      http.listen(0, "127.0.0.1", () => {
        console.log(JSON.stringify({ msg: "listening", port: http.address().port }));
        Promise.reject(new Error("a rejection nobody handled"));
        setImmediate(() => { throw new Error("an exception nobody caught"); });
      });
    `;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "--eval", script],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const lines: Array<Record<string, unknown>> = [];
    let port = 0;
    const bothLogged = new Promise<void>((resolve, reject) => {
      exited.then((code) => reject(new Error(`the process exited (${code})`)));
      createInterface({ input: child.stdout }).on("line", (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (entry.msg === "listening" && typeof entry.port === "number") port = entry.port;
        if (lines.filter((logged) => logged.level === 60).length === 2) resolve();
      });
    });
    await bothLogged;
    const fatal = lines.filter((line) => line.level === 60);
    expect(fatal.map((line) => (line.err as { message: string }).message).sort()).toEqual([
      "a rejection nobody handled",
      "an exception nobody caught",
    ]);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe("ok");
    expect(child.exitCode).toBeNull();
  });
});

describe("the Origin check", () => {
  it("the Origin check compares the scheme: https://host is refused by a plain HTTP server", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const origin = server.url.replace(/^http:/, "https:");
    const raw = await openRawSocket(server.syncUrl, id, token, { origin });
    sockets.push(raw.ws);
    expect((await raw.closed).code).toBe(CloseCode.forbidden);
    await openAccepted(server.syncUrl, id, token).then((own) => own.ws.close());
  });

  it("the Origin check refuses an Origin that only matches the Host header (DNS rebinding)", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const rebound = `rebind.attacker.example:${server.server.port}`;
    const raw = await openRawSocket(server.syncUrl, id, token, {
      origin: `http://${rebound}`,
      host: rebound,
    });
    sockets.push(raw.ws);
    expect((await raw.closed).code).toBe(CloseCode.forbidden);
    // The server's own listening origins are accepted, as is a client sending no Origin.
    for (const origin of [server.url, `http://localhost:${server.server.port}`]) {
      const own = await openRawSocket(server.syncUrl, id, token, { origin });
      sockets.push(own.ws);
      await own.firstMessage;
    }
    const refused = matching(await auditEntries(server.url, id, token), { action: "refused" });
    expect(matching(refused, { detail: "rebind.attacker.example" })).toHaveLength(1);
  });

  it("with PARLEY_PUBLIC_URL set, only that origin is accepted", async () => {
    server = await startTestServer({ publicUrl: "https://parley.example" });
    const { id, token } = await server.createFramework();
    const accepted = await openRawSocket(server.syncUrl, id, token, {
      origin: "https://parley.example",
    });
    sockets.push(accepted.ws);
    await accepted.firstMessage;
    const own = await openRawSocket(server.syncUrl, id, token, { origin: server.url });
    sockets.push(own.ws);
    expect((await own.closed).code).toBe(CloseCode.forbidden);
  });
});

describe("audit rows of refused upgrades", () => {
  it("refused anonymous upgrades are coalesced per address, and their text is capped", async () => {
    server = await startTestServer();
    const { id } = await server.createFramework("Knocked");
    const attempts = 500;
    for (let batch = 0; batch < attempts; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const n = batch + i;
          const origin =
            n % 2 === 0
              ? `http://${"x".repeat(2000)}-${n}.example`
              : utf8Header(`http://${"ن".repeat(500)}${n}`);
          const raw = await openRawSocket(server?.syncUrl ?? "", id, undefined, { origin });
          expect((await raw.closed).code).toBe(CloseCode.forbidden);
        }),
      );
    }
    const dataDir = server.dataDir;
    await server.close();
    const storage = openSqliteStorage(join(dataDir, "parley.sqlite"));
    const rows = await storage.listAudit(id, { limit: 1000, before: null });
    await storage.close();
    const refused = rows.filter((row) => row.action === "refused");
    // The first few rows of the window on their own, the rest as one counted row.
    expect(refused.length).toBeLessThanOrEqual(6);
    expect(refused.reduce((sum, row) => sum + row.count, 0)).toBe(attempts);
    for (const row of refused) expect(row.detail?.length ?? 0).toBeLessThanOrEqual(400);
  });
});

describe("open connections per address and per token", () => {
  it("connections over the per-token and per-address caps are closed with tooManyConnections", async () => {
    server = await startTestServer({ maxConnectionsPerIp: 4, maxConnectionsPerToken: 2 });
    const { id, token } = await server.createFramework();
    const other = await server.invite(id, token, { role: "drafter" });
    const first = await openAccepted(server.syncUrl, id, token);
    await openAccepted(server.syncUrl, `${id}/discussion`, token);
    for (let attempt = 0; attempt < 3; attempt++) {
      const third = await openRawSocket(server.syncUrl, id, token);
      sockets.push(third.ws);
      expect((await third.closed).code).toBe(CloseCode.tooManyConnections);
    }
    expect(CloseCode.tooManyConnections).toBeGreaterThanOrEqual(4500);
    // Another invite from the same address still gets in, up to the address's cap.
    await openAccepted(server.syncUrl, id, other.token);
    await openAccepted(server.syncUrl, id, other.token);
    const fifth = await openRawSocket(server.syncUrl, id, other.token);
    sockets.push(fifth.ws);
    expect((await fifth.closed).code).toBe(CloseCode.tooManyConnections);
    // Closing one makes room again.
    const open = server.server.manager.connectionCount;
    first.ws.close();
    await expect.poll(() => server?.server.manager.connectionCount).toBe(open - 1);
    await openAccepted(server.syncUrl, id, token).then(async (again) => {
      expect((await fetch(`${server?.url}/healthz`)).status).toBe(200);
      again.ws.close();
    });
    const refused = matching(await auditEntries(server.url, id, token), { action: "refused" });
    // Once per source and window, however often it was tried.
    expect(matching(refused, { detail: "connections with one token" })).toHaveLength(1);
    expect(matching(refused, { detail: "connections from one address" })).toHaveLength(1);
  });
});
