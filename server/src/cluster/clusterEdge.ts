/**
 * Wires the scale-out at the edge: the Redis bus, the PostgreSQL room log, and the control
 * messages between processes (an invite revoked closes its connections on every process; a
 * deleted framework closes its rooms on every process). The core only sees `RoomLog`/`RoomBus`.
 */
import { CloseCode } from "@parley/shared/protocol";
import type { RoomLog } from "../core/roomLog.js";
import type { Logger } from "../core/types.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import type { PgStorage } from "../storage/pgStorage.js";
import type { ClusterConfig } from "./clusterConfig.js";
import { pgRoomLog } from "./pgRoomLog.js";
import { RedisBus } from "./redisBus.js";
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
  bus.onControl((message) => {
    if (message.kind === "inviteRevoked") {
      const closed = live.closeLocal(message.inviteId, CloseCode.revoked, "invite revoked");
      logger.info({ invite: message.inviteId, closed }, "invite revoked on another process");
    } else {
      for (const handler of deletedHandlers) handler(message.frameworkId);
    }
  });
  if (config.skipPublish) logger.warn({}, "PARLEY_TEST_SKIP_PUBLISH: commits are not published");
  logger.info({ prefix: config.prefix }, "scale-out: connected to redis");
  return {
    bus,
    log: pgRoomLog(storage),
    live,
    onFrameworkDeleted: (close) => deletedHandlers.push(close),
    close: () => bus.close(),
  };
}
