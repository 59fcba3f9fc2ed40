/**
 * Starts the real Parley server once for the whole e2e run: port 0, loopback, a fresh temporary
 * data directory, serving the built client. Tests read its address from PARLEY_E2E_URL. Its log
 * (info and above) goes to a file, PARLEY_E2E_SERVER_LOG, that a failed test prints from
 * (support/diagnostics.ts).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "@parley/server";
import { pino } from "pino";

const clientDir = fileURLToPath(new URL("../../client/dist", import.meta.url));

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(clientDir, "index.html"))) {
    throw new Error(
      `The client is not built (${clientDir}/index.html is missing). Run "pnpm test:e2e", which builds it, or "pnpm build".`,
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), "parley-e2e-"));
  // Operator access: `Participant.open` uses it to invite each person as a mediator.
  const adminToken = randomBytes(24).toString("base64url");
  const logFile = join(dataDir, "server.log");
  const logger = pino({ level: "info" }, pino.destination({ dest: logFile, sync: true }));
  const server = await startServer({
    adminToken,
    // Many tests create frameworks from one address within a minute.
    createsPerMinute: 10_000,
    restRequestsPerMinute: 100_000,
    port: 0,
    host: "127.0.0.1",
    dataDir,
    logger,
    clientDir,
  });
  process.env.PARLEY_E2E_URL = server.url;
  process.env.PARLEY_E2E_ADMIN_TOKEN = adminToken;
  process.env.PARLEY_E2E_SERVER_LOG = logFile;
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
