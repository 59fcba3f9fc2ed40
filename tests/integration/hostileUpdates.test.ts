/**
 * Fuzz-style hardening: generated hostile Yjs updates — deeply nested, wide, random and corrupted —
 * sent through every role into every room kind of one framework, from a fixed seed, against a real
 * server process. After every attack the server still answers /healthz and the honest clients of
 * the room still converge; at the end, what the server stored is exactly what it relayed to the
 * honest clients, and nothing a role may not write is in it.
 */
import { rmSync } from "node:fs";
import type { Role } from "@parley/shared/access/roles";
import { type Random, seededRandom } from "@parley/shared/test/random";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { storedDoc } from "../helpers/storedRoom.js";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  createFramework,
  createInvite,
  makeDataDir,
  type SpawnedServer,
  spawnServer,
} from "../helpers/testServer.js";

const SEED = 20261206;
const PARTY = "A";
const ROLES: readonly Role[] = ["observer", "commenter", "drafter", "mediator"];
type RoomKind = "framework" | "discussion" | "private";
const ROOM_KINDS: readonly RoomKind[] = ["framework", "discussion", "private"];

/** Whether `role` (of party A) may write anything at all to a room of this kind. */
function mayWrite(role: Role, kind: RoomKind): boolean {
  if (role === "observer") return false;
  if (kind === "framework") return role === "drafter" || role === "mediator";
  return true;
}

// ---------------------------------------------------------------------------------------------
// Generators. Each returns one v1 update written under client ids no one else uses.

interface Attack {
  name: string;
  update: Uint8Array;
  clients: number[];
}

/** A fresh client id, unique within the run (Yjs ids are 32-bit unsigned). */
function clientIdOf(random: Random, used: Set<number>): number {
  for (;;) {
    const id = 1 + random.int(0xfffffff0);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/** A v1 update that only deletes `len` items of `client` from clock 0. */
function deleteOnly(client: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1); // one range
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, len);
  return encoding.toUint8Array(encoder);
}

/**
 * `depth` Y.Maps nested in each other, plus a delete of the outermost (Yjs deletes nested types
 * recursively: deep enough, that overflows the stack). Built level by level, never deleted here.
 */
function deepMaps(random: Random, used: Set<number>, depth: number): Attack {
  const doc = new Y.Doc();
  doc.clientID = clientIdOf(random, used);
  let map = doc.getMap(`nest${random.int(1000)}`);
  for (let level = 0; level < depth; level++) {
    const child = new Y.Map<unknown>();
    map.set("k", child);
    map = child;
  }
  const update = Y.mergeUpdates([Y.encodeStateAsUpdate(doc), deleteOnly(doc.clientID, 1)]);
  const clients = [doc.clientID];
  doc.destroy();
  return { name: `${depth} nested maps, outermost deleted`, update, clients };
}

/** `depth` XML elements nested in each other in the framework text's fragment. */
function deepElements(random: Random, used: Set<number>, depth: number): Attack {
  const doc = new Y.Doc();
  doc.clientID = clientIdOf(random, used);
  let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment("default");
  for (let level = 0; level < depth; level++) {
    const child = new Y.XmlElement(level % 2 === 0 ? "blockquote" : "bulletList");
    parent.insert(0, [child]);
    parent = child;
  }
  const update = Y.encodeStateAsUpdate(doc);
  const clients = [doc.clientID];
  doc.destroy();
  return { name: `${depth} nested elements`, update, clients };
}

/**
 * `count` one-character items, each under its own client id, all inserted at the same position
 * (no origin) of the same text: Yjs orders such concurrent inserts by scanning their siblings.
 */
function wideSamePosition(random: Random, used: Set<number>, count: number): Attack {
  const clients = Array.from({ length: count }, () => clientIdOf(random, used));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (const client of clients) {
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, 0); // clock
    encoding.writeUint8(encoder, 4); // ContentString, no origins: the parent follows by name
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, "wide");
    encoding.writeVarString(encoder, "x");
  }
  encoding.writeVarUint(encoder, 0); // empty delete set
  return {
    name: `${count} concurrent inserts at one position`,
    update: encoding.toUint8Array(encoder),
    clients,
  };
}

/** Random shared types, strings and values, `width` wide and up to `depth` deep. */
function randomTree(random: Random, used: Set<number>, width: number, depth: number): Attack {
  const doc = new Y.Doc();
  doc.clientID = clientIdOf(random, used);
  const text = () => "ab,. \n\u202e<>&".slice(random.int(8)).repeat(1 + random.int(4));
  const fill = (target: Y.Map<unknown> | Y.Array<unknown> | Y.XmlElement, level: number) => {
    for (let i = 0; i < 1 + random.int(width); i++) {
      const kind = level >= depth ? random.int(3) : random.int(7);
      const child =
        kind === 0
          ? text()
          : kind === 1
            ? random.int(1_000_000_000)
            : kind === 2
              ? { json: text(), n: random.next() }
              : kind === 3
                ? new Y.Map<unknown>()
                : kind === 4
                  ? new Y.Array<unknown>()
                  : kind === 5
                    ? new Y.XmlElement(random.pick(["paragraph", "table", "term", "x"]))
                    : new Y.XmlText(text());
      if (target instanceof Y.Map) target.set(`k${random.int(width * 2)}`, child);
      else if (target instanceof Y.Array) target.push([child]);
      else if (child instanceof Y.XmlElement || child instanceof Y.XmlText) {
        target.insert(target.length, [child]);
      } else target.setAttribute(`a${random.int(5)}`, String(child));
      if (child instanceof Y.Map || child instanceof Y.Array || child instanceof Y.XmlElement) {
        fill(child, level + 1);
      }
    }
  };
  doc.transact(() => {
    fill(doc.getMap(random.pick(["threads", "stances", "terms", "m"])), 1);
    const element = new Y.XmlElement("paragraph");
    doc.getXmlFragment("default").insert(0, [element]);
    fill(element, 1);
  });
  const update = Y.encodeStateAsUpdate(doc);
  const clients = [doc.clientID];
  doc.destroy();
  return { name: `random tree ${width} wide, ${depth} deep`, update, clients };
}

/** A random tree's update with a few bytes flipped (after the first, so the clients stay its). */
function corrupted(random: Random, used: Set<number>): Attack {
  const base = randomTree(random, used, 4, 3);
  const bytes = Uint8Array.from(base.update);
  for (let flips = 0; flips < 1 + random.int(4); flips++) {
    const at = 8 + random.int(Math.max(1, bytes.length - 8));
    bytes[at] = random.int(256);
  }
  return { name: "corrupted random tree", update: bytes, clients: base.clients };
}

function generate(random: Random, used: Set<number>): Attack[] {
  return [
    deepMaps(random, used, 8_000),
    deepMaps(random, used, 300),
    deepElements(random, used, 2_000),
    wideSamePosition(random, used, 20_000),
    randomTree(random, used, 6, 4),
    randomTree(random, used, 40, 2),
    corrupted(random, used),
  ];
}

// ---------------------------------------------------------------------------------------------
// The wire: one raw connection per attack.

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function isSyncStep2(data: Buffer): boolean {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1;
  } catch {
    return false;
  }
}

type Outcome = { kind: "closed"; code: number } | { kind: "answered" };

/**
 * Sends `update`, then a sync step 1 with an empty state vector. The server answers the step 1
 * only after everything before it is durable, so an `answered` outcome means the update was
 * applied, ignored or refused without closing; `closed` means the server closed the connection.
 */
function sendAttack(syncUrl: string, room: string, token: string, update: Uint8Array) {
  return new Promise<Outcome>((resolve, reject) => {
    const ws = new WebSocket(`${syncUrl}/${room}?token=${encodeURIComponent(token)}`);
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      ws.terminate();
    };
    ws.once("error", (error) => {
      if (!settled) reject(error);
    });
    ws.once("open", () => {
      ws.send(syncMessage(2, update));
      ws.send(syncMessage(0, new Uint8Array([0])));
    });
    ws.on("message", (data: Buffer) => {
      if (isSyncStep2(data)) settle({ kind: "answered" });
    });
    ws.once("close", (code) => settle({ kind: "closed", code }));
  });
}

// ---------------------------------------------------------------------------------------------

let dataDir = "";
let server: SpawnedServer;
const honest: SyncClient[] = [];

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await spawnServer({ DATA_DIR: dataDir });
});

afterAll(async () => {
  for (const client of honest.splice(0)) client.destroy();
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** The /healthz status, or the error that left the server unreachable. */
async function healthy(): Promise<number | string> {
  try {
    return (await fetch(`${server.url}/healthz`)).status;
  } catch (error) {
    return `unreachable: ${String(error)}`;
  }
}

/** Honest client `from` writes a marker; resolves once `to` has it. */
async function converges(from: SyncClient, to: SyncClient, marker: string): Promise<void> {
  appendParagraph(from.doc, marker);
  await waitForDocs([to.doc], () => textOf(to.doc).includes(marker), `${marker} to arrive`);
}

function stateVector(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

function sameStateVector(one: Y.Doc, other: Y.Doc): boolean {
  const first = stateVector(one);
  const second = stateVector(other);
  return first.size === second.size && [...first].every(([c, clock]) => second.get(c) === clock);
}

describe("hostile updates from a fixed seed", () => {
  it("through every role and room kind: the server stays up, honest clients converge, nothing refused is stored", async () => {
    const random = seededRandom(SEED);
    const used = new Set<number>();
    const created = await createFramework(server.url, "Fuzzed framework", "Mediator");
    const frameworkId = created.id;
    const tokens = new Map<Role, string>();
    for (const role of ROLES) {
      const invite = await createInvite(server.url, frameworkId, created.token, {
        role,
        party: PARTY,
        name: `${role} of ${PARTY}`,
      });
      tokens.set(role, invite.token);
    }
    const tokenOf = (role: Role): string => {
      const token = tokens.get(role);
      if (!token) throw new Error(`no token for ${role}`);
      return token;
    };
    const rooms: Record<RoomKind, string> = {
      framework: frameworkId,
      discussion: `${frameworkId}/discussion`,
      private: `${frameworkId}/private/${PARTY}`,
    };

    // Two honest writers (the party's mediator) in each room.
    const pairs = new Map<RoomKind, [SyncClient, SyncClient]>();
    for (const kind of ROOM_KINDS) {
      const a = connectClient(server.syncUrl, rooms[kind], { token: tokenOf("mediator") });
      const b = connectClient(server.syncUrl, rooms[kind], { token: tokenOf("mediator") });
      honest.push(a, b);
      await Promise.all([waitForSynced(a.provider), waitForSynced(b.provider)]);
      pairs.set(kind, [a, b]);
    }
    const pairOf = (kind: RoomKind): [SyncClient, SyncClient] => {
      const pair = pairs.get(kind);
      if (!pair) throw new Error(`no honest clients in ${kind}`);
      return pair;
    };

    const outcomes: Array<{ role: Role; kind: RoomKind; attack: Attack; outcome: Outcome }> = [];
    let round = 0;
    for (const kind of ROOM_KINDS) {
      for (const role of ROLES) {
        for (const attack of generate(random, used)) {
          const outcome = await sendAttack(
            server.syncUrl,
            rooms[kind],
            tokenOf(role),
            attack.update,
          );
          outcomes.push({ role, kind, attack, outcome });
          expect(await healthy(), `${attack.name} by a ${role} in ${kind}`).toBe(200);
          const [a, b] = pairOf(kind);
          await converges(a, b, `check ${round++}`);
        }
      }
    }

    // Every room: a late joiner gets what the honest clients hold; the honest pair agrees.
    for (const kind of ROOM_KINDS) {
      const [a, b] = pairOf(kind);
      const late = connectClient(server.syncUrl, rooms[kind], { token: tokenOf("mediator") });
      honest.push(late);
      await waitForSynced(late.provider);
      await waitForDocs(
        [a.doc, b.doc, late.doc],
        () => sameStateVector(late.doc, a.doc) && sameStateVector(b.doc, a.doc),
        `the late joiner of ${kind} to hold the honest state`,
      );
      expect(textOf(b.doc)).toBe(textOf(a.doc));
      expect(textOf(late.doc)).toBe(textOf(a.doc));
      expect(stateVector(late.doc)).toEqual(stateVector(a.doc));
    }

    // Nothing a role may not write reached the honest clients.
    for (const { role, kind, attack, outcome } of outcomes) {
      if (mayWrite(role, kind) && outcome.kind === "answered") continue;
      const relayed = stateVector(pairOf(kind)[0].doc);
      const leaked = attack.clients.filter((client) => relayed.has(client));
      expect(leaked, `${attack.name} by a ${role} in ${kind} (${JSON.stringify(outcome)})`).toEqual(
        [],
      );
    }
    // The deep and wide attacks are refused by closing the connection, whoever sends them.
    for (const { role, kind, attack, outcome } of outcomes) {
      if (!mayWrite(role, kind)) continue;
      if (/nested maps|nested elements|concurrent inserts/.test(attack.name)) {
        expect(outcome.kind, `${attack.name} by a ${role} in ${kind}`).toBe("closed");
      }
    }

    // What the server stored is exactly what it relayed.
    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    for (const kind of ROOM_KINDS) {
      const stored = await storedDoc(dataDir, rooms[kind]);
      const relayed = pairOf(kind)[0].doc;
      expect(stateVector(stored), `stored ${kind}`).toEqual(stateVector(relayed));
      expect(textOf(stored), `stored ${kind}`).toBe(textOf(relayed));
      stored.destroy();
    }
  }, 300_000);
});
