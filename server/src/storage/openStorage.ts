/**
 * The storage the configuration asks for, with its token signing key: PostgreSQL when
 * `databaseUrl` is set (connected, schema migrated, key shared through the database), else the
 * SQLite file in the data directory (key in `${dataDir}/secret`), exactly as without PostgreSQL.
 * An unreachable or refusing database throws a clear error: the start stops there.
 */
import { join } from "node:path";
import { loadSecret } from "../access/secret.js";
import { loadSharedSecret } from "../access/sharedSecret.js";
import type { ServerConfig } from "../config.js";
import type { Logger } from "../core/types.js";
import type { DocumentStorage } from "./documentStorage.js";
import { openPgStorage, type PgStorage } from "./pgStorage.js";
import { DATABASE_FILE, openSqliteStorage } from "./sqliteStorage.js";

export interface OpenedStorage {
  storage: DocumentStorage;
  /** The same storage when it is PostgreSQL (what a cluster of processes needs), else null. */
  pg: PgStorage | null;
  /** The token signing key. */
  secret: Uint8Array;
}

export async function openConfiguredStorage(
  config: Pick<ServerConfig, "databaseUrl" | "dataDir" | "secret" | "sqliteSynchronous">,
  logger: Logger,
): Promise<OpenedStorage> {
  if (config.databaseUrl) {
    const pg = await openPgStorage({
      url: config.databaseUrl,
      onIdleError: (error) =>
        logger.error({ err: error }, "PostgreSQL connection lost; the pool reconnects"),
    });
    try {
      return { storage: pg, pg, secret: await loadSharedSecret(pg, config.secret) };
    } catch (error) {
      await pg.close();
      throw error;
    }
  }
  const storage = openSqliteStorage(join(config.dataDir, DATABASE_FILE), {
    synchronous: config.sqliteSynchronous,
    onCheckpointFailure: (error) =>
      logger.error(
        { err: error },
        "WAL checkpoint worker failed; SQLite checkpoints by itself again",
      ),
  });
  return { storage, pg: null, secret: loadSecret(config.dataDir, config.secret) };
}
