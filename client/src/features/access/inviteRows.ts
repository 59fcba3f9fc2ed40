/**
 * What the share dialog offers for each invite: whether it is the viewer's own, and whether it
 * may be revoked. The last active mediator invite may not: revoking it would leave the framework
 * without anyone who can share it, manage access or read the audit log (the server refuses it too).
 */
import type { InviteSummary } from "@parley/shared/api";

export interface InviteRow {
  invite: InviteSummary;
  /** The invite this browser's token belongs to. */
  own: boolean;
  /** Active: its link can be copied, and it can be revoked unless `keepReason` says why not. */
  active: boolean;
  /** Why revoking is not offered (the last mediator invite), or null. */
  keepReason: string | null;
}

export const LAST_MEDIATOR_REASON =
  "The only mediator invite: revoking it would leave nobody able to manage access. Invite another mediator first.";

export function inviteRows(
  invites: readonly InviteSummary[],
  ownInviteId: string | null,
): InviteRow[] {
  const activeMediators = invites.filter(
    (i) => i.status === "active" && i.role === "mediator",
  ).length;
  return invites.map((invite) => {
    const active = invite.status === "active";
    const lastMediator = active && invite.role === "mediator" && activeMediators <= 1;
    return {
      invite,
      own: invite.id === ownInviteId,
      active,
      keepReason: lastMediator ? LAST_MEDIATOR_REASON : null,
    };
  });
}
