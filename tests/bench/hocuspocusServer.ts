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
 * `GET /rooms` answers `{"rooms": <documents loaded>, "connections": <open connections>}` so
 * that the bench can see a room unload (the Parley bench reads its /metrics for the same).
 */
import { join } from "node:path";
import { Redis } from "@hocuspocus/extension-redis";
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";

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

const server = new Server({
  port,
  address,
  quiet: true,
  extensions: [...redis, new SQLite({ database })],
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
