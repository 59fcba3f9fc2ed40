/** What the UI offers for the held token's role (the server enforces the same rules). */
import {
  mayAdminister,
  mayWriteRoom,
  type Principal,
  type Role,
} from "@parley/shared/access/roles";
import type { AccessInfo } from "@parley/shared/api";

export interface AccessView {
  role: Role | null;
  party: string | null;
  /** The name fixed by the invite, if any. */
  name: string | null;
  canEditText: boolean;
  canWriteDiscussion: boolean;
  canAdminister: boolean;
  canWritePrivateNotes: boolean;
}

/**
 * Until the server has said what the token grants (`access` null), nothing is offered for
 * writing: a brief read-only moment rather than edits the server would drop.
 */
export function accessView(access: AccessInfo | null): AccessView {
  if (!access) {
    return {
      role: null,
      party: null,
      name: null,
      canEditText: false,
      canWriteDiscussion: false,
      canAdminister: false,
      canWritePrivateNotes: false,
    };
  }
  const principal: Principal = access;
  const { frameworkId } = access;
  return {
    role: access.role,
    party: access.party,
    name: access.name,
    canEditText: mayWriteRoom(principal, { kind: "framework", frameworkId }).allowed,
    canWriteDiscussion: mayWriteRoom(principal, { kind: "discussion", frameworkId }).allowed,
    canAdminister: mayAdminister(principal),
    canWritePrivateNotes:
      access.party !== null &&
      mayWriteRoom(principal, { kind: "private", frameworkId, party: access.party }).allowed,
  };
}
