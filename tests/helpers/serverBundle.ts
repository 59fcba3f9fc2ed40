/**
 * The compiled server that `pnpm start` runs: `scripts/buildServer.mjs` bundles
 * server/src/main.ts into server/dist/main.js. The bench and the bundle's integration test build
 * it here first (once per process; in a child process, so nothing of the build is loaded here).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BUILD_SERVER_SCRIPT = fileURLToPath(
  new URL("../../scripts/buildServer.mjs", import.meta.url),
);
export const SERVER_BUNDLE = fileURLToPath(new URL("../../server/dist/main.js", import.meta.url));

let built = false;

/** Builds server/dist (unless this process already did) and returns the path of main.js. */
export function buildServerBundle(): string {
  if (built) return SERVER_BUNDLE;
  const result = spawnSync(process.execPath, [BUILD_SERVER_SCRIPT], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`the server build failed (${result.status}):\n${result.stderr}`);
  }
  built = true;
  return SERVER_BUNDLE;
}
