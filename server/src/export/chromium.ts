/**
 * Finding a Chromium to print PDFs with, the way the e2e harness does: `$PARLEY_CHROMIUM`, then
 * `/usr/bin/chromium`, then `chromium-browser`, `chromium`, `google-chrome`(-stable) on the PATH.
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.PARLEY_CHROMIUM;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const name of ["chromium-browser", "chromium", "google-chrome", "google-chrome-stable"]) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}
