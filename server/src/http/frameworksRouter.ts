/** `/api/frameworks`: create (with server-written initial content), list, read, rename, delete. */
import { randomBytes } from "node:crypto";
import {
  CreateFrameworkBody,
  type FrameworkSummary,
  RenameFrameworkBody,
} from "@parley/shared/api";
import { writeInitialContent } from "@parley/shared/document/initialContent";
import { isFrameworkId } from "@parley/shared/protocol";
import { writeTemplate } from "@parley/shared/templates/phasedReciprocal";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import * as Y from "yjs";
import type { z } from "zod";
import type { RoomManager } from "../core/roomManager.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { HttpError } from "./errors.js";

/** Largest accepted JSON body. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is("application/json")) {
    next(new HttpError(415, "unsupported_media_type", "Send the body as application/json."));
    return;
  }
  next();
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? null);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new HttpError(400, "invalid_request", `${where}${issue?.message ?? "invalid body"}`);
  }
  return result.data;
}

function frameworkIdParam(req: Request): string {
  const id = String(req.params.id ?? "");
  if (!isFrameworkId(id)) throw new HttpError(404, "not_found", `No framework with id "${id}".`);
  return id;
}

function notFound(id: string): HttpError {
  return new HttpError(404, "not_found", `No framework with id "${id}".`);
}

export function frameworksRouter(storage: DocumentStorage, manager: RoomManager): Router {
  const router = Router();
  const json = express.json({ limit: MAX_JSON_BODY_BYTES, strict: true });

  router.post("/", requireJson, json, async (req, res) => {
    const body = parseBody(CreateFrameworkBody, req.body);
    const now = new Date().toISOString();
    const record: FrameworkSummary = {
      id: randomBytes(12).toString("base64url"),
      title: body.title,
      createdAt: now,
      updatedAt: now,
    };
    const doc = new Y.Doc();
    if (body.template === "phased-reciprocal") {
      const written = writeTemplate(doc, { title: body.title });
      if (!written.ok) throw new Error(`template failed: ${written.error.message}`);
    } else {
      writeInitialContent(doc, { title: body.title });
    }
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await manager.queue.run(() => storage.createFramework(record, snapshot));
    res.status(201).location(`/api/frameworks/${record.id}`).json(record);
  });

  router.get("/", async (_req, res) => {
    res.json({ frameworks: await storage.listFrameworks() });
  });

  router.get("/:id", async (req, res) => {
    const id = frameworkIdParam(req);
    const record = await storage.getFramework(id);
    if (!record) throw notFound(id);
    res.json(record);
  });

  router.patch("/:id", requireJson, json, async (req, res) => {
    const id = frameworkIdParam(req);
    const body = parseBody(RenameFrameworkBody, req.body);
    const at = new Date().toISOString();
    const record = await manager.queue.run(() => storage.renameFramework(id, body.title, at));
    if (!record) throw notFound(id);
    res.json(record);
  });

  router.delete("/:id", async (req, res) => {
    const id = frameworkIdParam(req);
    if (!(await manager.deleteFramework(id))) throw notFound(id);
    res.status(204).end();
  });

  return router;
}
