/**
 * The Redis bus: the claims of a presence message come off the network and are parsed
 * defensively; a commit goes to the room's stream and, live, to its pub/sub channel, and a
 * process hears it on either (real Redis).
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { RoomBusHandler, SequencedUpdate } from "../core/roomLog.js";
import { silentLogger } from "../core/types.js";
import { decodeLiveCommit, encodeLiveCommit } from "./liveMessage.js";
import { parseAwarenessClaims, RedisBus } from "./redisBus.js";

describe("parseAwarenessClaims", () => {
  it("keeps well-formed claims and drops every malformed entry", () => {
    expect(
      parseAwarenessClaims({
        "12": "i-dana",
        "4294967295": "i-bo",
        "-1": "i-neg",
        "1.5": "i-frac",
        x: "i-word",
        "99999999999999999": "i-unsafe",
        "7": 7,
        "8": "",
        "9": null,
      }),
    ).toEqual([
      { client: 12, principal: "i-dana" },
      { client: 4294967295, principal: "i-bo" },
    ]);
  });

  it("reads anything but an object as no claims", () => {
    for (const value of [undefined, null, "i-dana", 12, ["i-dana"], true]) {
      expect(parseAwarenessClaims(value)).toEqual([]);
    }
  });
});

/** The same Redis as the integration tests (PARLEY_TEST_REDIS_URL, default loopback). */
const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL || "redis://127.0.0.1:6379";

describe("RedisBus on a real Redis: a commit goes out twice, live and on the stream", () => {
  const prefix = `parley-test-${randomUUID()}:`;
  const opened: Array<{ close(): Promise<void> } | Redis> = [];
  afterEach(async () => {
    for (const item of opened.splice(0)) {
      if (item instanceof Redis) item.disconnect();
      else await item.close();
    }
  });

  async function bus(): Promise<RedisBus> {
    const connected = await RedisBus.connect({ url: REDIS_URL, prefix, logger: silentLogger });
    opened.push(connected);
    return connected;
  }

  function listener(): { handler: RoomBusHandler; committed: Promise<SequencedUpdate[]> } {
    let resolve: (updates: SequencedUpdate[]) => void = () => undefined;
    const committed = new Promise<SequencedUpdate[]>((done) => {
      resolve = done;
    });
    const handler: RoomBusHandler = {
      committed: (updates) => resolve([...updates]),
      awareness: () => undefined,
      awarenessQuery: () => undefined,
      resync: () => undefined,
    };
    return { handler, committed };
  }

  it("publish writes the commit to the room's live channel and to its stream", async () => {
    const room = `room-${randomUUID()}`;
    const a = await bus();
    const raw = new Redis(REDIS_URL);
    opened.push(raw);
    await raw.subscribe(`${prefix}l:${room}`);
    const heard = new Promise<Buffer>((resolve) =>
      raw.once("messageBuffer", (_c, m) => resolve(m)),
    );
    const updates = [{ seq: 3, update: new Uint8Array([5, 6]) }];
    a.publish(room, updates, [{ client: 9, principal: "i-dana" }]);
    expect(decodeLiveCommit(await heard)).toEqual({
      origin: a.origin,
      updates,
      bindings: [{ client: 9, principal: "i-dana" }],
    });
    const reader = new Redis(REDIS_URL);
    opened.push(reader);
    const entries = await reader.xrange(`${prefix}u:${room}`, "-", "+");
    expect(entries).toHaveLength(1);
    expect(entries[0]?.[1]).toContain("3");
  });

  it("a commit heard on the live channel alone (no stream entry) reaches the room's handler", async () => {
    const room = `room-${randomUUID()}`;
    const b = await bus();
    const { handler, committed } = listener();
    await b.join(room, handler);
    const raw = new Redis(REDIS_URL);
    opened.push(raw);
    const updates = [{ seq: 1, update: new Uint8Array([1, 2, 3]) }];
    await raw.publish(`${prefix}l:${room}`, encodeLiveCommit("another-process", updates, []));
    expect(await committed).toEqual(updates);
  });
});
