/**
 * `DATABASE_URL`: real server processes on PostgreSQL (a fresh schema per test). A URL that is not
 * PostgreSQL's, or a server that does not answer, stops the start with a clear message and exit
 * code 1; two processes on one database share frameworks, edits and the token signing key.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { runExportCli } from "@parley/server/export/cli";
import { openPgStorage } from "@parley/server/storage/pgStorage";
import { createTestSchema, type TestSchema } from "@parley/server/test/pgTestDatabase";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  authorizedFetch,
  createFramework,
  makeDataDir,
  REPO_ROOT,
  type SpawnedServer,
  spawnServer,
} from "../helpers/testServer.js";

const servers: SpawnedServer[] = [];
const clients: SyncClient[] = [];
let schema: TestSchema | undefined;

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGTERM");
    await s.exited;
  }
  await schema?.drop();
  schema = undefined;
});

/** A loopback port with nothing listening on it (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs the server with `env` until it exits (it must: it cannot start); its code and output. */
function startFailing(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", DATA_DIR: makeDataDir(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, out })));
}

async function storedText(url: string, schemaName: string, room: string): Promise<string> {
  const storage = await openPgStorage({ url, schema: schemaName, max: 1 });
  try {
    const stored = await storage.loadRoom(room);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return textOf(doc);
  } finally {
    await storage.close();
  }
}

describe("DATABASE_URL", () => {
  it("where nothing listens: the start stops with a clear message and exit code 1", async () => {
    const port = await closedPort();
    const { code, out } = await startFailing({
      DATABASE_URL: `postgres://root@127.0.0.1:${port}/test`,
    });
    expect(code).toBe(1);
    expect(out).toContain(`cannot reach PostgreSQL at postgres://root@127.0.0.1:${port}/test`);
    expect(out).not.toContain('"msg":"listening"');
  });

  it("that is not a PostgreSQL URL: the start stops with a clear message and exit code 1", async () => {
    const { code, out } = await startFailing({ DATABASE_URL: "mysql://root:hunter2@db/parley" });
    expect(code).toBe(1);
    expect(out).toContain("DATABASE_URL must start with postgres://");
    expect(out).not.toContain("hunter2");
  });

  it("two processes on one database share frameworks, edits and the signing key", async () => {
    schema = await createTestSchema();
    // No PARLEY_SECRET: the first process generates the key into PostgreSQL, the second reads it.
    const env = { DATABASE_URL: schema.urlWithSchema, PARLEY_SECRET: "" };
    const a = await spawnServer({ DATA_DIR: makeDataDir() }, { env });
    servers.push(a);
    expect(a.logs.find((line) => line.msg === "listening")).toMatchObject({
      storage: "postgresql",
    });
    const { id, token } = await createFramework(a.url, "On PostgreSQL");
    const writer = connectClient(a.syncUrl, id, { token });
    clients.push(writer);
    await waitForSynced(writer.provider);
    appendParagraph(writer.doc, "typed on A");
    await expect
      .poll(() => storedText(schema!.url, schema!.schema, id), { timeout: 10_000 })
      .toContain("typed on A");

    const b = await spawnServer({ DATA_DIR: makeDataDir() }, { env });
    servers.push(b);
    // B accepts the token A signed, knows the framework A created, and serves A's edit.
    const response = await authorizedFetch(`${b.url}/api/frameworks/${id}`, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, title: "On PostgreSQL" });
    const reader = connectClient(b.syncUrl, id, { token });
    clients.push(reader);
    await waitForSynced(reader.provider);
    await waitForDocs(
      [reader.doc],
      () => textOf(reader.doc).includes("typed on A"),
      "A's edit, read from PostgreSQL by B",
    );
    // (B has a data directory of its own: it can only know the key through PostgreSQL.) A token
    // whose signature was tampered with is still refused.
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await authorizedFetch(`${b.url}/api/frameworks/${id}`, forged)).status).toBe(401);

    // `pnpm export` with the same DATABASE_URL reads the framework from PostgreSQL.
    const out: Buffer[] = [];
    const errors: string[] = [];
    const code = await runExportCli([id, "--format", "md", "--out", "-"], env, {
      stdout: (data) => out.push(Buffer.from(data)),
      stderr: (line) => errors.push(line),
    });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(Buffer.concat(out).toString("utf8")).toContain("On PostgreSQL");
  }, 180_000); // two server processes started one after the other (slow on a loaded machine)
});
