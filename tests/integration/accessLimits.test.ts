/** Limits on the sync endpoint: document size and per-connection message rate. */
import { CloseCode } from "@parley/shared/protocol";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditEntries, matching } from "../helpers/audit.js";
import { openRawSocket } from "../helpers/rawSocket.js";
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

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.cleanup();
});

function queryAwareness(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 3);
  return encoding.toUint8Array(encoder);
}

describe("limits", () => {
  it("an update that would grow a room past the size limit is refused and the writer closed", async () => {
    server = await startTestServer({ maxDocumentBytes: 8 * 1024 });
    const { id, token } = await server.createFramework();
    const writer = connectClient(server.syncUrl, id, { token });
    const reader = connectClient(server.syncUrl, id, { token });
    clients.push(writer, reader);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(reader.provider)]);
    appendParagraph(writer.doc, "small edit");
    await waitForDocs([reader.doc], () => textOf(reader.doc).includes("small edit"));

    const closed = waitForClosed(writer.provider);
    appendParagraph(writer.doc, `BIG-${"x".repeat(10 * 1024)}`);
    expect((await closed).code).toBe(CloseCode.documentTooLarge);
    const stored = textOf(await storedDoc(server.dataDir, id));
    expect(stored).toContain("small edit");
    expect(stored).not.toContain("BIG-");
    expect(textOf(reader.doc)).not.toContain("BIG-");
    const entries = await auditEntries(server.url, id, token);
    expect(matching(entries, { action: "refused", detail: "would grow past 8192" })).toHaveLength(
      1,
    );
  });

  it("a connection over the message rate is closed with rateLimited (transient)", async () => {
    server = await startTestServer({ messagesPerSecond: 1, messageBurst: 5 });
    const { id, token } = await server.createFramework();
    const raw = await openRawSocket(server.syncUrl, id, token);
    for (let i = 0; i < 20; i++) raw.ws.send(queryAwareness());
    expect((await raw.closed).code).toBe(CloseCode.rateLimited);
    expect(CloseCode.rateLimited).toBeGreaterThanOrEqual(4500);
    // The close can overtake the access check, which records the refusal once it is done.
    const url = server.url;
    await vi.waitFor(async () => {
      const refusals = matching(await auditEntries(url, id, token), {
        action: "refused",
        detail: "messages per second",
      });
      expect(refusals).toHaveLength(1);
    });
    // Another connection is unaffected.
    const other = connectClient(server.syncUrl, id, { token });
    clients.push(other);
    await waitForSynced(other.provider);
  });
});
