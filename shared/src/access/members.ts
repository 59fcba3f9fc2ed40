/**
 * Member ids: the one person a token stands for. Records in the discussion room say `by.member`,
 * and only that member (or a mediator) may change or delete them.
 *
 * - An invite link WITHOUT a fixed name may be handed to a whole delegation. Opening it exchanges
 *   it (`POST /api/frameworks/:id/members`) for a personal token with a new random member id, so
 *   everyone who opens the link is a different member. Used directly, the invite token stands for
 *   nobody in particular (`sharedMember`): it may read, but every write is refused.
 * - An invite WITH a fixed name is one person: its member id is derived from the invite
 *   (`namedInviteMember`), whether the invite token is used directly or exchanged.
 */
import { z } from "zod";

export const MEMBER_ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
export const memberIdSchema = z.string().regex(MEMBER_ID_PATTERN);

export function isMemberId(value: unknown): value is string {
  return typeof value === "string" && MEMBER_ID_PATTERN.test(value);
}

/** The member an invite with a fixed name stands for. */
export function namedInviteMember(inviteId: string): string {
  return `i-${inviteId}`;
}

/** What an unnamed invite token used without the exchange stands for (read-only; nobody's). */
export function sharedMember(inviteId: string): string {
  return `s-${inviteId}`;
}

/** The member of requests made with the operator's admin token. */
export const ADMIN_MEMBER = "admin";

/** Why a shared (unnamed, not exchanged) invite token may not write. */
export const SHARED_INVITE_READ_ONLY =
  "an invite link without a fixed name stands for no one in particular: open it in Parley to get your own access before writing";
