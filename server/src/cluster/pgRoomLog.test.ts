/**
 * The scale-out's room log on PostgreSQL, two processes' storages on one schema: a commit after a
 * stale head is refused (nothing stored), catch-up reads what was committed after a number (the
 * snapshot when a compaction swallowed part of it), and an older compaction never replaces a newer
 * one nor deletes past its own number.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RoomLog } from "../core/roomLog.js";
import { openPgStorage, type PgStorage } from "../storage/pgStorage.js";
import { createTestSchema, type TestSchema } from "../test/pgTestDatabase.js";
import { pgRoomLog } from "./pgRoomLog.js";

const ROOM = "fw-log";
const AT = "2026-12-06T12:00:00.000Z";
let schema: TestSchema;
let storages: PgStorage[] = [];
let a: RoomLog;
let b: RoomLog;

const bytes = (n: number) => new Uint8Array([n]);

beforeAll(async () => {
  schema = await createTestSchema();
  storages = [
    await openPgStorage({ url: schema.url, schema: schema.schema, max: 2 }),
    await openPgStorage({ url: schema.url, schema: schema.schema, max: 2 }),
  ];
  await storages[0]!.createFramework(
    { id: ROOM, title: "Log", createdAt: AT, updatedAt: AT },
    new Uint8Array(),
  );
  a = pgRoomLog(storages[0]!);
  b = pgRoomLog(storages[1]!);
});

afterAll(async () => {
  for (const storage of storages) await storage.close();
  await schema?.drop();
});

describe("the PostgreSQL room log", () => {
  it("commits optimistically on the head; a stale commit stores nothing", async () => {
    const start = (await a.loadRoom(ROOM)).seq;
    expect(await a.commit(ROOM, ROOM, start, [bytes(1), bytes(2)], AT, [])).toBe(start + 2);
    // b still believes the head is `start`: refused, nothing stored.
    expect(await b.commit(ROOM, ROOM, start, [bytes(9)], AT, [])).toBeNull();
    const since = await b.since(ROOM, start);
    expect(since.snapshot).toBeNull();
    expect(since.updates.map((u) => [u.seq, [...u.update]])).toEqual([
      [start + 1, [1]],
      [start + 2, [2]],
    ]);
    expect(await b.commit(ROOM, ROOM, start + 2, [bytes(3)], AT, [])).toBe(start + 3);
  });

  it("refuses a commit that binds a client id another principal holds, storing nothing", async () => {
    const binding = (principal: string) => ({
      room: ROOM,
      frameworkId: ROOM,
      client: 4242,
      principal,
    });
    const head = (await a.loadRoom(ROOM)).seq;
    expect(await a.commit(ROOM, ROOM, head, [bytes(7)], AT, [binding("m-p2")])).toBe(head + 1);
    // b is at the head (no stale sequence), but the client id is someone else's: the log decides.
    expect(await b.commit(ROOM, ROOM, head + 1, [bytes(8)], AT, [binding("m-p1")])).toBeNull();
    const since = await b.since(ROOM, head);
    expect(since.updates.map((u) => [...u.update])).toEqual([[7]]);
    expect(since.bindings).toContainEqual({ client: 4242, principal: "m-p2" });
    // The owner itself binding it again (a second batch of the same writer) is no conflict.
    expect(await b.commit(ROOM, ROOM, head + 1, [bytes(3)], AT, [binding("m-p2")])).toBe(head + 2);
  });

  it("compaction keeps later updates, and an older snapshot never replaces a newer one", async () => {
    const head = (await a.loadRoom(ROOM)).seq;
    expect(await a.compact(ROOM, ROOM, bytes(100), head - 1)).toBe(true);
    // A compactor that read less (an older sequence number) changes nothing.
    expect(await b.compact(ROOM, ROOM, bytes(50), head - 2)).toBe(false);
    const loaded = await b.loadRoom(ROOM);
    expect(loaded.seq).toBe(head);
    expect([...(loaded.snapshot ?? [])]).toEqual([100]);
    expect(loaded.updates.map((u) => [...u])).toEqual([[3]]);
    // A process that followed up to before the snapshot gets the snapshot, then the rest.
    const since = await b.since(ROOM, 1);
    expect(since.snapshot?.upto).toBe(head - 1);
    expect([...(since.snapshot?.update ?? [])]).toEqual([100]);
    expect(since.updates.map((u) => u.seq)).toEqual([head]);
  });

  it("commits a room's updates in one statement, not a transaction of five", async () => {
    const head = (await a.loadRoom(ROOM)).seq;
    const sent = vi.spyOn(pg.Client.prototype, "query");
    try {
      expect(await a.commit(ROOM, ROOM, head, [bytes(4), bytes(5)], AT, [])).toBe(head + 2);
      expect(sent).toHaveBeenCalledTimes(1);
    } finally {
      sent.mockRestore();
    }
  });

  it("lets exactly one of two commits after the same head through", async () => {
    const head = (await a.loadRoom(ROOM)).seq;
    const results = await Promise.all([
      a.commit(ROOM, ROOM, head, [bytes(6)], AT, []),
      b.commit(ROOM, ROOM, head, [bytes(7), bytes(8)], AT, []),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const since = await a.since(ROOM, head);
    const winner = results[0] === null ? [[7], [8]] : [[6]];
    expect(since.updates.map((u) => [...u.update])).toEqual(winner);
    expect(since.updates.map((u) => u.seq)).toEqual(winner.map((_, i) => head + 1 + i));
  });

  it("stores who deleted what with the commit, and nothing when the commit is refused", async () => {
    const room = `${ROOM}/deletions`;
    const deletion = (principal: string) => ({
      room,
      frameworkId: ROOM,
      principal,
      ranges: [[1, 0, 2]] as const,
    });
    // A room without a head yet: the first commit after 0 creates it, a second one loses.
    expect(await a.commit(room, ROOM, 0, [bytes(1)], AT, [], [deletion("alice")])).toBe(1);
    expect(await b.commit(room, ROOM, 0, [bytes(2)], AT, [], [deletion("bob")])).toBeNull();
    expect(await b.commit(room, ROOM, 1, [bytes(3)], AT, [], [deletion("carol")])).toBe(2);
    const stored = await storages[0]!.loadDeletions(room);
    expect(stored.map((d) => d.principal)).toEqual(["alice", "carol"]);
    expect((await a.since(room, 0)).updates.map((u) => [...u.update])).toEqual([[1], [3]]);
  });
});
