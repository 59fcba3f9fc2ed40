/**
 * `startServer`: the whole Parley server (HTTP API, sync endpoint, storage) in one call, used by
 * `main.ts`, the integration tests and the e2e harness (port 0 and a temp data dir).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { AccessService } from "./access/accessService.js";
import { createAuthorizeConnection } from "./access/authorize.js";
import { LiveConnections } from "./access/liveConnections.js";
import { TokenService } from "./access/tokens.js";
import { AuditLog } from "./audit/auditLog.js";
import { RefusalAudit } from "./audit/refusalAudit.js";
import type { ClusterConfig } from "./cluster/clusterConfig.js";
import { openCluster } from "./cluster/clusterEdge.js";
import { DEFAULTS, type ServerConfig } from "./config.js";
import { RoomManager } from "./core/roomManager.js";
import type { Logger } from "./core/types.js";
import { createApp } from "./http/app.js";
import {
  addReadGauge,
  collectProcessMetrics,
  createServerMetrics,
  type ServerMetrics,
} from "./metrics/serverMetrics.js";
import type { DocumentStorage } from "./storage/documentStorage.js";
import { openConfiguredStorage } from "./storage/openStorage.js";
import { DATABASE_FILE } from "./storage/sqliteStorage.js";
import { allowedOriginsFor } from "./sync/origin.js";
import { attachSyncEndpoint } from "./sync/syncEndpoint.js";

export { DATABASE_FILE };

/** How long an idle HTTP keep-alive connection stays open (ms): past a balancer's 60 s. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export type StartServerOptions = Partial<ServerConfig> & {
  dataDir: string;
  /** A logger to use instead of a new pino logger at `logLevel`. */
  logger?: Logger;
  /** Scale-out (`REDIS_URL`, needs PostgreSQL): several processes serve the same frameworks. */
  cluster?: ClusterConfig | null;
};

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  manager: RoomManager;
  metrics: ServerMetrics;
  /** Issues and checks tokens (tests use it to mint tokens for existing invites). */
  access: AccessService;
  audit: AuditLog;
  /** Stops accepting, flushes, closes every socket with goingAway, closes storage. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const config: ServerConfig = { ...DEFAULTS, ...options };
  const logger: Logger = options.logger ?? pino({ level: config.logLevel });
  // SQLite in dataDir, or PostgreSQL with DATABASE_URL (connected and migrated here).
  const opened = await openConfiguredStorage(config, logger);
  const storage: DocumentStorage = opened.storage;
  const metrics = createServerMetrics();
  const tokens = new TokenService(opened.secret);
  const access = new AccessService(storage, tokens, () => new Date(), config.adminToken);
  // Scale-out: rooms commit to the sequenced log and share updates over Redis (README "Scale-out").
  const cluster = options.cluster
    ? await openCluster(options.cluster, storage, logger).catch(async (error: unknown) => {
        await storage.close();
        throw error;
      })
    : null;
  const live = cluster?.live ?? new LiveConnections();
  // The audit log writes through the manager's queue, which exists only once the manager does.
  let run: <T>(task: () => Promise<T>) => Promise<T> = (task) => task();
  const audit = new AuditLog({
    storage,
    run: (task) => run(task),
    logger,
    flushMs: config.auditFlushMs,
  });
  const manager = new RoomManager({
    storage,
    logger,
    metrics,
    unloadGraceMs: config.unloadGraceMs,
    compactionThreshold: config.compactionThreshold,
    maxMessageBytes: config.maxMessageBytes,
    maxBufferedBytes: config.maxBufferedBytes,
    maxDocumentBytes: config.maxDocumentBytes,
    audit,
    cluster: cluster ? { log: cluster.log, bus: cluster.bus } : null,
    catchUpMs: options.cluster?.catchUpMs,
    onFrameworkDeleted: (frameworkId) =>
      cluster?.bus.publishControl({ kind: "frameworkDeleted", frameworkId }),
  });
  cluster?.onFrameworkDeleted((frameworkId) => manager.closeFramework(frameworkId));
  run = (task) => manager.queue.run(task);
  addReadGauge(
    metrics.registry,
    "parley_rooms_loaded",
    "Rooms currently loaded.",
    () => manager.loadedRoomCount,
  );
  addReadGauge(
    metrics.registry,
    "parley_connections",
    "Open sync connections.",
    () => manager.connectionCount,
  );
  addReadGauge(
    metrics.registry,
    "parley_commit_conflicts",
    "Scale-out: commits that lost to another process's since start (caught up and retried).",
    () => manager.commitConflicts,
  );
  collectProcessMetrics(metrics.registry);

  let ready = true;
  const app = createApp({
    storage,
    manager,
    registry: metrics.registry,
    logger,
    clientDir: config.clientDir,
    isReady: () => ready,
    access,
    audit,
    live,
    adminToken: config.adminToken,
    createToken: config.createToken,
    publicUrl: config.publicUrl,
    restRequestsPerMinute: config.restRequestsPerMinute,
    createsPerMinute: config.createsPerMinute,
    trustProxy: config.trustProxy,
  });
  const server = createServer(app);
  // An idle keep-alive connection stays open longer than a load balancer's or client's idle
  // timeout (nginx and most balancers: 60 s). With Node's default of 5 s, a client that reuses a
  // connection just as the server closes it sees its request reset (ECONNRESET).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  // Refusal rows per framework and window are bounded; see refusalAudit.ts for the numbers.
  const refusals = new RefusalAudit({
    audit,
    windowMs: config.refusalAuditWindowMs,
    rowsPerSource: 5,
    rowsPerFramework: 50,
  });
  // Known once listening (port 0 picks the port); no upgrade can arrive before.
  let allowedOrigins: ReadonlySet<string> = new Set();
  const endpoint = attachSyncEndpoint(server, {
    manager,
    authorize: createAuthorizeConnection({
      storage,
      access,
      allowedOrigins: () => allowedOrigins,
    }),
    logger,
    pingIntervalMs: config.pingIntervalMs,
    maxFrameBytes: config.maxMessageBytes * 4,
    audit,
    live,
    messagesPerSecond: config.messagesPerSecond,
    messageBurst: config.messageBurst,
    refusals,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    maxConnectionsPerToken: config.maxConnectionsPerToken,
    trustProxy: config.trustProxy,
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedOrigins = allowedOriginsFor({
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    host: config.host,
    port,
  });
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const backend = opened.pg ? "postgresql" : "sqlite";
  logger.info({ url, port, dataDir: config.dataDir, storage: backend }, "listening");

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      ready = false;
      endpoint.stopAccepting();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await manager.shutdown();
      server.closeAllConnections();
      await closed;
      refusals.close();
      await audit.close();
      await manager.queue.flush();
      await cluster?.close();
      await storage.close();
      logger.info({}, "server closed");
    })();
    return closing;
  };

  return { url, port, manager, metrics, access, audit, close };
}
