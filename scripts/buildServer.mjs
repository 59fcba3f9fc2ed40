// Builds the server for `pnpm start` and the bench: server/src/main.ts bundled by esbuild into
// server/dist/main.js (ESM, Node 20, source map). The workspace package @parley/shared is inlined
// (its sources are TypeScript), and so are the npm packages, minified (whitespace and syntax
// only: identifiers keep their names, so stack traces and profiles still read). That is for the
// running process, not the download: V8 keeps each module's source text in its heap, and a start
// that loads ~3.5 MB of source in four files instead of ~10 MB in hundreds of modules is ready
// sooner with a smaller heap (figures in BENCHMARKS.md, issue 20). esbuild's `keepNames` is not
// used: it wraps every function the code creates in a call (measured: 45 % more server CPU in the
// concurrent trace replay). Kept as imports resolved at run time from server/node_modules:
// `KEPT_EXTERNAL` (a native addon, a logger whose transports run worker threads by file path, the
// browser driver loaded on a first PDF export) and the optional native add-ons some packages try
// to load. Every package Parley's own sources import must be a dependency of @parley/server
// (checked here).
// Takes under a second; `pnpm start` rebuilds every time. `pnpm dev` and the tests run the
// TypeScript sources with tsx / vitest instead.
//
// The export pipeline is a separate chunk (server/dist/chunks/…-<hash>.js) that a running server
// imports on its first export, maybe long after it started. So a build never deletes or
// half-writes a file a running server may still load: each output is written to a temporary file
// and renamed into place, only if its content changed, and chunks of earlier builds (content-hashed
// names) are left behind; `rm -rf server/dist` clears them while no server runs from it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const serverDir = join(root, "server");
export const SERVER_DIST = join(serverDir, "dist");
export const SERVER_BUNDLE = join(SERVER_DIST, "main.js");

const WORKSPACE_PREFIX = "@parley/";
/** npm packages the bundle imports at run time instead of inlining them (see the header). */
const KEPT_EXTERNAL = new Set(["better-sqlite3", "pino", "playwright-core"]);
/** Optional native add-ons that inlined packages try to load and do without (pg, ws). */
const OPTIONAL_NATIVE = new Set(["pg-native", "bufferutil", "utf-8-validate"]);
/**
 * CommonJS code inlined into an ES module still calls `require` (for Node's built-ins and the
 * kept packages) and may read `__dirname`: each output file defines them for its own location.
 */
const COMMONJS_GLOBALS = [
  'import { createRequire as __parleyCreateRequire } from "node:module";',
  'import { dirname as __parleyDirname } from "node:path";',
  'import { fileURLToPath as __parleyFileURLToPath } from "node:url";',
  "const require = __parleyCreateRequire(import.meta.url);",
  "const __filename = __parleyFileURLToPath(import.meta.url);",
  "const __dirname = __parleyDirname(__filename);",
].join("\n");
const builtins = new Set(builtinModules);

function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Inlines npm packages except `KEPT_EXTERNAL` and the optional add-ons, after checking that
 * @parley/server declares each package Parley's own sources import.
 */
function npmPackages() {
  const manifest = JSON.parse(readFileSync(join(serverDir, "package.json"), "utf8"));
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  return {
    name: "parley-npm-packages",
    setup(pluginBuild) {
      // bare specifiers only: relative and absolute paths are bundled
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("node:") || builtins.has(packageName(args.path))) {
          return { path: args.path, external: true };
        }
        if (args.path.startsWith(WORKSPACE_PREFIX)) return undefined; // bundled
        const name = packageName(args.path);
        if (OPTIONAL_NATIVE.has(name)) return { path: args.path, external: true };
        const fromParley = !args.importer.includes(`${sep}node_modules${sep}`);
        if (fromParley && !declared.has(name)) {
          return {
            errors: [
              {
                text: `${name} (imported by ${relative(root, args.importer)}) is not a dependency of @parley/server: add it to server/package.json`,
              },
            ],
          };
        }
        if (KEPT_EXTERNAL.has(name)) return { path: args.path, external: true };
        return undefined; // inlined, resolved from the importer as Node would
      });
    },
  };
}

function sameContent(path, contents) {
  try {
    return readFileSync(path).equals(contents);
  } catch {
    return false; // missing
  }
}

/** Writes the build's files that changed, each atomically (temporary file, then rename). */
function writeOutputs(outputFiles) {
  let written = 0;
  for (const file of outputFiles) {
    if (sameContent(file.path, file.contents)) continue;
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written++;
  }
  return written;
}

/** Bundles the server into server/dist; resolves with esbuild's result, rejects on errors. */
export async function buildServer({ quiet = false } = {}) {
  const started = performance.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: join(serverDir, "src", "main.ts") },
    outdir: SERVER_DIST,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    // the sources in the map are relative to server/dist; keep them out of the map itself
    sourcesContent: false,
    // the modules the bundle loads on demand (`await import(...)`) stay separate files, loaded
    // on their first use (see server/src/export)
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    minifyWhitespace: true,
    minifySyntax: true,
    banner: { js: COMMONJS_GLOBALS },
    write: false,
    logLevel: quiet ? "error" : "warning",
    plugins: [npmPackages()],
  });
  const written = writeOutputs(result.outputFiles);
  if (!quiet) {
    const ms = Math.round(performance.now() - started);
    console.error(
      `[build] server bundled into ${relative(root, SERVER_DIST)} in ${ms} ms (${written} of ${result.outputFiles.length} files changed)`,
    );
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildServer().then(
    () => process.exit(0),
    () => process.exit(1), // esbuild already printed the errors
  );
}
