/** `GET /api/frameworks/:id/audit?limit=&before=` (mediators only): the audit log, newest first. */
import { REST_MINIMUM_ROLE } from "@parley/shared/access/roles";
import type { AuditPage } from "@parley/shared/api";
import { Router } from "express";
import type { AccessService } from "../access/accessService.js";
import type { AuditLog } from "../audit/auditLog.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { requireRole } from "./auth.js";
import { HttpError } from "./errors.js";
import { frameworkIdParam } from "./frameworksRouter.js";

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

function positiveInteger(value: unknown, name: string): number | null {
  if (value === undefined || value === "") return null;
  const number = Number(value);
  if (typeof value !== "string" || !Number.isInteger(number) || number < 1) {
    throw new HttpError(400, "invalid_request", `${name} must be a positive integer.`);
  }
  return number;
}

export function auditRouter(options: {
  storage: DocumentStorage;
  access: AccessService;
  audit: AuditLog;
}): Router {
  const router = Router({ mergeParams: true });
  router.get("/", async (req, res) => {
    const id = frameworkIdParam(req);
    await requireRole(req, options.access, id, REST_MINIMUM_ROLE.readAudit);
    const limit = Math.min(
      positiveInteger(req.query.limit, "limit") ?? AUDIT_PAGE_DEFAULT,
      AUDIT_PAGE_MAX,
    );
    const before = positiveInteger(req.query.before, "before");
    // What happened up to now is in the answer, not still in the buffer.
    await options.audit.flush();
    const rows = await options.storage.listAudit(id, { limit, before });
    const page: AuditPage = {
      entries: rows,
      nextBefore: rows.length === limit ? (rows.at(-1)?.seq ?? null) : null,
    };
    res.json(page);
  });
  return router;
}
