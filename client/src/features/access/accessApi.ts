/** REST calls of the access feature (mediators): invites and the audit log, with the held token. */
import {
  AuditPage,
  CreatedInvite,
  type CreateInviteBody,
  InviteLink,
  InviteList,
  type InviteSummary,
  InviteSummary as InviteSummarySchema,
} from "@parley/shared/api";
import { parseResponse, requestWithToken } from "../../api/frameworks.js";

function base(frameworkId: string): string {
  return `/api/frameworks/${encodeURIComponent(frameworkId)}`;
}

export async function createInvite(
  frameworkId: string,
  body: CreateInviteBody,
): Promise<CreatedInvite> {
  return parseResponse(
    CreatedInvite,
    await requestWithToken(frameworkId, "POST", `${base(frameworkId)}/invites`, body),
  );
}

export async function listInvites(frameworkId: string): Promise<InviteSummary[]> {
  return parseResponse(
    InviteList,
    await requestWithToken(frameworkId, "GET", `${base(frameworkId)}/invites`),
  ).invites;
}

/** An active invite's link, signed again by the server (tokens are not kept after creation). */
export async function copyInviteLink(frameworkId: string, inviteId: string): Promise<string> {
  return parseResponse(
    InviteLink,
    await requestWithToken(
      frameworkId,
      "POST",
      `${base(frameworkId)}/invites/${encodeURIComponent(inviteId)}/link`,
    ),
  ).url;
}

export async function revokeInvite(frameworkId: string, inviteId: string): Promise<InviteSummary> {
  return parseResponse(
    InviteSummarySchema,
    await requestWithToken(
      frameworkId,
      "DELETE",
      `${base(frameworkId)}/invites/${encodeURIComponent(inviteId)}`,
    ),
  );
}

export async function readAudit(
  frameworkId: string,
  options: { limit?: number; before?: number | null } = {},
): Promise<AuditPage> {
  const query = new URLSearchParams({ limit: String(options.limit ?? 100) });
  if (options.before) query.set("before", String(options.before));
  return parseResponse(
    AuditPage,
    await requestWithToken(frameworkId, "GET", `${base(frameworkId)}/audit?${query}`),
  );
}
