/**
 * Builds the baseline page (bare/main.ts, bundled by esbuild into one script) and returns its
 * HTML with the script inline, for the bench to serve on Parley's own origin (`page.route`), so
 * that the page's WebSocket passes the server's origin check like Parley's client does.
 */
import { buildSync } from "esbuild";

const CSS = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; }
#editor { max-width: 760px; margin: 24px auto; }
.ProseMirror { outline: none; white-space: pre-wrap; }
.collaboration-carets__caret { border-left: 2px solid; margin-left: -1px; margin-right: -1px;
  position: relative; word-break: normal; pointer-events: none; }
.collaboration-carets__label { position: absolute; top: -1.4em; left: -1px; font-size: 12px;
  color: #fff; padding: 0 4px; border-radius: 3px 3px 3px 0; white-space: nowrap; }
`;

export function bareEditorHtml(): string {
  const result = buildSync({
    entryPoints: [new URL("./main.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const script = result.outputFiles[0]?.text;
  if (!script) throw new Error("the bare editor did not build");
  // `</script` cannot occur in the inline script
  const safe = script.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bare Tiptap</title><style>${CSS}</style></head><body><div id="editor"></div><script type="module">${safe}</script></body></html>`;
}
