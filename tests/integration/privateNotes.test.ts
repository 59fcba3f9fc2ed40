/**
 * Private delegation notes (`<id>/private/<party>`): only that party's members open them, and
 * nothing of them ever reaches another party's sockets — checked on the raw bytes.
 */
import { CloseCode } from "@parley/shared/protocol";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { auditEntries, matching } from "../helpers/audit.js";
import { openRawSocket, type RawSocket } from "../helpers/rawSocket.js";
import { storedDoc } from "../helpers/storedRoom.js";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForClosed,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
const clients: SyncClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  await server.cleanup();
});

function client(room: string, token: string): SyncClient {
  const c = connectClient(server.syncUrl, room, { token });
  clients.push(c);
  return c;
}

/** A raw socket that records every byte it receives. */
async function recorder(room: string, token: string): Promise<{ raw: RawSocket; bytes: Buffer[] }> {
  const raw = await openRawSocket(server.syncUrl, room, token);
  sockets.push(raw.ws);
  return { raw, bytes: raw.received };
}

const SECRET = "SECRET-FALLBACK-POSITION-OF-NORTH-7f3a9c";

describe("private delegation notes", () => {
  it("party B cannot open A's private room, and no byte of A's notes reaches B's sockets", async () => {
    server = await startTestServer();
    const framework = await server.createFramework("Private");
    const north = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const north2 = await server.invite(framework.id, framework.token, {
      role: "drafter",
      party: "p-north",
      name: "Nour",
    });
    const south = await server.invite(framework.id, framework.token, {
      role: "drafter",
      party: "p-south",
      name: "Bola",
    });
    const northRoom = `${framework.id}/private/p-north`;

    // B listens on every room it may open, byte by byte, before A writes anything.
    const listeners = await Promise.all([
      recorder(framework.id, south.token),
      recorder(`${framework.id}/discussion`, south.token),
      recorder(`${framework.id}/private/p-south`, south.token),
    ]);
    // B's attempts on A's notes are refused at the upgrade, with any role.
    const refusedRaw = await recorder(northRoom, south.token);
    expect((await refusedRaw.raw.closed).code).toBe(CloseCode.forbidden);
    const refusedProvider = client(northRoom, south.token);
    expect((await waitForClosed(refusedProvider.provider)).code).toBe(CloseCode.forbidden);
    const mediatorAttempt = client(northRoom, framework.token);
    expect((await waitForClosed(mediatorAttempt.provider)).code).toBe(CloseCode.forbidden);

    // A writes notes (and awareness) in the private room; another member of A sees them.
    const a = client(northRoom, north.token);
    const a2 = client(northRoom, north2.token);
    await Promise.all([waitForSynced(a.provider), waitForSynced(a2.provider)]);
    a.provider.awareness.setLocalStateField("user", { name: "Amal", note: SECRET });
    appendParagraph(a.doc, SECRET);
    await waitForDocs([a2.doc], () => textOf(a2.doc).includes(SECRET));
    expect(textOf(await storedDoc(server.dataDir, northRoom))).toContain(SECRET);

    // Meanwhile B edits the shared text; B's sockets keep receiving (they are live).
    const bText = client(framework.id, south.token);
    await waitForSynced(bText.provider);
    appendParagraph(bText.doc, "B-EDIT-AFTER-NOTES");
    const [frameworkListener] = listeners;
    await expect
      .poll(() => Buffer.concat(frameworkListener!.bytes).includes("B-EDIT-AFTER-NOTES"))
      .toBe(true);

    const secret = Buffer.from(SECRET);
    for (const { bytes } of [...listeners, refusedRaw]) {
      expect(Buffer.concat(bytes).includes(secret)).toBe(false);
      // Not even a fragment: the first 12 bytes of the secret appear nowhere either.
      expect(Buffer.concat(bytes).includes(secret.subarray(0, 12))).toBe(false);
    }

    const entries = await auditEntries(server.url, framework.id, framework.token);
    const refused = matching(entries, { action: "refused", room: northRoom });
    const attemptsBy = (inviteId: string) =>
      matching(refused, { inviteId }).reduce((sum, entry) => sum + entry.count, 0);
    expect(attemptsBy(south.id)).toBe(2);
    expect(attemptsBy(framework.access.inviteId)).toBe(1);
    expect(refused[0]?.detail).toContain('only members of party "p-north"');
    expect(
      matching(entries, { action: "updated", room: northRoom, inviteId: north.id }),
    ).toHaveLength(1);
  });

  it("an observer of the party reads its notes but cannot write them", async () => {
    server = await startTestServer();
    const framework = await server.createFramework("Private");
    const member = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const observer = await server.invite(framework.id, framework.token, {
      role: "observer",
      party: "p-north",
    });
    const room = `${framework.id}/private/p-north`;
    const m = client(room, member.token);
    const o = client(room, observer.token);
    await Promise.all([waitForSynced(m.provider), waitForSynced(o.provider)]);
    o.doc.getXmlFragment("default").push([new Y.XmlText("OBSERVER-NOTE")]);
    appendParagraph(m.doc, "MEMBER-NOTE");
    await waitForDocs([o.doc], () => textOf(o.doc).includes("MEMBER-NOTE"));
    await expect
      .poll(
        async () =>
          matching(await auditEntries(server.url, framework.id, framework.token), {
            action: "refused",
            inviteId: observer.id,
            room,
          }).length,
      )
      .toBe(1);
    expect(textOf(m.doc)).not.toContain("OBSERVER-NOTE");
  });
});
