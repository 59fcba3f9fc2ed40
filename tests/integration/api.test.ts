import { type ApiError, FrameworkList, FrameworkSummary } from "@parley/shared/api";
import { blockTexts } from "@parley/shared/document/initialContent";
import { CloseCode } from "@parley/shared/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, waitForClosed, waitForSynced } from "../helpers/syncClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

function send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  return fetch(`${server.url}${path}`, {
    ...rest,
    headers: json === undefined ? rest.headers : { "content-type": "application/json" },
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
}

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as ApiError;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("REST API /api/frameworks", () => {
  it("creates, lists, reads, renames and deletes a framework", async () => {
    const created = await send("/api/frameworks", {
      method: "POST",
      json: { title: "  Accord  " },
    });
    expect(created.status).toBe(201);
    const summary = FrameworkSummary.parse(await created.json());
    expect(summary.title).toBe("Accord");

    const list = FrameworkList.parse(await (await send("/api/frameworks")).json());
    expect(list.frameworks.map((f) => f.id)).toContain(summary.id);
    expect(await (await send(`/api/frameworks/${summary.id}`)).json()).toEqual(summary);

    const renamed = await send(`/api/frameworks/${summary.id}`, {
      method: "PATCH",
      json: { title: "Accord II" },
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { title: string }).title).toBe("Accord II");

    const live = connectClient(server.syncUrl, summary.id);
    await waitForSynced(live.provider);
    const closed = waitForClosed(live.provider);
    expect((await send(`/api/frameworks/${summary.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.roomDeleted);
    live.destroy();
    await expectError(await send(`/api/frameworks/${summary.id}`), 404, "not_found");
  });

  it("writes the phased reciprocal template on the server when asked", async () => {
    const response = await send("/api/frameworks", {
      method: "POST",
      json: { title: "Phased", template: "phased-reciprocal" },
    });
    expect(response.status).toBe(201);
    const { id } = FrameworkSummary.parse(await response.json());
    const reader = connectClient(server.syncUrl, id);
    await waitForSynced(reader.provider);
    const blocks = blockTexts(reader.doc);
    reader.destroy();
    expect(blocks[0]).toBe("Phased");
    expect(blocks.length).toBeGreaterThan(3);
    await expectError(
      await send("/api/frameworks", { method: "POST", json: { title: "x", template: "nope" } }),
      400,
      "invalid_request",
    );
  });

  it("rejects invalid JSON with 400", async () => {
    const response = await send("/api/frameworks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"title": ',
    });
    await expectError(response, 400, "invalid_json");
  });

  it("rejects an empty title, a missing title and unknown fields with 400", async () => {
    for (const json of [{ title: "   " }, {}, { title: "ok", extra: 1 }, ["title"]]) {
      await expectError(
        await send("/api/frameworks", { method: "POST", json }),
        400,
        "invalid_request",
      );
    }
    await expectError(
      await send("/api/frameworks", { method: "POST", json: { title: "x".repeat(201) } }),
      400,
      "invalid_request",
    );
  });

  it("rejects a wrong content type with 415 and an oversized body with 413", async () => {
    await expectError(
      await send("/api/frameworks", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "title",
      }),
      415,
      "unsupported_media_type",
    );
    await expectError(
      await send("/api/frameworks", { method: "POST", json: { title: "x".repeat(100_000) } }),
      413,
      "payload_too_large",
    );
  });

  it("answers unknown ids and routes with 404", async () => {
    await expectError(await send("/api/frameworks/unknown-id-123"), 404, "not_found");
    await expectError(await send("/api/frameworks/bad%20id"), 404, "not_found");
    await expectError(
      await send("/api/frameworks/unknown-id-123", { method: "PATCH", json: { title: "x" } }),
      404,
      "not_found",
    );
    await expectError(
      await send("/api/frameworks/unknown-id-123", { method: "DELETE" }),
      404,
      "not_found",
    );
    await expectError(await send("/api/nothing"), 404, "not_found");
  });

  it("serves health and Prometheus metrics", async () => {
    expect((await send("/healthz")).status).toBe(200);
    const metrics = await (await send("/metrics")).text();
    for (const name of [
      "parley_rooms_loaded",
      "parley_connections",
      "parley_updates_total",
      "parley_storage_write_seconds_bucket",
    ]) {
      expect(metrics).toContain(name);
    }
  });
});
