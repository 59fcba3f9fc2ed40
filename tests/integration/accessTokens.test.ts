/**
 * Tokens on the WebSocket: missing, of another framework, expired, revoked while connected.
 * Real server on port 0, real y-websocket clients, real tokens from the REST API.
 */
import { CloseCode } from "@parley/shared/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { auditEntries, matching } from "../helpers/audit.js";
import { openRawSocket } from "../helpers/rawSocket.js";
import {
  connectClient,
  type SyncClient,
  waitForClosed,
  waitForSynced,
} from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
const clients: SyncClient[] = [];

function client(room: string, token?: string): SyncClient {
  const c = connectClient(server.syncUrl, room, token ? { token } : {});
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.cleanup();
});

describe("tokens on the sync endpoint", () => {
  it("no token → refused with unauthorized, and audited", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const anonymous = client(id);
    const closed = await waitForClosed(anonymous.provider);
    expect(closed.code).toBe(CloseCode.unauthorized);
    expect(anonymous.provider.synced).toBe(false);
    const raw = await openRawSocket(server.syncUrl, id, "not-a-token");
    expect((await raw.closed).code).toBe(CloseCode.unauthorized);
    const refused = matching(await auditEntries(server.url, id, token), { action: "refused" });
    expect(matching(refused, { detail: "connection refused (4401)", room: id }).length).toBe(2);
  });

  it("a token of framework A on framework B → refused with forbidden, and audited on B", async () => {
    server = await startTestServer();
    const a = await server.createFramework("A");
    const b = await server.createFramework("B");
    for (const room of [b.id, `${b.id}/discussion`, `${b.id}/private/p-north`]) {
      const intruder = client(room, a.token);
      expect((await waitForClosed(intruder.provider)).code).toBe(CloseCode.forbidden);
    }
    const response = await authorizedFetch(`${server.url}/api/frameworks/${b.id}`, a.token);
    expect(response.status).toBe(403);
    const onB = matching(await auditEntries(server.url, b.id, b.token), {
      action: "refused",
      inviteId: a.access.inviteId,
    });
    expect(onB.length).toBe(3);
    expect(onB[0]?.detail).toContain("another framework");
  });

  it("expired token → its live connection is closed at expiry, and it is refused afterwards", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const short = await server.invite(id, token, { role: "drafter", expiresIn: 3 });
    const live = client(id, short.token);
    await waitForSynced(live.provider);
    // Waits for the server to close it when the token expires (an event, not a sleep).
    expect((await waitForClosed(live.provider)).code).toBe(CloseCode.unauthorized);
    const again = client(id, short.token);
    const refused = await waitForClosed(again.provider);
    expect(refused.code).toBe(CloseCode.unauthorized);
    expect(refused.reason).toMatch(/expired/);
    const rest = await authorizedFetch(`${server.url}/api/frameworks/${id}`, short.token);
    expect(rest.status).toBe(401);
    expect(((await rest.json()) as { error: { code: string } }).error.code).toBe("token_expired");
    const entries = await auditEntries(server.url, id, token);
    expect(matching(entries, { action: "connected", inviteId: short.id }).length).toBe(1);
    expect(
      matching(entries, { action: "disconnected", inviteId: short.id, detail: "4401" }).length,
    ).toBe(1);
    expect(
      matching(entries, { action: "refused", inviteId: null, detail: "expired" }).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it("revoked invite → its live connections are closed at once; REST answers 401 after", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const invite = await server.invite(id, token, { role: "commenter", party: "p-north" });
    const other = await server.invite(id, token, { role: "observer" });
    const text = client(id, invite.token);
    const discussion = client(`${id}/discussion`, invite.token);
    const bystander = client(id, other.token);
    await Promise.all([text, discussion, bystander].map((c) => waitForSynced(c.provider)));
    const closedText = waitForClosed(text.provider);
    const closedDiscussion = waitForClosed(discussion.provider);

    const revoke = await authorizedFetch(
      `${server.url}/api/frameworks/${id}/invites/${invite.id}`,
      token,
      { method: "DELETE" },
    );
    expect(revoke.status).toBe(200);
    expect(((await revoke.json()) as { status: string }).status).toBe("revoked");
    expect((await closedText).code).toBe(CloseCode.revoked);
    expect((await closedDiscussion).code).toBe(CloseCode.revoked);
    expect(bystander.provider.wsconnected).toBe(true);

    const rest = await authorizedFetch(`${server.url}/api/frameworks/${id}`, invite.token);
    expect(rest.status).toBe(401);
    expect(((await rest.json()) as { error: { code: string } }).error.code).toBe("token_revoked");
    const retry = client(id, invite.token);
    expect((await waitForClosed(retry.provider)).code).toBe(CloseCode.revoked);

    const entries = await auditEntries(server.url, id, token);
    const revoked = matching(entries, { action: "invite.revoked", detail: invite.id });
    expect(revoked.length).toBe(1);
    expect(revoked[0]?.detail).toContain("2 live connection(s) closed");
    expect(matching(entries, { action: "invite.created", detail: invite.id }).length).toBe(1);
    await expect
      .poll(
        async () =>
          matching(await auditEntries(server.url, id, token), {
            action: "disconnected",
            inviteId: invite.id,
            detail: String(CloseCode.revoked),
          }).length,
      )
      .toBe(2);
  });

  it("the WebSocket refuses a page of another origin, and accepts its own", async () => {
    server = await startTestServer();
    const { id, token } = await server.createFramework();
    const foreign = await openRawSocket(server.syncUrl, id, token, {
      origin: "http://evil.example",
    });
    expect((await foreign.closed).code).toBe(CloseCode.forbidden);
    const own = await openRawSocket(server.syncUrl, id, token, { origin: server.url });
    expect((await own.firstMessage).byteLength).toBeGreaterThan(0);
    own.ws.close();
    const entries = await auditEntries(server.url, id, token);
    expect(matching(entries, { action: "refused", detail: "evil.example" }).length).toBe(1);
  });
});
