/**
 * Wires the scale-out at the edge: the Redis bus, the PostgreSQL room log, and the control
 * messages between processes (an invite revoked closes its connections on every process; a
 * deleted framework closes its rooms on every process, announced on Redis and read back from
 * PostgreSQL, see accessEvents.ts). The core only sees `RoomLog`/`RoomBus`.
 */
import { CloseCode } from "@parley/shared/protocol";
import type { RoomLog } from "../core/roomLog.js";
import type { Logger } from "../core/types.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import type { PgStorage } from "../storage/pgStorage.js";
import { type AccessEvent, AccessEvents } from "./accessEvents.js";
import type { ClusterConfig } from "./clusterConfig.js";
import { pgRoomLog } from "./pgRoomLog.js";
import { type ControlMessage, RedisBus } from "./redisBus.js";
import { SharedLiveConnections } from "./sharedLiveConnections.js";

export interface ClusterEdge {
  bus: RedisBus;
  log: RoomLog;
  /** Live connections whose revocation reaches every process. */
  live: SharedLiveConnections;
  /** Called with what another process's framework deletion means here. */
  onFrameworkDeleted(close: (frameworkId: string) => void): void;
  close(): Promise<void>;
}

function isPgStorage(storage: DocumentStorage): storage is PgStorage {
  return "appendSequenced" in storage && "loadUpdatesSince" in storage;
}

export async function openCluster(
  config: ClusterConfig,
  storage: DocumentStorage,
  logger: Logger,
): Promise<ClusterEdge> {
  if (!isPgStorage(storage)) {
    throw new Error("REDIS_URL needs DATABASE_URL: several processes share one PostgreSQL");
  }
  const bus = await RedisBus.connect({
    url: config.redisUrl,
    prefix: config.prefix,
    logger,
    skipPublish: config.skipPublish,
  });
  const live = new SharedLiveConnections((inviteId) =>
    bus.publishControl({ kind: "inviteRevoked", inviteId }),
  );
  const deletedHandlers: Array<(frameworkId: string) => void> = [];
  // The same handling for the Redis announcement (fast, may be lost) and the PostgreSQL record
  // (read on the catch-up tick and when Redis is back): closing twice closes nothing more.
  const handle = (message: ControlMessage | AccessEvent, from: string) => {
    if (message.kind === "inviteRevoked") {
      const closed = live.closeLocal(message.inviteId, CloseCode.revoked, "invite revoked");
      if (closed > 0) logger.info({ invite: message.inviteId, closed, from }, "invite revoked");
    } else {
      for (const handler of deletedHandlers) handler(message.frameworkId);
    }
  };
  bus.onControl((message) => handle(message, "redis"));
  const events = new AccessEvents({
    pool: storage.pool,
    intervalMs: config.catchUpMs,
    logger,
    handle: (event) => handle(event, "postgresql"),
  });
  try {
    await events.start();
  } catch (error) {
    await bus.close();
    throw error;
  }
  bus.onReconnect(() => {
    events.poll();
  });
  if (config.skipPublish) logger.warn({}, "PARLEY_TEST_SKIP_PUBLISH: commits are not published");
  logger.info({ prefix: config.prefix }, "scale-out: connected to redis");
  return {
    bus,
    log: pgRoomLog(storage),
    live,
    onFrameworkDeleted: (close) => deletedHandlers.push(close),
    close: async () => {
      await events.stop();
      await bus.close();
    },
  };
}
