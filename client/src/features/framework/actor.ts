/**
 * Who the person acts as when they record a status, a stance or a resolution. The server checks
 * discussion writes against the token: a commenter's or drafter's record must say `by` their own
 * member and party (and the name the token fixes, if any), so the actor is taken from what the
 * held token grants, falling back to the display name typed on this device. The role is written
 * too, so that a mediator's record on a party's behalf reads "recorded by the mediator for B".
 */
import type { AccessInfo } from "@parley/shared/api";
import type { Actor } from "@parley/shared/model/actor";

export function actorFor(
  displayName: string,
  access:
    | Partial<Pick<AccessInfo, "name" | "party" | "member" | "personal" | "role">>
    | null
    | undefined,
): Actor {
  const actor: Actor = { name: access?.name ?? displayName, party: access?.party ?? null };
  // Access saved by an older version has no member: the next read of the framework brings it.
  if (access?.personal === true && access.member !== undefined) actor.member = access.member;
  if (access?.role !== undefined) actor.role = access.role;
  return actor;
}
