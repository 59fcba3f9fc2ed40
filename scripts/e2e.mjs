#!/usr/bin/env node
/**
 * `pnpm test:e2e`: builds the client, finds a Chromium, and runs the Playwright suite.
 *
 * Chromium, first found wins: $PARLEY_CHROMIUM, /usr/bin/chromium, chromium-browser / chromium /
 * google-chrome(-stable) on PATH, Playwright's own cache (~/.cache/ms-playwright or
 * $PLAYWRIGHT_BROWSERS_PATH). If none: `playwright install chromium`, then (as root with apt-get)
 * `apt-get install -y chromium`. If still none, it stops with a message saying what to do.
 *
 * Arguments are passed to `playwright test` (e.g. `pnpm test:e2e tests/e2e/documents.spec.ts`).
 * PARLEY_E2E_SKIP_BUILD=1 skips the client build (when client/dist is fresh).
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClient } from "./buildClient.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function log(message) {
  process.stderr.write(`[e2e] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function inPlaywrightCache() {
  const caches = [
    process.env.PLAYWRIGHT_BROWSERS_PATH,
    join(homedir(), ".cache", "ms-playwright"),
  ].filter((dir) => dir && dir !== "0" && existsSync(dir));
  for (const cache of caches) {
    const builds = readdirSync(cache)
      .filter((name) => /^chromium(_headless_shell)?-\d+$/.test(name))
      .sort()
      .reverse();
    for (const build of builds) {
      for (const relative of [
        "chrome-linux64/chrome",
        "chrome-linux/chrome",
        "chrome-headless-shell-linux64/chrome-headless-shell",
        "chrome-linux/headless_shell",
      ]) {
        const candidate = join(cache, build, relative);
        if (isExecutable(candidate)) return candidate;
      }
    }
  }
  return null;
}

function findChromium() {
  const fromEnv = process.env.PARLEY_CHROMIUM;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    log(`PARLEY_CHROMIUM=${fromEnv} is not an executable file; looking elsewhere.`);
  }
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const name of ["chromium-browser", "chromium", "google-chrome", "google-chrome-stable"]) {
    const found = onPath(name);
    if (found) return found;
  }
  return inPlaywrightCache();
}

function installChromium() {
  log("No Chromium found. Trying `playwright install chromium`…");
  const playwrightCli = join(root, "node_modules", "@playwright", "test", "cli.js");
  run(process.execPath, [playwrightCli, "install", "chromium"]);
  let found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && onPath("apt-get")) {
    log("Trying `apt-get install -y chromium`…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    found = findChromium();
  }
  return found;
}

const chromium = findChromium() ?? installChromium();
if (!chromium) {
  log(
    "Could not find or install Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) " +
      "or point PARLEY_CHROMIUM at a Chromium or Chrome executable, then run `pnpm test:e2e` again.",
  );
  process.exit(1);
}
log(`Chromium: ${chromium}`);

if (process.env.PARLEY_E2E_SKIP_BUILD !== "1") {
  log("Building the client…");
  const status = buildClient();
  if (status !== 0) {
    log("The client build failed.");
    process.exit(status);
  }
}

const playwrightCli = join(root, "node_modules", "@playwright", "test", "cli.js");
const status = run(process.execPath, [playwrightCli, "test", ...process.argv.slice(2)], {
  env: { ...process.env, PARLEY_CHROMIUM: chromium },
});
process.exit(status);
