import { seededRandom } from "@parley/shared/test/random";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BatchDelta, stateVectorOf } from "./batchDelta.js";

/** A server-side doc that records batches the way a room does. */
function recordingServer() {
  const doc = new Y.Doc();
  let delta: BatchDelta | null = null;
  doc.on("afterTransaction", (tr: Y.Transaction) => delta?.record(tr));
  return {
    doc,
    batch(updates: readonly Uint8Array[]): Uint8Array {
      delta = new BatchDelta(doc, stateVectorOf(doc));
      for (const update of updates) Y.applyUpdate(doc, update);
      const encoded = delta.encode();
      delta = null;
      return encoded;
    },
  };
}

describe("BatchDelta", () => {
  it("gives a replica exactly what the batch's updates give, batch after batch", () => {
    const random = seededRandom(42);
    const writers = [new Y.Doc(), new Y.Doc()];
    const outbox: Uint8Array[][] = [[], []];
    writers.forEach((doc, i) => {
      doc.on("update", (u: Uint8Array) => outbox[i]!.push(u));
    });
    const server = recordingServer();
    const replica = new Y.Doc();
    const direct = new Y.Doc();
    for (let round = 0; round < 60; round++) {
      const who = Math.floor(random() * 2);
      const writer = writers[who]!;
      const text = writer.getText("t");
      const map = writer.getMap("m");
      const edits = 1 + Math.floor(random() * 8);
      for (let e = 0; e < edits; e++) {
        const r = random();
        if (r < 0.55 || text.length === 0) {
          text.insert(Math.floor(random() * (text.length + 1)), "abcdef".slice(0, 1 + (e % 5)));
        } else if (r < 0.8) {
          const at = Math.floor(random() * text.length);
          text.delete(at, Math.min(3, text.length - at));
        } else if (r < 0.9) {
          text.format(0, Math.min(2, text.length), { bold: random() < 0.5 ? true : null });
        } else {
          map.set(`k${e % 3}`, round);
        }
      }
      const updates = outbox[who]!.splice(0);
      const delta = server.batch(updates);
      Y.applyUpdate(replica, delta);
      for (const update of updates) Y.applyUpdate(direct, update);
      // The other writer catches up through the server's deltas, like a client would.
      Y.applyUpdate(writers[1 - who]!, delta);
      outbox[1 - who]!.length = 0;
      expect(replica.getText("t").toDelta()).toEqual(direct.getText("t").toDelta());
      expect(replica.getMap("m").toJSON()).toEqual(direct.getMap("m").toJSON());
      expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(server.doc));
    }
    expect(replica.getText("t").toString()).toBe(server.doc.getText("t").toString());
    expect(replica.store.pendingStructs).toBeNull();
  });

  it("carries deletions of text written before the batch, and nothing from before it", () => {
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on("update", (u: Uint8Array) => updates.push(u));
    const server = recordingServer();
    writer.getText("t").insert(0, "keep this, drop that");
    const first = server.batch(updates.splice(0));
    writer.getText("t").delete(10, 10);
    writer.getText("t").insert(10, " and more");
    const second = server.batch(updates.splice(0));

    const replica = new Y.Doc();
    Y.applyUpdate(replica, first);
    Y.applyUpdate(replica, second);
    expect(replica.getText("t").toString()).toBe("keep this, and more");
    // The second batch alone holds only its own insert (its deletion refers to earlier text).
    const alone = new Y.Doc();
    Y.applyUpdate(alone, second);
    expect(alone.getText("t").toString()).toBe("");
    expect(second.byteLength).toBeLessThan(first.byteLength + 20);
  });
});
