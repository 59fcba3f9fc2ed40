import { seededRandom } from "@parley/shared/test/random";
import { describe, expect, it } from "vitest";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import { createMemoryStorage } from "../storage/memoryStorage.js";
import { settle, TestClient } from "../test/testSocketPair.js";
import { RoomManager } from "./roomManager.js";
import { silentLogger } from "./types.js";

describe("seeded random delivery orders converge", () => {
  for (const seed of [7, 42, 1234]) {
    it(`seed ${seed}`, async () => {
      const random = seededRandom(seed);
      const storage = createMemoryStorage();
      const manager = new RoomManager({
        storage,
        logger: silentLogger,
        metrics: createServerMetrics(),
        unloadGraceMs: 0,
        compactionThreshold: 25,
        maxMessageBytes: 1 << 20,
        maxBufferedBytes: 1 << 24,
      });
      const clients = Array.from({ length: 5 }, () => new TestClient(manager, "room-random"));
      for (const c of clients) c.connect();
      const markers: string[] = [];
      for (let step = 0; step < 300; step++) {
        const c = clients[Math.floor(random() * clients.length)]!;
        const roll = random();
        if (roll < 0.35) {
          const text = c.doc.getText("t");
          const marker = `<${seed}.${step}>`;
          markers.push(marker);
          text.insert(Math.floor(random() * (text.length + 1)) === 0 ? 0 : text.length, marker);
        } else if (roll < 0.6) {
          c.deliverToServer(1 + Math.floor(random() * 3));
        } else if (roll < 0.85) {
          c.deliverToClient(1 + Math.floor(random() * 3));
        } else if (roll < 0.93) {
          await settle(manager);
        } else if (c.connected) {
          c.disconnect();
        } else {
          c.connect();
        }
      }
      for (const c of clients) c.connect();
      // Deliver until nothing is in flight and the clients agree. How many round trips that takes
      // depends on the order Yjs gives concurrent inserts (random client ids) and on the server's
      // write batches, so it is bounded, not fixed; the assertions below decide.
      const quiet = () => clients.every((c) => c.toServer.length === 0 && c.toClient.length === 0);
      for (let round = 0; round < 100; round++) {
        for (const c of clients) c.deliverToServer();
        await settle(manager);
        if (quiet() && new Set(clients.map((c) => c.text())).size === 1) break;
        for (const c of clients) c.deliverToClient();
      }
      // No honest client is ever cut off (a legitimate update refused as malformed closes 4400).
      for (const c of clients) expect(c.closed).toBeNull();
      const texts = clients.map((c) => c.text());
      expect(new Set(texts).size).toBe(1);
      for (const marker of markers) expect(texts[0]).toContain(marker);
      await manager.shutdown();
    });
  }
});
