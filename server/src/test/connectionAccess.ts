/** Connection access of test people, for core tests that open rooms without tokens. */
import type { Role } from "@parley/shared/access/roles";
import type { ConnectionAccess } from "../core/room.js";

/** One person of party p-north in framework `frameworkId` (member id from the invite). */
export function northAccess(frameworkId: string, inviteId: string, role: Role): ConnectionAccess {
  return {
    principal: {
      frameworkId,
      inviteId,
      role,
      party: "p-north",
      name: inviteId,
      member: `i-${inviteId}`,
      personal: true,
    },
    id: inviteId.length,
  };
}
