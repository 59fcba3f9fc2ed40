/**
 * Rules about invites that the server enforces and the Share dialog uses to hide what would be
 * refused. A framework always keeps at least one active mediator invite: revoking the last one
 * would leave nobody able to manage invites, parties or the audit log (the server answers 409
 * `last_mediator`).
 */
import type { Role } from "./roles.js";

/** What the rule needs of an invite (an `InviteSummary` fits). */
export interface InviteStanding {
  id: string;
  role: Role;
  status: "active" | "expired" | "revoked";
}

export const LAST_MEDIATOR_CODE = "last_mediator";

/**
 * Whether revoking `inviteId` would leave the framework without an active mediator invite: it is
 * an active mediator invite and no other active one exists.
 */
export function isLastMediatorInvite(
  invites: readonly InviteStanding[],
  inviteId: string,
): boolean {
  const target = invites.find((invite) => invite.id === inviteId);
  if (target?.role !== "mediator" || target.status !== "active") return false;
  return !invites.some(
    (invite) => invite.id !== inviteId && invite.role === "mediator" && invite.status === "active",
  );
}
