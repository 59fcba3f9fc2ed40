#!/usr/bin/env node
/**
 * `pnpm dev`: the sync server (`node --import tsx server/src/main.ts`, port 8080 unless PORT is
 * set) and Vite with hot reload (http://127.0.0.1:5173, proxying /api and /sync to the server).
 * Ctrl+C, or either process ending, stops both.
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT ?? "8080";
const serverUrl = `http://127.0.0.1:${port}`;
// The browser's page comes from Vite (its Origin is port 5173), so the server must accept that
// origin as well as its own (the built client it serves itself).
const devOrigins = [5173, port].flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);

function start(name, command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  child.on("exit", (code, signal) => {
    process.stderr.write(`[dev] ${name} exited (${signal ?? code}); stopping.\n`);
    stopAll(code ?? 1);
  });
  return child;
}

const children = [
  start("server", process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    PORT: port,
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    PARLEY_ALLOWED_ORIGINS: process.env.PARLEY_ALLOWED_ORIGINS ?? devOrigins.join(","),
  }),
  start("vite", "pnpm", ["--filter", "@parley/client", "exec", "vite"], {
    PARLEY_DEV_SERVER: serverUrl,
  }),
];

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
  process.exitCode = code;
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => stopAll(0));
}
process.stderr.write(`[dev] server on ${serverUrl}, client on http://127.0.0.1:5173\n`);
