/**
 * `/api/frameworks`: create (with server-written initial content and the creator's personal
 * mediator token), look up by tokens, list all (admin), read, rename, delete. Every `/:id…` route needs a
 * Bearer token of that framework (`auth.ts`); invites and the audit log have their own routers.
 */
import { randomBytes } from "node:crypto";
import { REST_MINIMUM_ROLE } from "@parley/shared/access/roles";
import {
  type CreatedFramework,
  CreateFrameworkBody,
  type FrameworkWithAccess,
  LookupBody,
  type LookupResult,
  RenameFrameworkBody,
} from "@parley/shared/api";
import { writeInitialContent } from "@parley/shared/document/initialContent";
import { isFrameworkId, LIMITS } from "@parley/shared/protocol";
import { writeTemplate } from "@parley/shared/templates/phasedReciprocal";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import * as Y from "yjs";
import type { z } from "zod";
import { type AccessService, accessInfo } from "../access/accessService.js";
import type { AuditSink } from "../core/auditSink.js";
import type { RoomManager } from "../core/roomManager.js";
import type { DocumentStorage, FrameworkRecord } from "../storage/documentStorage.js";
import { bearerToken, requireRole, sameSecret } from "./auth.js";
import { HttpError } from "./errors.js";

/** Largest accepted JSON body. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;
/** `POST /lookup` carries up to `LIMITS.maxLookupTokens` tokens: a larger body limit. */
const MAX_LOOKUP_BODY_BYTES = 1024 * 1024;

export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is("application/json")) {
    next(new HttpError(415, "unsupported_media_type", "Send the body as application/json."));
    return;
  }
  next();
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? null);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new HttpError(400, "invalid_request", `${where}${issue?.message ?? "invalid body"}`);
  }
  return result.data;
}

export function frameworkIdParam(req: Request): string {
  const id = String(req.params.id ?? "");
  if (!isFrameworkId(id)) throw new HttpError(404, "not_found", `No framework with id "${id}".`);
  return id;
}

export function notFound(id: string): HttpError {
  return new HttpError(404, "not_found", `No framework with id "${id}".`);
}

export interface FrameworksRouterOptions {
  storage: DocumentStorage;
  manager: RoomManager;
  access: AccessService;
  audit: AuditSink;
  adminToken: string | null;
  createToken: string | null;
  /** Rate limit of framework creation (per IP), run before the handler. */
  createLimiter: express.RequestHandler;
}

export function frameworksRouter(options: FrameworksRouterOptions): Router {
  const { storage, manager, access, audit } = options;
  const router = Router();
  const json = express.json({ limit: MAX_JSON_BODY_BYTES, strict: true });

  router.post("/", options.createLimiter, requireJson, json, async (req, res) => {
    if (options.createToken !== null) {
      const given = bearerToken(req);
      if (!sameSecret(given, options.createToken) && !sameSecret(given, options.adminToken)) {
        throw new HttpError(
          given ? 403 : 401,
          given ? "forbidden" : "missing_token",
          "Creating a framework on this server needs the creation token (PARLEY_CREATE_TOKEN).",
        );
      }
    }
    const body = parseBody(CreateFrameworkBody, req.body);
    const now = new Date().toISOString();
    const record: FrameworkRecord = {
      id: newFrameworkId(),
      title: body.title,
      createdAt: now,
      updatedAt: now,
    };
    const doc = new Y.Doc();
    if (body.template === "phased-reciprocal") {
      const written = writeTemplate(doc, { title: body.title, sequencing: true });
      if (!written.ok) throw new Error(`template failed: ${written.error.message}`);
    } else {
      writeInitialContent(doc, { title: body.title });
    }
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const { invite } = await access.prepareInvite({
      frameworkId: record.id,
      role: "mediator",
      party: null,
      name: body.name ?? null,
      expiresIn: LIMITS.creatorTokenSeconds,
    });
    await manager.queue.run(() => storage.createFramework(record, snapshot, invite));
    // The creator gets a personal token (their own member), not the invite's.
    const personal = await access.issuePersonal(invite, invite.name);
    const principal = personal.principal;
    audit.record({ frameworkId: record.id, action: "framework.created", principal });
    const created: CreatedFramework = {
      ...record,
      token: personal.token,
      access: accessInfo(principal, personal.expiresAt),
    };
    res.status(201).location(`/api/frameworks/${record.id}`).json(created);
  });

  router.get("/", async (req, res) => {
    if (!sameSecret(bearerToken(req), options.adminToken)) {
      throw new HttpError(
        401,
        "admin_token_required",
        "Listing every framework needs the admin token. To list the frameworks you hold tokens for, POST them to /api/frameworks/lookup.",
      );
    }
    res.json({ frameworks: await storage.listFrameworks() });
  });

  router.post(
    "/lookup",
    requireJson,
    express.json({ limit: MAX_LOOKUP_BODY_BYTES, strict: true }),
    async (req, res) => {
      const { tokens } = parseBody(LookupBody, req.body);
      const result: LookupResult = { frameworks: [], refused: [] };
      const seen = new Set<string>();
      for (const [index, token] of tokens.entries()) {
        const auth = await access.authenticate(token);
        if (!auth.ok) {
          result.refused.push({ index, code: auth.code, message: auth.message });
          continue;
        }
        const record = await storage.getFramework(auth.principal.frameworkId);
        if (!record) {
          result.refused.push({ index, code: "not_found", message: "The framework was deleted." });
          continue;
        }
        if (seen.has(record.id)) continue;
        seen.add(record.id);
        result.frameworks.push({ ...record, access: accessInfo(auth.principal, auth.expiresAt) });
      }
      result.frameworks.sort((a, b) =>
        a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0,
      );
      res.json(result);
    },
  );

  router.get("/:id", async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal, expiresAt } = await requireRole(
      req,
      access,
      id,
      REST_MINIMUM_ROLE.readFramework,
    );
    const record = await storage.getFramework(id);
    if (!record) throw notFound(id);
    const body: FrameworkWithAccess = { ...record, access: accessInfo(principal, expiresAt) };
    res.json(body);
  });

  router.patch("/:id", requireJson, json, async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal } = await requireRole(
      req,
      access,
      id,
      REST_MINIMUM_ROLE.renameFramework,
      true,
    );
    const body = parseBody(RenameFrameworkBody, req.body);
    const at = new Date().toISOString();
    const record = await manager.queue.run(() => storage.renameFramework(id, body.title, at));
    if (!record) throw notFound(id);
    audit.record({ frameworkId: id, action: "framework.renamed", principal, detail: body.title });
    res.json(record);
  });

  router.delete("/:id", async (req, res) => {
    const id = frameworkIdParam(req);
    await requireRole(req, access, id, REST_MINIMUM_ROLE.deleteFramework, true);
    if (!(await manager.deleteFramework(id))) throw notFound(id);
    res.status(204).end();
  });

  return router;
}

/** A new framework id: 16 base64url characters, the first a letter or digit (never `-`/`_`,
 * which command lines and file names take for an option or hide). */
export function newFrameworkId(): string {
  for (;;) {
    const id = randomBytes(12).toString("base64url");
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}
