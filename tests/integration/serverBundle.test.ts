/**
 * The compiled server `pnpm start` runs: scripts/buildServer.mjs bundles server/src/main.ts into
 * server/dist/main.js; this starts `node server/dist/main.js` as a child process (port 0, temp
 * DATA_DIR) and checks it serves health, real y-websocket sync and an export (whose pipeline is a
 * separate chunk of the bundle, loaded on first use).
 */
import { readFileSync, rmSync } from "node:fs";
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
  it("keeps npm packages external and the export pipeline out of start-up", () => {
    const main = readFileSync(bundle, "utf8");
    expect(main).toMatch(/from "yjs"/);
    // The write gate reads suggestions with ProseMirror's model (@tiptap/core, @tiptap/pm/model);
    // the Tiptap extensions, the static renderer and docx load with the export chunk, on the
    // first export.
    expect(main).not.toMatch(/from "@tiptap\/(starter-kit|static-renderer|extension-)/);
    expect(main).not.toMatch(/from "docx"/);
    expect(main).toMatch(/import\("\.\/chunks\/exportFramework-[^"]+\.js"\)/);
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
