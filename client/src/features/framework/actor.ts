/**
 * Who the person acts as when they record a status, a stance or a resolution. The server checks
 * discussion writes against the token: a commenter's or drafter's record must say `by` their own
 * party (and the name the invite fixes, if any), so the actor is taken from what the held token
 * grants, falling back to the display name typed on this device.
 */
import type { AccessInfo } from "@parley/shared/api";
import type { Actor } from "@parley/shared/model/actor";

export function actorFor(
  displayName: string,
  access: Pick<AccessInfo, "name" | "party"> | null | undefined,
): Actor {
  return { name: access?.name ?? displayName, party: access?.party ?? null };
}
