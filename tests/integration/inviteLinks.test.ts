/**
 * `POST /api/frameworks/:id/invites/:inviteId/link`: a mediator copies an active invite's link
 * again (tokens are not stored, so the server signs the invite's token again). The link works
 * like the first one and ends with the invite; nobody else may get it; each copy is audited.
 */
import type { ApiError, InviteLink } from "@parley/shared/api";
import { TOKEN_PARAM } from "@parley/shared/protocol";
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

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(((await response.json()) as ApiError).error.code).toBe(code);
}

function tokenOf(url: string): string {
  return new URL(url).searchParams.get(TOKEN_PARAM) ?? "";
}

describe("copying an invite's link again", () => {
  it("gives a mediator a working link of the same invite, audited, until it is revoked", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework("Links", "Mo");
    const amal = await server.invite(id, token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const linkOf = (inviteId: string, as: string) =>
      api(`/frameworks/${id}/invites/${inviteId}/link`, as, { method: "POST" });

    const response = await linkOf(amal.id, token);
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as InviteLink;
    expect(url.startsWith(`${server.url}/f/${id}?${TOKEN_PARAM}=`)).toBe(true);
    const me = await (await api(`/frameworks/${id}`, tokenOf(url))).json();
    expect(me.access).toMatchObject({
      inviteId: amal.id,
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const entries = await auditEntries(server.url, id, token);
    expect(matching(entries, { action: "invite.link", user: "Mo" })).toHaveLength(1);

    // Only mediators: Amal herself (a commenter) gets no link.
    const amalPersonal = await server.exchange(id, amal.token, "ignored");
    await expectError(await linkOf(amal.id, amalPersonal.token), 403, "forbidden");
    await expectError(await linkOf("no-such-invite", token), 404, "not_found");

    // Revoked: the copied link stops working and no new copy is made.
    expect(
      (await api(`/frameworks/${id}/invites/${amal.id}`, token, { method: "DELETE" })).status,
    ).toBe(200);
    await expectError(await api(`/frameworks/${id}`, tokenOf(url)), 401, "token_revoked");
    await expectError(await linkOf(amal.id, token), 409, "invite_inactive");
  });
});
