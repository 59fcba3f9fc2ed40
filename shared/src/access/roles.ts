/**
 * Roles and what they may do, as pure functions. The server enforces these rules on every REST
 * call, WebSocket upgrade and document update; the client uses the same functions only to show
 * what would be refused (a read-only editor for observers, no share dialog for non-mediators).
 */
import { z } from "zod";
import type { RoomName } from "../protocol.js";
import { SHARED_INVITE_READ_ONLY } from "./members.js";

/** From least to most. Each role can do everything the roles before it can. */
export const ROLES = ["observer", "commenter", "drafter", "mediator"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, string> = {
  observer: "Observer",
  commenter: "Commenter",
  drafter: "Drafter",
  mediator: "Mediator",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  observer: "reads everything shared with all; cannot change anything",
  commenter: "reads, comments and records their own party's stances; cannot change the text",
  drafter:
    "edits the framework text and structure, comments, records their own party's stances and positions",
  mediator: "everything, plus invites, parties, the audit log and deleting the framework",
};

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/** Who a connection or request acts as: read from a verified token and its invite row. */
export interface Principal {
  frameworkId: string;
  /** The invite the token was issued for (revoking it ends the token). */
  inviteId: string;
  role: Role;
  /** The party (delegation) the person belongs to; `null` for mediators' team and outsiders. */
  party: string | null;
  /**
   * Display name fixed by the token: the invite's, or the one chosen when a shared invite was
   * exchanged for a personal token; `null` for a shared invite used directly (or a creator who
   * gave no name).
   */
  name: string | null;
  /** The one person this is (`members.ts`): records are owned by member. */
  member: string;
  /**
   * Whether `member` is one person: false only for an invite without a fixed name used directly
   * (everyone it was handed to shares it), which may read but not write.
   */
  personal: boolean;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

export const ALLOWED: Decision = { allowed: true };

export function refused(reason: string): Decision {
  return { allowed: false, reason };
}

/** Whether the principal may open (read) a room at all. */
export function mayOpenRoom(principal: Principal, room: RoomName): Decision {
  if (room.frameworkId !== principal.frameworkId) {
    return refused("the token belongs to another framework");
  }
  if (room.kind === "private" && principal.party !== room.party) {
    return refused(`only members of party "${room.party}" may open its private notes`);
  }
  return ALLOWED;
}

/**
 * Whether the principal may write to a room it has opened, at the level of the whole room. For
 * the discussion room this is only the first gate: each change is then checked record by record
 * (`checkDiscussionChanges`).
 */
export function mayWriteRoom(principal: Principal, room: RoomName): Decision {
  if (!principal.personal) return refused(SHARED_INVITE_READ_ONLY);
  switch (room.kind) {
    case "framework":
      return roleAtLeast(principal.role, "drafter")
        ? ALLOWED
        : refused(`a ${principal.role} cannot change the framework text`);
    case "discussion":
      return roleAtLeast(principal.role, "commenter")
        ? ALLOWED
        : refused(`a ${principal.role} cannot write to the discussion`);
    case "private":
      if (principal.party !== room.party) return refused("not a member of this party");
      return roleAtLeast(principal.role, "commenter")
        ? ALLOWED
        : refused(`a ${principal.role} can read but not write the private notes`);
  }
}

/** Whether the principal may manage invites, read the audit log and delete the framework. */
export function mayAdminister(principal: Principal): boolean {
  return principal.role === "mediator";
}

/** The REST operations and the least role each needs. */
export const REST_MINIMUM_ROLE = {
  readFramework: "observer",
  renameFramework: "drafter",
  deleteFramework: "mediator",
  manageInvites: "mediator",
  readAudit: "mediator",
} as const satisfies Record<string, Role>;
