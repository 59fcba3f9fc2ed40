/**
 * The Hocuspocus peer of `pnpm bench`, started by servers.ts as its own process
 * (compiled to tests/bench/dist/hocuspocusServer.mjs): `@hocuspocus/server` 4.7 with
 * `@hocuspocus/extension-sqlite` on a file in DATA_DIR, as a team would set it up from the
 * Hocuspocus guide. Every setting is Hocuspocus's default except `quiet` (no start banner) and
 * the address/port; in particular it stores a document's snapshot `debounce` 2 s after the last
 * change, at most `maxDebounce` 10 s after the first, and unloads a document when its last
 * client leaves (`unloadImmediately`), after storing it.
 *
 * With `REDIS_URL` (the scale-out scenario, `scenarios/hocuspocusRedisFanout.ts`) it adds
 * `@hocuspocus/extension-redis` (defaults kept; keys under `REDIS_PREFIX`), the way Hocuspocus runs
 * several instances, and `DATABASE_FILE` points the instances at one shared SQLite file.
 *
 * With `STORE_FIRST_DATABASE_URL` (a measurement only, `scenarios/hocuspocusRedisFanout.ts`) each
 * instance also commits every document update a client sends to PostgreSQL (a table
 * `hocuspocus_updates` the scenario created, one INSERT with the default synchronous commit, so
 * after the WAL flush) in Hocuspocus's `beforeHandleMessage` hook, which Hocuspocus awaits before it
 * applies the message to the document, so before it broadcasts it or publishes it to Redis: the
 * guarantee Parley gives, on Hocuspocus. Hocuspocus does not do this; the column shows what that
 * guarantee costs on its edit's way.
 *
 * `GET /rooms` answers `{"rooms": <documents loaded>, "connections": <open connections>}` so
 * that the bench can see a room unload (the Parley bench reads its /metrics for the same).
 */
import { join } from "node:path";
import { Redis } from "@hocuspocus/extension-redis";
import { SQLite } from "@hocuspocus/extension-sqlite";
import { type Extension, Server } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import pg from "pg";
import { messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import { MESSAGE_SYNC, MESSAGE_SYNC_REPLY } from "./hocuspocusProtocol.js";

const port = Number(process.env.PORT);
const address = process.env.HOST ?? "127.0.0.1";
const dataDir = process.env.DATA_DIR;
if (!Number.isInteger(port) || port <= 0 || !dataDir) {
  throw new Error("hocuspocusServer wants PORT and DATA_DIR");
}

const database = process.env.DATABASE_FILE || join(dataDir, "hocuspocus.sqlite");
const redisUrl = process.env.REDIS_URL ? new URL(process.env.REDIS_URL) : null;
const redis = redisUrl
  ? [
      new Redis({
        host: redisUrl.hostname,
        port: Number(redisUrl.port || 6379),
        prefix: process.env.REDIS_PREFIX || "hocuspocus",
      }),
    ]
  : [];

/** True if `message` (Hocuspocus framing: the document's name first) carries a document update. */
function carriesUpdate(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return false;
  const step = decoding.readVarUint(decoder);
  return step === messageYjsSyncStep2 || step === messageYjsUpdate;
}

function storeFirst(url: string): Extension {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    extensionName: "store-first (bench measurement)",
    async beforeHandleMessage({ documentName, update }) {
      if (!carriesUpdate(update)) return;
      await pool.query({
        name: "store_first",
        text: "INSERT INTO hocuspocus_updates (document, data) VALUES ($1, $2)",
        values: [documentName, Buffer.from(update.buffer, update.byteOffset, update.byteLength)],
      });
    },
    async onDestroy() {
      await pool.end();
    },
  };
}

const storeFirstUrl = process.env.STORE_FIRST_DATABASE_URL;

const server = new Server({
  port,
  address,
  quiet: true,
  extensions: [
    ...(storeFirstUrl ? [storeFirst(storeFirstUrl)] : []),
    ...redis,
    new SQLite({ database }),
  ],
  async onRequest({ request, response, instance }) {
    if (request.url !== "/rooms") return;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        rooms: instance.getDocumentsCount(),
        connections: instance.getConnectionsCount(),
      }),
    );
    // a rejection without an error stops Hocuspocus's default response
    return Promise.reject();
  },
});

await server.listen();
