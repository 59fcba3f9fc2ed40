/**
 * Request authentication: the Bearer token of `Authorization`, checked against the framework of
 * the route and the least role the operation needs. 401: no, invalid, expired or revoked token;
 * 403: a token of another framework, or a role too low.
 */
import { type Principal, type Role, roleAtLeast } from "@parley/shared/access/roles";
import type { Request } from "express";
import type { AccessService } from "../access/accessService.js";
import { HttpError } from "./errors.js";

export function bearerToken(req: Request): string | null {
  const header = req.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export { sameSecret } from "../access/secretCompare.js";

export interface Authenticated {
  principal: Principal;
  expiresAt: Date;
}

/**
 * The caller's principal for `frameworkId`, if its role is at least `minimum` (and, for a change,
 * `change`, it stands for one person); else throws.
 */
export async function requireRole(
  req: Request,
  access: AccessService,
  frameworkId: string,
  minimum: Role,
  change = false,
): Promise<Authenticated> {
  const result = await access.authenticateFor(frameworkId, bearerToken(req));
  if (!result.ok) throw new HttpError(result.status, result.code, result.message);
  if (!roleAtLeast(result.principal.role, minimum)) {
    throw new HttpError(
      403,
      "forbidden",
      `This needs the ${minimum} role or higher; your invite grants ${result.principal.role}.`,
    );
  }
  if (change && !result.principal.personal) {
    throw new HttpError(
      403,
      "personal_token_required",
      "This invite link stands for no one in particular: open it in Parley (or exchange it at POST /api/frameworks/:id/members) before changing anything.",
    );
  }
  return { principal: result.principal, expiresAt: result.expiresAt };
}
