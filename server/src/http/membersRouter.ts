/**
 * `POST /api/frameworks/:id/members`: exchanges an INVITE token (Bearer) for a PERSONAL token of
 * one member. An invite without a fixed name may be handed to a whole delegation; each person who
 * opens it gets a member of their own here (the client does this when an invite link is opened),
 * so their records stay theirs. An invite with a fixed name is one person: the exchange answers a
 * token of its one member. The personal token expires with the invite and ends when the invite is
 * revoked. A personal token cannot be exchanged again (409).
 */
import { JoinBody, type JoinBody as JoinBodyType, type JoinedMember } from "@parley/shared/api";
import express, { Router } from "express";
import { type AccessService, accessInfo } from "../access/accessService.js";
import type { AuditSink } from "../core/auditSink.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { bearerToken } from "./auth.js";
import { HttpError } from "./errors.js";
import {
  frameworkIdParam,
  MAX_JSON_BODY_BYTES,
  parseBody,
  requireJson,
} from "./frameworksRouter.js";

export interface MembersRouterOptions {
  storage: DocumentStorage;
  access: AccessService;
  audit: AuditSink;
}

export function membersRouter(options: MembersRouterOptions): Router {
  const { storage, access, audit } = options;
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: MAX_JSON_BODY_BYTES, strict: true });

  router.post("/", requireJson, json, async (req, res) => {
    const id = frameworkIdParam(req);
    const result = await access.authenticateFor(id, bearerToken(req));
    if (!result.ok) throw new HttpError(result.status, result.code, result.message);
    if (result.personalToken) {
      throw new HttpError(
        409,
        "already_personal",
        "This is already a personal access token; only an invite link's token is exchanged.",
      );
    }
    const body: JoinBodyType = parseBody(JoinBody, req.body);
    const invite = await storage.getInvite(result.principal.inviteId);
    if (!invite) throw new HttpError(401, "invalid_token", "The invite no longer exists.");
    if (invite.name === null && body.name === undefined) {
      throw new HttpError(
        400,
        "invalid_request",
        "name: this invite fixes no name, so give the name the others should see.",
      );
    }
    const personal = await access.issuePersonal(invite, body.name ?? null);
    audit.record({
      frameworkId: id,
      action: "member.joined",
      principal: personal.principal,
      detail: `member ${personal.principal.member} of invite ${invite.id}`,
    });
    const joined: JoinedMember = {
      token: personal.token,
      access: accessInfo(personal.principal, personal.expiresAt),
    };
    res.status(201).json(joined);
  });

  return router;
}
