/**
 * The express app: the REST API, health and metrics, and the built client (static files with an
 * SPA fallback) when `client/dist` exists.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Express } from "express";
import type { RoomManager } from "../core/roomManager.js";
import type { Logger } from "../core/types.js";
import type { Registry } from "../metrics/registry.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { errorHandler, HttpError, sendError } from "./errors.js";
import { frameworksRouter } from "./frameworksRouter.js";

export interface AppOptions {
  storage: DocumentStorage;
  manager: RoomManager;
  registry: Registry;
  logger: Logger;
  /** Directory of the built client (`client/dist`); served if it holds an index.html. */
  clientDir: string;
  /** False until storage is open and again once shutdown begins. */
  isReady: () => boolean;
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.get("/healthz", (_req, res) => {
    if (options.isReady()) res.json({ status: "ok" });
    else sendError(res, 503, "unavailable", "The server is starting or shutting down.");
  });

  app.get("/metrics", (_req, res) => {
    res.type("text/plain; version=0.0.4").send(options.registry.render());
  });

  app.use("/api/frameworks", frameworksRouter(options.storage, options.manager));
  app.use("/api", (req, _res, next) => {
    next(new HttpError(404, "not_found", `No API route ${req.method} ${req.path}.`));
  });

  const indexFile = join(options.clientDir, "index.html");
  app.use(express.static(options.clientDir, { index: false, fallthrough: true }));
  app.get(/^\/(?!api\/|sync\/).*/, (_req, res, next) => {
    // SPA fallback: `/`, `/f/:id` and every other page route get the client's index.html.
    if (existsSync(indexFile)) res.sendFile(indexFile);
    else next();
  });

  app.use((req, _res, next) => {
    next(new HttpError(404, "not_found", `Nothing at ${req.method} ${req.path}.`));
  });
  app.use(errorHandler(options.logger));
  return app;
}
