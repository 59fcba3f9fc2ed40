import { blockTexts } from "@parley/shared/document/initialContent";
import { CloseCode } from "@parley/shared/protocol";
import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  appendParagraph,
  connectClient,
  fragmentOf,
  type SyncClient,
  sameContent,
  textOf,
  waitForAwareness,
  waitForClosed,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
const clients: SyncClient[] = [];

function client(room: string, token: string): SyncClient {
  const c = connectClient(server.syncUrl, room, { token });
  clients.push(c);
  return c;
}

/** A server with one new framework and two clients of its text room, both synced. */
async function twoSyncedClients(): Promise<{
  id: string;
  token: string;
  a: SyncClient;
  b: SyncClient;
}> {
  server = await startTestServer();
  const { id, token } = await server.createFramework();
  const a = client(id, token);
  const b = client(id, token);
  await Promise.all([waitForSynced(a.provider), waitForSynced(b.provider)]);
  return { id, token, a, b };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.cleanup();
});

describe("sync server with real y-websocket clients", () => {
  it("serves the server-written initial content to a new client", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework("Northern Corridor");
    const a = client(id, token);
    await waitForSynced(a.provider);
    expect(blockTexts(a.doc)).toEqual(["Northern Corridor", "1. General", ""]);
  });

  it("two clients converge on each other's edits", async () => {
    const { a, b } = await twoSyncedClients();
    appendParagraph(a.doc, "from A");
    appendParagraph(b.doc, "from B");
    await waitForDocs(
      [a.doc, b.doc],
      () => sameContent([a.doc, b.doc]) && textOf(a.doc).includes("from B"),
    );
    expect(textOf(b.doc)).toContain("from A");
    expect(textOf(a.doc)).toBe(textOf(b.doc));
  });

  it("formatting of existing text reaches the others and storage (a two-transaction update)", async () => {
    const { id, token, a, b } = await twoSyncedClients();
    const heading = (doc: Y.Doc) => (fragmentOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    heading(a.doc).format(0, 4, { bold: true });
    await waitForDocs([b.doc], () => JSON.stringify(heading(b.doc).toDelta()).includes("bold"));
    const late = client(id, token);
    await waitForSynced(late.provider);
    expect(JSON.stringify(heading(late.doc).toDelta())).toContain("bold");
  });

  it("delivers edits of every frame size to the other clients (short, 16-bit and 64-bit lengths)", async () => {
    const { a, b } = await twoSyncedClients();
    // Broadcasts up to 64 KiB are framed once by the server and shared; larger ones go through
    // ws. Each paragraph is one update, so one broadcast of about its length.
    const paragraphs = [60, 600, 70_000].map((length, i) => `${i}`.repeat(length));
    for (const paragraph of paragraphs) appendParagraph(a.doc, paragraph);
    await waitForDocs([b.doc], () => textOf(b.doc) === textOf(a.doc));
    for (const paragraph of paragraphs) expect(textOf(b.doc)).toContain(paragraph);
  });

  it("a late joiner gets everything, and updatedAt moves with edits", async () => {
    server = await startTestServer();
    const created = await server.createFramework();
    const a = client(created.id, created.token);
    await waitForSynced(a.provider);
    for (let i = 0; i < 20; i++) appendParagraph(a.doc, `line ${i}`);
    const observer = client(created.id, created.token);
    await waitForDocs([observer.doc], () => textOf(observer.doc).includes("line 19"));
    const late = client(created.id, created.token);
    await waitForSynced(late.provider);
    await waitForDocs([late.doc], () => textOf(late.doc) === textOf(a.doc));
    const after = await (
      await authorizedFetch(`${server.url}/api/frameworks/${created.id}`, created.token)
    ).json();
    expect(after.updatedAt > created.updatedAt).toBe(true);
  });

  it("relays awareness and removes a client's state when it drops", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const a = client(id, token);
    const b = client(id, token);
    a.provider.awareness.setLocalStateField("user", { name: "Amal" });
    const aId = a.doc.clientID;
    await waitForAwareness(b.provider.awareness, (states) => {
      const user = states.get(aId)?.user as { name?: string } | undefined;
      return user?.name === "Amal";
    });
    a.provider.disconnect();
    await waitForAwareness(b.provider.awareness, (states) => !states.has(aId));
    expect(b.provider.awareness.getStates().has(aId)).toBe(false);
  });

  it("refuses an unknown framework with the unknownRoom close code", async () => {
    server = await startTestServer();
    const { token } = await server.createFramework();
    const c = client("no-such-framework", token);
    expect((await waitForClosed(c.provider)).code).toBe(CloseCode.unknownRoom);
    const bad = client("bad name!", token);
    expect((await waitForClosed(bad.provider)).code).toBe(CloseCode.unknownRoom);
  });

  it("keeps a framework's discussion room separate from its text", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const text = client(id, token);
    const discussion = client(`${id}/discussion`, token);
    await Promise.all([waitForSynced(text.provider), waitForSynced(discussion.provider)]);
    discussion.doc.getMap("threads").set("t1", "hello");
    const other = client(`${id}/discussion`, token);
    await waitForDocs([other.doc], () => other.doc.getMap("threads").get("t1") === "hello");
    expect(blockTexts(discussion.doc)).toEqual([]);
  });

  it("unloads a room after the grace period and reloads it with its content", async () => {
    server = await startTestServer({ unloadGraceMs: 50 });
    const { id, token } = await server.createFramework();
    const a = client(id, token);
    await waitForSynced(a.provider);
    appendParagraph(a.doc, "kept across unload");
    const b = client(id, token);
    await waitForDocs([b.doc], () => textOf(b.doc).includes("kept across unload"));
    expect(server.server.manager.isLoaded(id)).toBe(true);
    a.destroy();
    b.destroy();
    await expect.poll(() => server.server.manager.isLoaded(id)).toBe(false);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^parley_rooms_loaded 0$/m);
    const c = client(id, token);
    await waitForSynced(c.provider);
    expect(textOf(c.doc)).toContain("kept across unload");
  });
});
