/**
 * The server goes away while people are editing: the page stays usable and says the changes are
 * kept on this device; when the server is back (same data directory, same port) everything merges.
 * This test runs its own server, so that stopping it does not disturb the other tests.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningServer, startServer } from "@parley/server";
import { expect, test } from "./support/fixtures.js";
import { Participant } from "./support/participant.js";

const clientDir = fileURLToPath(new URL("../../client/dist", import.meta.url));

test("server down: the editor goes offline, keeps the text and merges when the server is back", async ({
  browser,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), "parley-e2e-restart-"));
  const options = { host: "127.0.0.1", dataDir, logLevel: "silent", clientDir } as const;
  let server: RunningServer = await startServer({ ...options, port: 0 });
  const { port } = server;
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const amira = new Participant("Amira Haddad", context, await context.newPage());

    const created = await amira.page.request.post("/api/frameworks", {
      data: { title: "Server restart" },
    });
    expect(created.status()).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    await amira.open(id, token);
    await amira.focusEndOfLastParagraph();
    await amira.page.keyboard.type("Agreed before the outage.");

    await server.close();
    await expect(amira.connection).toHaveAttribute("data-connection", "offline");
    await expect(amira.connection).toContainText("changes saved on this device");
    await expect(amira.editor).toHaveAttribute("contenteditable", "true");
    await amira.page.keyboard.press("Enter");
    await amira.page.keyboard.type("Drafted during the outage.");
    await expect.poll(() => amira.text()).toContain("Agreed before the outage.");

    server = await startServer({ ...options, port });
    await expect(amira.connection).toHaveAttribute("data-connection", "connected");

    // a newcomer, after the restart, gets both paragraphs from the server
    const kofiContext = await browser.newContext({ baseURL: server.url });
    const kofi = new Participant("Kofi Mensah", kofiContext, await kofiContext.newPage());
    await kofi.open(id, token);
    await expect.poll(() => kofi.text()).toContain("Drafted during the outage.");
    expect(await kofi.blocks()).toEqual(await amira.blocks());
    await kofiContext.close();
    await context.close();
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
