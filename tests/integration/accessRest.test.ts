/**
 * The REST side of access control: Bearer tokens on every framework route, roles, invites
 * (create, list, revoke), the token lookup that replaces the open list, the admin and creation
 * tokens, per-IP rate limits and security headers.
 */
import {
  type ApiError,
  AuditPage,
  CreatedFramework,
  FrameworkList,
  InviteList,
  InviteSummary,
  LookupResult,
} from "@parley/shared/api";
import { afterEach, describe, expect, it } from "vitest";
import { auditEntries, matching } from "../helpers/audit.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;

afterEach(async () => {
  await server.cleanup();
});

function api(path: string, token: string | null, init: RequestInit & { json?: unknown } = {}) {
  return authorizedFetch(`${server.url}/api${path}`, token, init);
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as ApiError;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error.message;
}

describe("REST access control", () => {
  it("every framework route needs a Bearer token of that framework and a high enough role", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework("Roles", "Mo");
    const roles = {
      observer: (await server.invite(id, token, { role: "observer" })).token,
      commenter: (await server.invite(id, token, { role: "commenter", party: "p-north" })).token,
      drafter: (await server.invite(id, token, { role: "drafter" })).token,
    };
    await expectError(await api(`/frameworks/${id}`, null), 401, "missing_token");
    await expectError(await api(`/frameworks/${id}`, "garbage"), 401, "invalid_token");
    // A forged token: right shape, wrong signature.
    const [header, payload] = token.split(".");
    await expectError(
      await api(`/frameworks/${id}`, `${header}.${payload}.AAAA`),
      401,
      "invalid_token",
    );

    for (const t of Object.values(roles))
      expect((await api(`/frameworks/${id}`, t)).status).toBe(200);
    const rename = (t: string) =>
      api(`/frameworks/${id}`, t, { method: "PATCH", json: { title: "New" } });
    expect(await expectError(await rename(roles.commenter), 403, "forbidden")).toMatch(/drafter/);
    // An unnamed invite's token changes nothing until exchanged for a person's own token.
    await expectError(await rename(roles.drafter), 403, "personal_token_required");
    const dana = await server.exchange(id, roles.drafter, "Dana");
    expect((await rename(dana.token)).status).toBe(200);
    for (const t of [roles.observer, roles.commenter, roles.drafter]) {
      await expectError(await api(`/frameworks/${id}/invites`, t), 403, "forbidden");
      await expectError(await api(`/frameworks/${id}/audit`, t), 403, "forbidden");
      await expectError(await api(`/frameworks/${id}`, t, { method: "DELETE" }), 403, "forbidden");
      await expectError(
        await api(`/frameworks/${id}/invites`, t, { method: "POST", json: { role: "mediator" } }),
        403,
        "forbidden",
      );
    }
    const entries = await auditEntries(server.url, id, token);
    expect(matching(entries, { action: "framework.renamed", role: "drafter" })).toHaveLength(1);
  });

  it("mediators create, list and revoke invites; links carry the token", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const created = await server.invite(id, token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
      expiresIn: 3600,
    });
    expect(created.url).toBe(`${server.url}/f/${id}?token=${encodeURIComponent(created.token)}`);
    expect(created.invite).toMatchObject({
      role: "commenter",
      party: "p-north",
      name: "Amal",
      status: "active",
      revokedAt: null,
    });
    const me = await (await api(`/frameworks/${id}`, created.token)).json();
    expect(me.access).toMatchObject({ role: "commenter", party: "p-north", name: "Amal" });

    const list = InviteList.parse(await (await api(`/frameworks/${id}/invites`, token)).json());
    expect(list.invites.map((i) => i.id)).toContain(created.id);
    expect(list.invites.find((i) => i.role === "mediator")).toBeDefined();

    const revoked = InviteSummary.parse(
      await (
        await api(`/frameworks/${id}/invites/${created.id}`, token, { method: "DELETE" })
      ).json(),
    );
    expect(revoked.status).toBe("revoked");
    await expectError(await api(`/frameworks/${id}`, created.token), 401, "token_revoked");
    await expectError(
      await api(`/frameworks/${id}/invites/no-such-invite`, token, { method: "DELETE" }),
      404,
      "not_found",
    );
    await expectError(
      await api(`/frameworks/${id}/invites/..%2F..%2Fetc`, token, { method: "DELETE" }),
      404,
      "not_found",
    );
    for (const json of [
      { role: "owner" },
      { role: "observer", party: "../p" },
      { role: "observer", expiresIn: 0 },
      { role: "observer", expiresIn: 10 ** 12 },
      { role: "observer", extra: true },
    ]) {
      await expectError(
        await api(`/frameworks/${id}/invites`, token, { method: "POST", json }),
        400,
        "invalid_request",
      );
    }
    // Another framework's invite cannot be revoked through this one.
    const other = await server.createFramework();
    const foreign = await server.invite(other.id, other.token, { role: "observer" });
    await expectError(
      await api(`/frameworks/${id}/invites/${foreign.id}`, token, { method: "DELETE" }),
      404,
      "not_found",
    );
    expect((await api(`/frameworks/${other.id}`, foreign.token)).status).toBe(200);
  });

  it("the audit log is paged newest first", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    for (let i = 0; i < 5; i++) await server.invite(id, token, { role: "observer", name: `N${i}` });
    const first = AuditPage.parse(
      await (await api(`/frameworks/${id}/audit?limit=2`, token)).json(),
    );
    expect(first.entries.map((e) => e.detail?.match(/name (N\d)/)?.[1])).toEqual(["N4", "N3"]);
    const second = AuditPage.parse(
      await (await api(`/frameworks/${id}/audit?limit=2&before=${first.nextBefore}`, token)).json(),
    );
    expect(second.entries.map((e) => e.detail?.match(/name (N\d)/)?.[1])).toEqual(["N2", "N1"]);
    await expectError(await api(`/frameworks/${id}/audit?limit=-1`, token), 400, "invalid_request");
  });

  it("lists only the frameworks whose tokens are presented; all with the admin token", async () => {
    const adminToken = "admin-token-for-this-test-0001";
    server = await startTestServer({ adminToken });
    const a = await server.createFramework("A");
    const b = await server.createFramework("B");
    const c = await server.createFramework("C");
    const observerOfB = await server.invite(b.id, b.token, { role: "observer" });
    const revokedOfC = await server.invite(c.id, c.token, { role: "observer" });
    await api(`/frameworks/${c.id}/invites/${revokedOfC.id}`, c.token, { method: "DELETE" });

    const lookup = await api("/frameworks/lookup", null, {
      method: "POST",
      json: { tokens: [a.token, observerOfB.token, revokedOfC.token, "nonsense"] },
    });
    const result = LookupResult.parse(await lookup.json());
    expect(result.frameworks.map((f) => f.id).sort()).toEqual([a.id, b.id].sort());
    expect(result.frameworks.find((f) => f.id === b.id)?.access.role).toBe("observer");
    expect(result.refused).toEqual([
      expect.objectContaining({ index: 2, code: "token_revoked" }),
      expect.objectContaining({ index: 3, code: "invalid_token" }),
    ]);

    expect(await expectError(await api("/frameworks", null), 401, "admin_token_required")).toMatch(
      /lookup/,
    );
    await expectError(await api("/frameworks", a.token), 401, "admin_token_required");
    const all = FrameworkList.parse(await (await api("/frameworks", adminToken)).json());
    expect(all.frameworks.map((f) => f.id).sort()).toEqual([a.id, b.id, c.id].sort());
    // The admin token is operator access: a mediator of every framework on REST (audited).
    const byAdmin = await api(`/frameworks/${a.id}/invites`, adminToken, {
      method: "POST",
      json: { role: "observer" },
    });
    expect(byAdmin.status).toBe(201);
    const entries = await auditEntries(server.url, a.id, a.token);
    expect(matching(entries, { action: "invite.created", inviteId: "admin-token" })).toHaveLength(
      1,
    );
  });

  it("creating a framework needs PARLEY_CREATE_TOKEN when it is set", async () => {
    const createToken = "create-token-for-this-test-01";
    server = await startTestServer({ createToken });
    const json = { title: "Gated" };
    await expectError(
      await api("/frameworks", null, { method: "POST", json }),
      401,
      "missing_token",
    );
    await expectError(
      await api("/frameworks", "wrong", { method: "POST", json }),
      403,
      "forbidden",
    );
    const created = await api("/frameworks", createToken, { method: "POST", json });
    expect(created.status).toBe(201);
    expect(CreatedFramework.parse(await created.json()).access.role).toBe("mediator");
  });

  it("rate-limits REST requests per IP with 429", async () => {
    server = await startTestServer({ restRequestsPerMinute: 5, createsPerMinute: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await api("/frameworks", null, { method: "POST", json: { title: "x" } })).status,
      );
    }
    expect(statuses).toEqual([201, 201, 429]);
    await api("/frameworks/lookup", null, { method: "POST", json: { tokens: [] } });
    await api("/frameworks/lookup", null, { method: "POST", json: { tokens: [] } });
    const limited = await api("/frameworks/lookup", null, { method: "POST", json: { tokens: [] } });
    await expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("ratelimit-policy")).toBeTruthy();
    // Health checks are not rate-limited.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("sends security headers, with a CSP that allows the client's WebSocket", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/healthz`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/connect-src 'self' ws: wss:/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});
