// Builds the web client (client/dist) with the workspace's own Vite, without needing `pnpm` on
// PATH: `npx pnpm@… start` and `npx pnpm@… test` run on machines where pnpm is not installed.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `vite build` in client/ and returns its exit status. */
export function buildClient() {
  const vite = join(root, "client", "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build"], {
    cwd: join(root, "client"),
    stdio: "inherit",
  });
  if (result.error) {
    console.error(`[build] could not run Vite: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(buildClient());
}
