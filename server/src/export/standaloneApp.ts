/**
 * An express app that serves only the export route, with the API's JSON errors: for the
 * integration tests (which mount it over a running server's data directory) and for running
 * exports as a separate process. The main server mounts `createExportRouter` in `http/app.ts`.
 */
import express, { type Express } from "express";
import type { Logger } from "../core/types.js";
import { errorHandler, HttpError } from "../http/errors.js";
import { createExportRouter, type ExportRouterDeps } from "../http/exportRouter.js";

export function createExportApp(deps: ExportRouterDeps, logger: Logger): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use("/api/frameworks", createExportRouter(deps));
  app.use((req, _res, next) => {
    next(new HttpError(404, "not_found", `Nothing at ${req.method} ${req.path}.`));
  });
  app.use(errorHandler(logger));
  return app;
}
