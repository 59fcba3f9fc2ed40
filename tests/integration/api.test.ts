import {
  type ApiError,
  CreatedFramework,
  FrameworkList,
  FrameworkWithAccess,
} from "@parley/shared/api";
import { blockTexts } from "@parley/shared/document/initialContent";
import { CloseCode } from "@parley/shared/protocol";
import { readSnapshot } from "@parley/shared/sequencing/snapshot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, waitForClosed, waitForSynced } from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ adminToken: ADMIN_TOKEN });
});
afterAll(async () => {
  await server.cleanup();
});

const ADMIN_TOKEN = "admin-token-for-the-api-test";

function send(
  path: string,
  init: RequestInit & { json?: unknown; token?: string } = {},
): Promise<Response> {
  const { token, ...rest } = init;
  return authorizedFetch(`${server.url}${path}`, token ?? null, rest);
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
    const { token, access, ...summary } = CreatedFramework.parse(await created.json());
    expect(summary.title).toBe("Accord");
    expect(access).toMatchObject({ frameworkId: summary.id, role: "mediator", party: null });

    const list = FrameworkList.parse(
      await (await send("/api/frameworks", { token: ADMIN_TOKEN })).json(),
    );
    expect(list.frameworks.map((f) => f.id)).toContain(summary.id);
    const read = FrameworkWithAccess.parse(
      await (await send(`/api/frameworks/${summary.id}`, { token })).json(),
    );
    expect(read).toEqual({ ...summary, access });

    const renamed = await send(`/api/frameworks/${summary.id}`, {
      method: "PATCH",
      json: { title: "Accord II" },
      token,
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { title: string }).title).toBe("Accord II");

    const live = connectClient(server.syncUrl, summary.id, { token });
    await waitForSynced(live.provider);
    const closed = waitForClosed(live.provider);
    expect((await send(`/api/frameworks/${summary.id}`, { method: "DELETE", token })).status).toBe(
      204,
    );
    expect((await closed).code).toBe(CloseCode.roomDeleted);
    live.destroy();
    // Its invites went with it: the token no longer works.
    await expectError(await send(`/api/frameworks/${summary.id}`, { token }), 401, "invalid_token");
  });

  it("writes the phased reciprocal template on the server when asked", async () => {
    const response = await send("/api/frameworks", {
      method: "POST",
      json: { title: "Phased", template: "phased-reciprocal" },
    });
    expect(response.status).toBe(201);
    const { id, token } = CreatedFramework.parse(await response.json());
    const reader = connectClient(server.syncUrl, id, { token });
    await waitForSynced(reader.provider);
    const blocks = blockTexts(reader.doc);
    const sequencing = readSnapshot(reader.doc);
    reader.destroy();
    expect(blocks[0]).toBe("Phased");
    expect(blocks.length).toBeGreaterThan(3);
    // With its example sequencing: steps for each side, milestones, a mechanism, a guarantee.
    expect(sequencing.invalid).toEqual([]);
    expect(new Set(sequencing.steps.map((s) => s.actorPartyId))).toEqual(
      new Set(["party-a", "party-b"]),
    );
    expect(sequencing.milestones.length).toBeGreaterThan(0);
    expect(sequencing.mechanisms).toHaveLength(1);
    expect(sequencing.guarantees).toHaveLength(1);
    expect(sequencing.bodies.map((b) => b.name)).toEqual(["Joint Verification Commission"]);
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

  it("answers malformed ids and unknown routes with 404, unknown frameworks with 401/403", async () => {
    await expectError(await send("/api/frameworks/bad%20id"), 404, "not_found");
    await expectError(await send("/api/nothing"), 404, "not_found");
    // Whether a framework exists is not revealed to a caller without its token.
    await expectError(await send("/api/frameworks/unknown-id-123"), 401, "missing_token");
    const { token } = await server.createFramework();
    for (const method of ["GET", "PATCH", "DELETE"]) {
      await expectError(
        await send("/api/frameworks/unknown-id-123", {
          method,
          token,
          ...(method === "PATCH" ? { json: { title: "x" } } : {}),
        }),
        403,
        "forbidden",
      );
    }
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
