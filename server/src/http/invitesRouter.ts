/**
 * `/api/frameworks/:id/invites` (mediators only): create an invite link for a role (and party,
 * and name), list them, copy an active one's link again (`POST /:inviteId/link`), revoke one.
 * Revoking closes the invite's live connections at once (`CloseCode.revoked`); its tokens then get
 * 401 on REST and `revoked` on the WebSocket. The last active mediator invite cannot be revoked
 * (409 `last_mediator`, audited).
 */
import { isLastMediatorInvite, LAST_MEDIATOR_CODE } from "@parley/shared/access/invitePolicy";
import { REST_MINIMUM_ROLE } from "@parley/shared/access/roles";
import {
  type CreatedInvite,
  CreateInviteBody,
  type InviteLink,
  type InviteList,
} from "@parley/shared/api";
import { CloseCode, isInviteId, LIMITS, TOKEN_PARAM } from "@parley/shared/protocol";
import express, { type Request, Router } from "express";
import { type AccessService, inviteStatus, inviteSummary } from "../access/accessService.js";
import type { LiveConnections } from "../access/liveConnections.js";
import type { AuditSink } from "../core/auditSink.js";
import type { RoomManager } from "../core/roomManager.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { requireRole } from "./auth.js";
import { HttpError } from "./errors.js";
import {
  frameworkIdParam,
  MAX_JSON_BODY_BYTES,
  notFound,
  parseBody,
  requireJson,
} from "./frameworksRouter.js";

export interface InvitesRouterOptions {
  storage: DocumentStorage;
  manager: RoomManager;
  access: AccessService;
  audit: AuditSink;
  live: LiveConnections;
  /** Origin of invite links; null: the request's own origin. */
  publicUrl: string | null;
}

function originOf(req: Request, publicUrl: string | null): string {
  return publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

function inviteUrl(origin: string, frameworkId: string, token: string): string {
  return `${origin}/f/${frameworkId}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

function describeInvite(invite: { role: string; party: string | null; name: string | null }) {
  return `role ${invite.role}, party ${invite.party ?? "none"}, name ${invite.name ?? "free"}`;
}

export function invitesRouter(options: InvitesRouterOptions): Router {
  const { storage, manager, access, audit, live } = options;
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: MAX_JSON_BODY_BYTES, strict: true });

  router.post("/", requireJson, json, async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal } = await requireRole(req, access, id, REST_MINIMUM_ROLE.manageInvites, true);
    const body = parseBody(CreateInviteBody, req.body);
    if (!(await storage.getFramework(id))) throw notFound(id);
    const { invite, token } = await access.prepareInvite({
      frameworkId: id,
      role: body.role,
      party: body.party ?? null,
      name: body.name ?? null,
      expiresIn: body.expiresIn ?? LIMITS.defaultInviteSeconds,
    });
    await manager.queue.run(() => storage.createInvite(invite));
    audit.record({
      frameworkId: id,
      action: "invite.created",
      principal,
      detail: `invite ${invite.id}: ${describeInvite(invite)}`,
    });
    const url = inviteUrl(originOf(req, options.publicUrl), id, token);
    const created: CreatedInvite = {
      id: invite.id,
      token,
      url,
      invite: inviteSummary(invite, new Date()),
    };
    res.status(201).json(created);
  });

  router.get("/", async (req, res) => {
    const id = frameworkIdParam(req);
    await requireRole(req, access, id, REST_MINIMUM_ROLE.manageInvites);
    const now = new Date();
    const body: InviteList = {
      invites: (await storage.listInvites(id)).map((invite) => inviteSummary(invite, now)),
    };
    res.json(body);
  });

  // The link of an active invite, for a mediator to copy again: tokens are not stored, so the
  // invite's token is signed again (same claims, same expiry; revoking the invite ends both).
  router.post("/:inviteId/link", async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal } = await requireRole(req, access, id, REST_MINIMUM_ROLE.manageInvites, true);
    const inviteId = String(req.params.inviteId ?? "");
    const missing = new HttpError(404, "not_found", `No invite "${inviteId}" in this framework.`);
    if (!isInviteId(inviteId)) throw missing;
    const invite = await storage.getInvite(inviteId);
    if (!invite || invite.frameworkId !== id) throw missing;
    const status = inviteStatus(invite, new Date());
    if (status !== "active") {
      throw new HttpError(
        409,
        "invite_inactive",
        `This invite is ${status}: its link no longer works.`,
      );
    }
    const token = await access.inviteToken(invite);
    audit.record({
      frameworkId: id,
      action: "invite.link",
      principal,
      detail: `invite ${invite.id}: link copied (${describeInvite(invite)})`,
    });
    const body: InviteLink = { url: inviteUrl(originOf(req, options.publicUrl), id, token) };
    res.json(body);
  });

  router.delete("/:inviteId", async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal } = await requireRole(req, access, id, REST_MINIMUM_ROLE.manageInvites, true);
    const inviteId = String(req.params.inviteId ?? "");
    const missing = new HttpError(404, "not_found", `No invite "${inviteId}" in this framework.`);
    if (!isInviteId(inviteId)) throw missing;
    const existing = await storage.getInvite(inviteId);
    if (!existing || existing.frameworkId !== id) throw missing;
    const at = new Date();
    const standing = (await storage.listInvites(id)).map((invite) => inviteSummary(invite, at));
    if (isLastMediatorInvite(standing, inviteId)) {
      audit.record({
        frameworkId: id,
        action: "refused",
        principal,
        detail: `revoking invite ${inviteId}: it is the framework's last active mediator invite`,
      });
      throw new HttpError(
        409,
        LAST_MEDIATOR_CODE,
        "This is the framework's last active mediator invite: invite another mediator before revoking it, or nobody could manage the framework.",
      );
    }
    const revoked = await manager.queue.run(() => storage.revokeInvite(inviteId, at.toISOString()));
    if (!revoked) throw missing;
    const closed = live.closeInvite(inviteId, CloseCode.revoked, "invite revoked");
    audit.record({
      frameworkId: id,
      action: "invite.revoked",
      principal,
      detail: `invite ${inviteId} (${describeInvite(revoked)}); ${closed} live connection(s) closed`,
    });
    res.json(inviteSummary(revoked, at));
  });

  return router;
}
