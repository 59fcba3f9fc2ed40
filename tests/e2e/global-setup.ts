/**
 * Starts the real Parley server once for the whole e2e run: port 0, loopback, a fresh temporary
 * data directory, serving the built client. Tests read its address from PARLEY_E2E_URL.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "@parley/server";

const clientDir = fileURLToPath(new URL("../../client/dist", import.meta.url));

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(clientDir, "index.html"))) {
    throw new Error(
      `The client is not built (${clientDir}/index.html is missing). Run "pnpm test:e2e", which builds it, or "pnpm build".`,
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), "parley-e2e-"));
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    logLevel: "silent",
    clientDir,
  });
  process.env.PARLEY_E2E_URL = server.url;
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
