#!/usr/bin/env node
// `pnpm start`: builds the client if its build is missing (the API starts even if that fails),
// bundles the server into server/dist (every time: it takes under a second, and a stale
// bundle can never run), then runs `node server/dist/main.js`, forwarding SIGINT/SIGTERM and its
// exit code. `NODE_OPTIONS=--enable-source-maps pnpm start` maps stack traces to the sources.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClient } from "./buildClient.mjs";
import { buildServer, SERVER_BUNDLE } from "./buildServer.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const clientIndex = join(root, "client", "dist", "index.html");
const clientPackage = join(root, "client", "package.json");

function hasBuildScript() {
  if (!existsSync(clientPackage)) return false;
  try {
    return Boolean(JSON.parse(readFileSync(clientPackage, "utf8")).scripts?.build);
  } catch {
    return false;
  }
}

if (!existsSync(clientIndex) && hasBuildScript()) {
  console.error("[start] client/dist is missing: building the client…");
  if (buildClient() !== 0) {
    console.error("[start] the client build failed; starting the API without the web app.");
  }
}

try {
  await buildServer({ quiet: true });
} catch {
  console.error("[start] the server build failed (errors above).");
  process.exit(1);
}

const server = spawn(process.execPath, [SERVER_BUNDLE], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
