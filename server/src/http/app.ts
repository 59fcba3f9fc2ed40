/**
 * The express app: security headers (helmet), per-IP rate limits on the API, the REST API, health
 * and metrics, and the built client (static files with an SPA fallback) when `client/dist` exists.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REST_MINIMUM_ROLE } from "@parley/shared/access/roles";
import express, { type Express } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Registry } from "prom-client";
import type { AccessService } from "../access/accessService.js";
import type { LiveConnections } from "../access/liveConnections.js";
import type { AuditLog } from "../audit/auditLog.js";
import type { RoomManager } from "../core/roomManager.js";
import type { Logger } from "../core/types.js";
import { storageLoader } from "../export/loadFramework.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { auditRouter } from "./auditRouter.js";
import { requireRole } from "./auth.js";
import { errorHandler, HttpError, sendError } from "./errors.js";
import { createExportRouter } from "./exportRouter.js";
import { frameworksRouter } from "./frameworksRouter.js";
import { invitesRouter } from "./invitesRouter.js";
import { membersRouter } from "./membersRouter.js";
import { searchRouter } from "./searchRouter.js";
import { recordExportVersion, versionsRouter } from "./versionsRouter.js";

export interface AppOptions {
  storage: DocumentStorage;
  manager: RoomManager;
  registry: Registry;
  logger: Logger;
  /** Directory of the built client (`client/dist`); served if it holds an index.html. */
  clientDir: string;
  /** False until storage is open and again once shutdown begins. */
  isReady: () => boolean;
  access: AccessService;
  audit: AuditLog;
  live: LiveConnections;
  adminToken: string | null;
  createToken: string | null;
  publicUrl: string | null;
  restRequestsPerMinute: number;
  createsPerMinute: number;
  /** Reverse-proxy hops whose X-Forwarded-For is trusted for the client IP (0: none). */
  trustProxy: number;
}

/**
 * Helmet's defaults (CSP `default-src 'self'`, no framing, no sniffing, strict referrer…) with just
 * enough relaxed for the client: WebSocket connections to this server, Tiptap's inline styles,
 * and `data:` images (the favicon). No `upgrade-insecure-requests`: Parley may be served over
 * plain HTTP on a local network, where it would break every asset.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: true,
  directives: {
    "connect-src": ["'self'", "ws:", "wss:"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "upgrade-insecure-requests": null,
  },
};

function rateLimited(message: string) {
  return (_req: express.Request, res: express.Response) =>
    sendError(res, 429, "rate_limited", message);
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("trust proxy", options.trustProxy);
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));

  app.get("/healthz", (_req, res) => {
    if (options.isReady()) res.json({ status: "ok" });
    else sendError(res, 503, "unavailable", "The server is starting or shutting down.");
  });

  app.get("/metrics", async (_req, res) => {
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });

  app.use(
    "/api",
    rateLimit({
      windowMs: 60_000,
      limit: options.restRequestsPerMinute,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      handler: rateLimited("Too many requests from this address. Wait a minute and try again."),
    }),
  );
  const createLimiter = rateLimit({
    windowMs: 60_000,
    limit: options.createsPerMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: rateLimited("Too many frameworks created from this address. Wait a minute."),
  });
  const shared = {
    storage: options.storage,
    manager: options.manager,
    access: options.access,
    audit: options.audit,
  };
  app.use(
    "/api/frameworks/:id/invites",
    invitesRouter({ ...shared, live: options.live, publicUrl: options.publicUrl }),
  );
  app.use("/api/frameworks/:id/audit", auditRouter(shared));
  app.use("/api/frameworks/:id/members", membersRouter(shared));
  app.use("/api/frameworks/:id", versionsRouter(shared));
  // Export reads stored state with the same access check as reading the framework.
  app.use(
    "/api/frameworks",
    createExportRouter({
      loadFramework: storageLoader(options.storage),
      checkAccess: (req, id) =>
        requireRole(req, options.access, id, REST_MINIMUM_ROLE.readFramework),
      recordVersion: recordExportVersion(shared),
    }),
  );
  app.use("/api/frameworks/search", searchRouter(shared));
  app.use(
    "/api/frameworks",
    frameworksRouter({
      ...shared,
      adminToken: options.adminToken,
      createToken: options.createToken,
      createLimiter,
    }),
  );
  app.use("/api", (req, _res, next) => {
    next(new HttpError(404, "not_found", `No API route ${req.method} ${req.path}.`));
  });

  const indexFile = join(options.clientDir, "index.html");
  // The same page with the editor's code asked for up front (written by the client's build)
  const frameworkFile = join(options.clientDir, "framework.html");
  app.use(express.static(options.clientDir, { index: false, fallthrough: true }));
  app.get(/^\/(?!api\/|sync\/).*/, (req, res, next) => {
    // SPA fallback: `/`, `/f/:id` and every other page route get the client's index.html;
    // a framework's pages get framework.html when the build wrote it.
    if (req.path.startsWith("/f/") && existsSync(frameworkFile)) res.sendFile(frameworkFile);
    else if (existsSync(indexFile)) res.sendFile(indexFile);
    else next();
  });

  app.use((req, _res, next) => {
    next(new HttpError(404, "not_found", `Nothing at ${req.method} ${req.path}.`));
  });
  app.use(errorHandler(options.logger));
  return app;
}
