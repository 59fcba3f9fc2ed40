import { CloseCode, LIMITS } from "@parley/shared/protocol";
import { seededRandom } from "@parley/shared/test/random";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openRawSocket } from "../helpers/rawSocket.js";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
}

/**
 * A v1 update that decodes cleanly but that Yjs cannot apply: its first item is valid text, its
 * second refers to an origin (same client, clock 1000) that precedes nothing. Yjs would apply the
 * first item and then throw half-way.
 */
function unappliableUpdate(): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 2); // two structs
    encoding.writeVarUint(e, 424242); // client
    encoding.writeVarUint(e, 0); // first clock
    encoding.writeUint8(e, 4); // ContentString, parent given by name
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, "default");
    encoding.writeVarString(e, "INJECTED");
    encoding.writeUint8(e, 4 | 128); // ContentString with an origin
    encoding.writeVarUint(e, 424242);
    encoding.writeVarUint(e, 1000);
    encoding.writeVarString(e, "zz");
    encoding.writeVarUint(e, 0); // empty delete set
  });
}

const badInputs: Array<{ name: string; bytes: () => Uint8Array; code: number }> = [
  {
    name: "random bytes",
    bytes: () => seededRandom(20261126).bytes(64),
    code: CloseCode.malformedMessage,
  },
  {
    name: "a truncated varint",
    bytes: () => Uint8Array.of(0, 0x80),
    code: CloseCode.malformedMessage,
  },
  {
    name: "an unknown message type",
    bytes: () => Uint8Array.of(9),
    code: CloseCode.malformedMessage,
  },
  {
    name: "an update Yjs cannot apply",
    bytes: () => syncUpdateMessage(unappliableUpdate()),
    code: CloseCode.malformedMessage,
  },
  {
    name: "a truncated update",
    bytes: () => {
      const doc = new Y.Doc();
      doc.getText("x").insert(0, "truncated");
      const update = Y.encodeStateAsUpdate(doc);
      return syncUpdateMessage(update.slice(0, update.length - 4));
    },
    code: CloseCode.malformedMessage,
  },
  {
    name: "invalid awareness JSON",
    bytes: () =>
      message((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(
          e,
          message((inner) => {
            encoding.writeVarUint(inner, 1);
            encoding.writeVarUint(inner, 777);
            encoding.writeVarUint(inner, 1);
            encoding.writeVarString(inner, '{"user": {"name": ');
          }),
        );
      }),
    code: CloseCode.malformedMessage,
  },
  {
    name: "a message over the size limit",
    bytes: () => {
      const doc = new Y.Doc();
      doc.getText("x").insert(0, "a".repeat(LIMITS.maxMessageBytes));
      return syncUpdateMessage(Y.encodeStateAsUpdate(doc));
    },
    code: CloseCode.messageTooLarge,
  },
];

describe("bad input closes only the offending connection and changes nothing", () => {
  let server: TestServer;
  let frameworkId: string;
  let token: string;
  let writer: SyncClient;
  let observer: SyncClient;
  let round = 0;
  let drops = 0;

  beforeAll(async () => {
    server = await startTestServer();
    ({ id: frameworkId, token } = await server.createFramework("Bad input"));
    writer = connectClient(server.syncUrl, frameworkId, { token });
    observer = connectClient(server.syncUrl, frameworkId, { token });
    await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);
    for (const c of [writer, observer]) c.provider.on("connection-close", () => (drops += 1));
  });

  afterAll(async () => {
    writer.destroy();
    observer.destroy();
    await server.cleanup();
  });

  for (const input of badInputs) {
    it(`${input.name} → close ${input.code}`, async () => {
      const before = textOf(observer.doc);
      const raw = await openRawSocket(server.syncUrl, frameworkId, token);
      raw.ws.send(input.bytes());
      expect((await raw.closed).code).toBe(input.code);

      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // A fresh client sees exactly what the observer saw before: nothing was applied.
      const fresh = connectClient(server.syncUrl, frameworkId, { token });
      await waitForSynced(fresh.provider);
      expect(textOf(fresh.doc)).toBe(before);
      expect(textOf(fresh.doc)).not.toContain("INJECTED");
      fresh.destroy();
      // The other connections carry on syncing.
      round += 1;
      appendParagraph(writer.doc, `still syncing ${round}`);
      await waitForDocs([observer.doc], () =>
        textOf(observer.doc).includes(`still syncing ${round}`),
      );
      expect(drops).toBe(0);
    });
  }
});
