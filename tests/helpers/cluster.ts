/**
 * Several real Parley processes sharing one fresh PostgreSQL schema and one Redis (with a key
 * prefix of their own, so that test runs never see each other's keys), and a private Redis
 * server for the tests that flush or restart it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { connectPgPool } from "@parley/server/storage/pgPool";
import { createTestSchema, type TestSchema } from "@parley/server/test/pgTestDatabase";
import { makeDataDir, type SpawnedServer, spawnServer } from "./testServer.js";

/** A `pg` pool (typed through the server package, which has the `pg` types). */
export type Pool = Awaited<ReturnType<typeof connectPgPool>>;

export const SHARED_REDIS_URL = process.env.PARLEY_TEST_REDIS_URL || "redis://127.0.0.1:6379";

export interface TestCluster {
  schema: TestSchema;
  /** The Redis key prefix of this cluster. */
  prefix: string;
  processes: SpawnedServer[];
  /** Starts one more process of the cluster (`env` on top of the cluster's). */
  spawn(env?: Record<string, string>): Promise<SpawnedServer>;
  /** A pool on the cluster's schema (closed by `cleanup`). */
  db: Pool;
  /** Kills every process, drops the schema. */
  cleanup(): Promise<void>;
}

export async function startCluster(
  count: number,
  options: { redisUrl?: string; env?: Record<string, string> } = {},
): Promise<TestCluster> {
  const schema = await createTestSchema();
  const prefix = `parley-test-${randomBytes(6).toString("hex")}:`;
  const secret = randomBytes(32).toString("hex");
  const dataDirs: string[] = [];
  const processes: SpawnedServer[] = [];
  const db = await connectPgPool({ url: schema.url, schema: schema.schema, max: 4 });
  const spawnOne = async (env: Record<string, string> = {}) => {
    const dataDir = makeDataDir();
    dataDirs.push(dataDir);
    const server = await spawnServer(
      { DATA_DIR: dataDir },
      {
        env: {
          DATABASE_URL: schema.urlWithSchema,
          REDIS_URL: options.redisUrl ?? SHARED_REDIS_URL,
          PARLEY_REDIS_PREFIX: prefix,
          PARLEY_SECRET: secret,
          PARLEY_CATCH_UP_MS: "200",
          PARLEY_AUDIT_FLUSH_MS: "20",
          ...options.env,
          ...env,
        },
      },
    );
    processes.push(server);
    return server;
  };
  // The first process creates the schema; the others start on it together.
  await spawnOne();
  await Promise.all(Array.from({ length: count - 1 }, () => spawnOne()));
  return {
    schema,
    prefix,
    processes,
    spawn: spawnOne,
    db,
    async cleanup() {
      for (const server of processes) {
        if (server.child.exitCode === null && server.child.signalCode === null) {
          server.child.kill("SIGCONT");
          server.child.kill("SIGKILL");
        }
        await server.exited;
      }
      await db.end();
      await schema.drop();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The room's text as stored in PostgreSQL (snapshot and log), decoded by `decode`. */
export async function storedUpdates(
  db: Pool,
  room: string,
): Promise<{ snapshot: Uint8Array | null; updates: Array<{ seq: number; update: Uint8Array }> }> {
  const snapshot = await db.query<{ snapshot: Buffer }>(
    "SELECT snapshot FROM room_snapshots WHERE room = $1",
    [room],
  );
  const updates = await db.query<{ seq: string; data: Buffer }>(
    "SELECT seq, data FROM room_updates WHERE room = $1 ORDER BY seq",
    [room],
  );
  return {
    snapshot: snapshot.rows[0] ? new Uint8Array(snapshot.rows[0].snapshot) : null,
    updates: updates.rows.map((row) => ({
      seq: Number(row.seq),
      update: new Uint8Array(row.data),
    })),
  };
}

/** A free TCP port on loopback (for a private Redis server, which cannot listen on port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL): nothing is kept on disk. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered, as in a hang. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}

/** A redis-server of this test alone (no persistence), on a free port. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child = started;
      let output = "";
      started.once("error", reject);
      started.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) resolve();
      });
      started.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  const signal = (name: NodeJS.Signals) => {
    const running: ChildProcess | null = child;
    if (running && running.exitCode === null && running.signalCode === null) running.kill(name);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    restart: launch,
    pause: () => signal("SIGSTOP"),
    resume: () => signal("SIGCONT"),
    stop: async () => {
      signal("SIGCONT");
      await kill();
    },
  };
}
