import { seededRandom } from "@parley/shared/test/random";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  connectClient,
  fragmentOf,
  type SyncClient,
  sameContent,
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

const SEEDS = [1, 2026];
const CLIENTS = 6;
const STEPS = 150;

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("seeded random edits with disconnects converge with nothing lost", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${CLIENTS} clients, ${STEPS} steps`, async () => {
      const random = seededRandom(seed);
      server = await startTestServer({ compactionThreshold: 40 });
      const { id, token } = await server.createFramework("Random");
      for (let i = 0; i < CLIENTS; i++) clients.push(connectClient(server.syncUrl, id, { token }));
      await Promise.all(clients.map((c) => waitForSynced(c.provider)));

      const markers: string[] = [];
      for (let step = 0; step < STEPS; step++) {
        const index = random.int(CLIENTS);
        const c = clients[index]!;
        const roll = random.next();
        const fragment = fragmentOf(c.doc);
        if (roll < 0.12) {
          if (c.provider.shouldConnect) c.provider.disconnect();
          else c.provider.connect();
        } else if (roll < 0.6 || fragment.length === 0) {
          // A marker paragraph at a random place: it must survive everything.
          const marker = `m${seed}-${step}-c${index}`;
          markers.push(marker);
          const paragraph = new Y.XmlElement("paragraph");
          paragraph.insert(0, [new Y.XmlText(marker)]);
          fragment.insert(random.int(fragment.length + 1), [paragraph]);
        } else {
          // Filler typed in front of some block's text, or filler removed again.
          const block = fragment.get(random.int(fragment.length));
          const text = block instanceof Y.XmlElement ? block.get(0) : null;
          if (text instanceof Y.XmlText) {
            if (roll < 0.85 || !text.toString().startsWith("~")) text.insert(0, "~");
            else text.delete(0, 1);
          }
        }
        if (random.next() < 0.5) await yieldTurn();
      }

      for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
      const docs = clients.map((c) => c.doc);
      await Promise.all(clients.map((c) => waitForSynced(c.provider)));
      await waitForDocs(docs, () => sameContent(docs), "all clients to converge");
      const final = textOf(docs[0]!);
      for (const marker of markers) {
        expect(final.split(marker).length - 1, `marker ${marker}`).toBe(1);
      }
      // The server's stored state holds the same content.
      const late = connectClient(server.syncUrl, id, { token });
      clients.push(late);
      await waitForSynced(late.provider);
      await waitForDocs([late.doc], () => textOf(late.doc) === final, "late joiner");
    });
  }
});
