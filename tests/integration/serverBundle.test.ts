/**
 * The compiled server `pnpm start` runs: scripts/buildServer.mjs bundles server/src/main.ts into
 * server/dist/main.js; this starts `node server/dist/main.js` as a child process (port 0, temp
 * DATA_DIR) and checks it serves health, real y-websocket sync and an export (whose pipeline is a
 * separate chunk of the bundle, loaded on first use). The npm packages are inlined (minified), but
 * for the few scripts/buildServer.mjs keeps as run-time imports.
 */
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServerBundle } from "../helpers/serverBundle.js";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  authorizedFetch,
  createFramework,
  makeDataDir,
  type SpawnedServer,
  spawnServer,
} from "../helpers/testServer.js";

/** What `file`'s import statements name (esbuild puts them first, each at a statement start). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const statements = source.matchAll(/(?:^|[;\n])import\s*(?:[^;"(]*?from\s*)?"([^"]+)"/g);
  return [...statements].map((m) => m[1] ?? "");
}

/** `file` and the chunks it imports statically, transitively: what loading `file` loads. */
function reachable(file: string): string[] {
  const found = new Set<string>();
  const pending = [file];
  while (pending.length > 0) {
    const next = pending.pop() ?? "";
    if (found.has(next)) continue;
    found.add(next);
    for (const name of staticImports(next)) {
      if (name.startsWith(".")) pending.push(join(dirname(next), name));
    }
  }
  return [...found];
}

/** The npm packages whose sources went into `file`, from its source map. */
function packagesOf(file: string): Set<string> {
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] };
  const names = map.sources.map(
    (source) =>
      source.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)?.[1],
  );
  return new Set(names.filter((name): name is string => name !== undefined));
}

let bundle = "";
let dataDir = "";
let server: SpawnedServer;
const clients: SyncClient[] = [];

beforeAll(async () => {
  bundle = buildServerBundle();
  dataDir = makeDataDir();
  server = await spawnServer({ DATA_DIR: dataDir }, { entry: bundle });
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the bundled server (node server/dist/main.js)", () => {
  it("inlines npm packages but the kept ones, one Yjs, and leaves the export pipeline out of start-up", () => {
    const main = readFileSync(bundle, "utf8");
    // imported at run time from server/node_modules: the native addon and the logger
    expect(main).toMatch(/from\s*"better-sqlite3"/);
    expect(main).toMatch(/from\s*"pino"/);
    // inlined: no bare import of any other package in the files a start loads
    const startup = reachable(bundle);
    for (const file of startup) {
      const packages = staticImports(file).filter(
        (name) => !name.startsWith(".") && !name.startsWith("node:"),
      );
      expect(packages.filter((name) => name !== "better-sqlite3" && name !== "pino")).toEqual([]);
    }
    // one copy of Yjs in the start-up files; docx and the static renderer only in the export chunk
    const startupPackages = startup.map(packagesOf);
    expect(startupPackages.filter((packages) => packages.has("yjs"))).toHaveLength(1);
    for (const packages of startupPackages) {
      expect(packages.has("docx")).toBe(false);
      expect(packages.has("@tiptap/static-renderer")).toBe(false);
    }
    const exportChunk = main.match(/import\("\.\/(chunks\/exportFramework-[^"]+\.js)"\)/)?.[1];
    expect(exportChunk).toBeDefined();
    const exportFiles = reachable(join(dirname(bundle), exportChunk ?? ""));
    expect(exportFiles.some((file) => packagesOf(file).has("docx"))).toBe(true);
  });

  it("answers /healthz", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it("syncs two y-websocket clients and exports the result", async () => {
    const { id, token } = await createFramework(server.url, "Bundled corridor");
    const a = connectClient(server.syncUrl, id, { token });
    const b = connectClient(server.syncUrl, id, { token });
    clients.push(a, b);
    await Promise.all([waitForSynced(a.provider), waitForSynced(b.provider)]);
    expect(textOf(b.doc)).toContain("Bundled corridor");
    appendParagraph(a.doc, "edited through the bundle");
    await waitForDocs([b.doc], () => textOf(b.doc).includes("edited through the bundle"));

    const response = await authorizedFetch(
      `${server.url}/api/frameworks/${id}/export?format=md`,
      token,
    );
    expect(response.status).toBe(200);
    const markdown = await response.text();
    expect(markdown).toContain("Bundled corridor");
    expect(markdown).toContain("edited through the bundle");
    const docx = await authorizedFetch(
      `${server.url}/api/frameworks/${id}/export?format=docx`,
      token,
    );
    expect(docx.status).toBe(200);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("stops on SIGTERM with exit code 0", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
