/**
 * `POST /api/frameworks/search`: the home page's search across frameworks. A token only ever
 * searches its own framework, a private room's text never appears, and the query is bounded.
 */
import { SearchResult } from "@parley/shared/api";
import { MAX_QUERY_LENGTH } from "@parley/shared/search/textMatch";
import { afterEach, describe, expect, it } from "vitest";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.cleanup();
});

/** Writes a paragraph into `room` and waits until a second client sees it (it is stored then). */
async function write(room: string, token: string, text: string): Promise<void> {
  const writer = connectClient(server.syncUrl, room, { token });
  const reader = connectClient(server.syncUrl, room, { token });
  clients.push(writer, reader);
  await Promise.all([waitForSynced(writer.provider), waitForSynced(reader.provider)]);
  appendParagraph(writer.doc, text);
  await waitForDocs([reader.doc], () => textOf(reader.doc).includes(text));
}

async function search(body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/frameworks/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function searchOk(tokens: string[], query: string): Promise<SearchResult> {
  const response = await search({ tokens, query });
  expect(response.status).toBe(200);
  return SearchResult.parse(await response.json());
}

describe("search across frameworks", () => {
  it("finds titles and text of the token's own frameworks only, never a private room's text", async () => {
    server = await startTestServer();
    const water = await server.createFramework("Water accord");
    const border = await server.createFramework("Border talks");
    const north = await server.invite(water.id, water.token, {
      role: "drafter",
      party: "p-north",
      name: "Nour",
    });
    await write(water.id, water.token, "The basin commission meets monthly on the aquifer.");
    await write(border.id, border.token, "The aquifer under the border is shared.");
    await write(`${water.id}/private/p-north`, north.token, "Our aquifer fallback is SECRETLINE.");

    // The water token finds its own text, with a snippet, and nothing of the border framework.
    const own = await searchOk([water.token], "aquifer");
    expect(own.frameworks.map((f) => f.id)).toEqual([water.id]);
    expect(own.frameworks[0]).toMatchObject({ titleMatch: false, matchCount: 1 });
    expect(own.frameworks[0]?.snippets[0]).toMatchObject({ match: "aquifer" });
    expect(own.frameworks[0]?.snippets[0]?.before).toContain("commission meets monthly");

    // Text only the border framework has is not found with the water token.
    const other = await searchOk([water.token, north.token], "under the border");
    expect(other.frameworks).toEqual([]);

    // Both tokens: both frameworks (each once); a title matches too.
    const both = await searchOk([water.token, border.token, north.token], "aquifer");
    expect(both.frameworks.map((f) => f.id).sort()).toEqual([water.id, border.id].sort());
    const title = await searchOk([water.token, border.token], "water ACCORD");
    expect(title.frameworks).toEqual([
      expect.objectContaining({ id: water.id, title: "Water accord", titleMatch: true }),
    ]);

    // The private notes of North are never searched, not even with North's own token.
    const secret = await searchOk([water.token, north.token, border.token], "SECRETLINE");
    expect(secret.frameworks).toEqual([]);
    const fallback = await searchOk([north.token], "fallback");
    expect(JSON.stringify(fallback)).not.toContain("SECRETLINE");
  });

  it("lists bad tokens as refused and bounds the query", async () => {
    server = await startTestServer();
    const water = await server.createFramework("Water accord");
    const refused = await searchOk(["not-a-token", water.token], "water");
    expect(refused.refused).toEqual([expect.objectContaining({ index: 0, code: "invalid_token" })]);
    expect(refused.frameworks.map((f) => f.id)).toEqual([water.id]);

    const tooShort = await search({ tokens: [water.token], query: " w " });
    expect(tooShort.status).toBe(400);
    const tooLong = await search({
      tokens: [water.token],
      query: "w".repeat(MAX_QUERY_LENGTH + 1),
    });
    expect(tooLong.status).toBe(400);
    const tooMany = await search({ tokens: Array(51).fill(water.token), query: "water" });
    expect(tooMany.status).toBe(400);
  });
});
