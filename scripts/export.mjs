#!/usr/bin/env node
// `pnpm export <frameworkId> --format docx --out file.docx`: exports a framework straight from the
// data directory (no server needed). Runs server/src/export/cli.ts with tsx; see its header for
// the options. Forwards the exit code.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
// `pnpm export -- <args>` passes the `--` through: drop it.
if (args[0] === "--") args.shift();
// tsx resolved from this checkout, so the CLI runs from any working directory (relative --out
// and --data-dir paths are taken from the caller's working directory).
const tsx = import.meta.resolve("tsx");
const child = spawn(
  process.execPath,
  ["--import", tsx, join(root, "server", "src", "export", "cli.ts"), ...args],
  { stdio: "inherit", env: process.env },
);
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
