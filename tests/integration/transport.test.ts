import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { Agent, get } from "node:http";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { makeDataDir, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer | null = null;
let clientDir = "";

afterEach(async () => {
  await server?.cleanup();
  server = null;
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

describe("transport edges", () => {
  it("terminates a connection that stops answering keepalive pings", async () => {
    server = await startTestServer({ pingIntervalMs: 100 });
    const { id, token } = await server.createFramework();
    const silent = new WebSocket(`${server.syncUrl}/${id}?token=${token}`, { autoPong: false });
    const answering = new WebSocket(`${server.syncUrl}/${id}?token=${token}`);
    let answeringClosed = false;
    answering.on("close", () => {
      answeringClosed = true;
    });
    let pings = 0;
    answering.on("ping", () => (pings += 1));
    const closed = new Promise<number>((resolve) => silent.once("close", (code) => resolve(code)));
    // Terminated without a close frame: the client sees an abnormal closure.
    expect(await closed).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    expect(answeringClosed).toBe(false);
    answering.close();
  });

  it("keeps an idle HTTP connection open past a load balancer's 60 s idle timeout", async () => {
    server = await startTestServer();
    const agent = new Agent({ keepAlive: true });
    const keepAlive = await new Promise<string | string[] | undefined>((resolve, reject) => {
      get(`${server?.url}/healthz`, { agent }, (response) => {
        response.resume();
        resolve(response.headers["keep-alive"]);
      }).once("error", reject);
    });
    agent.destroy();
    // Node's default is 5 s: a client reusing a connection as the server closes it is reset.
    expect(keepAlive).toBe("timeout=65");
  });

  it("refuses upgrades outside /sync/ with HTTP 404", async () => {
    server = await startTestServer();
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode));
      ws.once("error", () => resolve(undefined));
    });
    expect(status).toBe(404);
  });

  it("serves the built client with an SPA fallback, and JSON 404s under /api", async () => {
    clientDir = makeDataDir();
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Parley</title>");
    writeFileSync(join(clientDir, "assets", "app.js"), "console.log(1)");
    server = await startTestServer({ clientDir });
    for (const path of ["/", "/f/abcdef123", "/some/page"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<title>Parley</title>");
    }
    expect(await (await fetch(`${server.url}/assets/app.js`)).text()).toBe("console.log(1)");
    const api = await fetch(`${server.url}/api/unknown`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("serves a framework's pages the build's framework.html (the editor's code preloaded), other pages index.html", async () => {
    clientDir = makeDataDir();
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Parley</title>");
    writeFileSync(
      join(clientDir, "framework.html"),
      '<!doctype html><title>Parley</title><link rel="modulepreload" href="/assets/editor.js">',
    );
    server = await startTestServer({ clientDir });
    for (const path of ["/f/abcdef123", "/f/abcdef123/versions/1"]) {
      expect(await (await fetch(`${server.url}${path}`)).text()).toContain("modulepreload");
    }
    for (const path of ["/", "/some/page", "/fx"]) {
      expect(await (await fetch(`${server.url}${path}`)).text()).not.toContain("modulepreload");
    }
  });
});
