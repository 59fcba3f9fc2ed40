/**
 * The Chromium the browser bench drives, found as `scripts/e2e.mjs` finds it for the e2e suite
 * (first found wins): $PARLEY_CHROMIUM, /usr/bin/chromium (Debian's), then chromium-browser /
 * chromium / google-chrome(-stable) on PATH. Nothing is installed here: without one the bench
 * stops and says how to get it (`pnpm test:e2e` installs it when it can).
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string {
  const fromEnv = process.env.PARLEY_CHROMIUM;
  if (fromEnv && isExecutable(fromEnv)) return fromEnv;
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const name of ["chromium-browser", "chromium", "google-chrome", "google-chrome-stable"]) {
    for (const dir of (process.env.PATH ?? "").split(delimiter)) {
      if (dir && isExecutable(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error(
    "No Chromium found: install Debian's (`apt-get install chromium`), or set PARLEY_CHROMIUM.",
  );
}

/** The flags of the e2e suite, for a quiet, comparable browser. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
