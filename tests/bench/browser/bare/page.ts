/**
 * Builds the baseline page (bare/main.ts, bundled by esbuild into one script) into `dir`:
 * `index.html`, `bare.js`, `bare.css`. The bench puts it beside a copy of the built client that
 * Parley's server serves, so that the page has Parley's origin (its WebSocket passes the origin
 * check, and Chromium's local network access checks, like Parley's own page) and Parley's
 * headers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

/** Where the page lives under the served client directory. */
export const BARE_DIR = "bench-bare";

const CSS = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; }
#editor { max-width: 760px; margin: 24px auto; }
.ProseMirror { outline: none; white-space: pre-wrap; }
.collaboration-carets__caret { border-left: 2px solid; margin-left: -1px; margin-right: -1px;
  position: relative; word-break: normal; pointer-events: none; }
.collaboration-carets__label { position: absolute; top: -1.4em; left: -1px; font-size: 12px;
  color: #fff; padding: 0 4px; border-radius: 3px 3px 3px 0; white-space: nowrap; }
`;

export function writeBareEditor(dir: string): void {
  mkdirSync(dir, { recursive: true });
  buildSync({
    entryPoints: [new URL("./main.ts", import.meta.url).pathname],
    outfile: join(dir, "bare.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  writeFileSync(join(dir, "bare.css"), CSS);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><title>Bare Tiptap</title><link rel="stylesheet" href="/${BARE_DIR}/bare.css"></head><body><div id="editor"></div><script type="module" src="/${BARE_DIR}/bare.js"></script></body></html>`,
  );
}
