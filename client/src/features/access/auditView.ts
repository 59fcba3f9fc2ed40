/**
 * The audit log in words people read: names instead of invite, member and party ids. Pure: the
 * dialog passes the framework's invites and parties.
 */
import { ROLE_LABELS } from "@parley/shared/access/roles";
import type { AuditEntry, InviteSummary } from "@parley/shared/api";
import { parseRoomName } from "@parley/shared/protocol";

export interface AuditNames {
  invites: ReadonlyMap<string, Pick<InviteSummary, "role" | "party" | "name">>;
  parties: ReadonlyMap<string, string>;
}

export function auditNames(
  invites: readonly InviteSummary[],
  parties: readonly { id: string; name: string }[],
): AuditNames {
  return {
    invites: new Map(invites.map((invite) => [invite.id, invite])),
    parties: new Map(parties.map((party) => [party.id, party.name])),
  };
}

function partyName(party: string, names: AuditNames): string {
  return names.parties.get(party) ?? party;
}

/** "Amal (Commenter, North)"; an invite without a name: "Commenter link (North)". */
function inviteLabel(
  invite: Pick<InviteSummary, "role" | "party" | "name">,
  names: AuditNames,
): string {
  const party = invite.party === null ? "" : partyName(invite.party, names);
  if (invite.name) return `${invite.name} (${ROLE_LABELS[invite.role]}${party && `, ${party}`})`;
  return `${ROLE_LABELS[invite.role]} link${party && ` (${party})`}`;
}

/** Who acted: their name, role and party's name; the invite's name if the entry has none. */
export function auditWho(entry: AuditEntry, names: AuditNames): string {
  if (!entry.role) return "someone without a valid token";
  const invite = entry.inviteId === null ? undefined : names.invites.get(entry.inviteId);
  const name = entry.user ?? invite?.name ?? `someone with a ${ROLE_LABELS[entry.role]} link`;
  const party = entry.party === null ? "" : `, ${partyName(entry.party, names)}`;
  return `${name} (${ROLE_LABELS[entry.role]}${party})`;
}

/** Which room: the text, the discussion, or a party's private notes. */
export function auditWhere(room: string | null, names: AuditNames): string {
  if (room === null) return "—";
  const parsed = parseRoomName(room);
  if (!parsed) return room;
  switch (parsed.kind) {
    case "framework":
      return "text";
    case "discussion":
      return "discussion";
    case "private":
      return `private notes of ${partyName(parsed.party, names)}`;
  }
}

/** The detail with known invite ids named, member ids left out and party ids named. */
export function auditDetail(detail: string | null, names: AuditNames): string {
  if (!detail) return "";
  return detail
    .replace(/member [A-Za-z0-9_-]+ of invite/g, "a member of invite")
    .replace(/invite ([A-Za-z0-9_-]{6,64})/g, (whole, id: string) => {
      const invite = names.invites.get(id);
      return invite ? `invite of ${inviteLabel(invite, names)}` : whole;
    })
    .replace(/party ([A-Za-z0-9_-]{1,64})/g, (whole, id: string) =>
      names.parties.has(id) ? `party ${partyName(id, names)}` : whole,
    );
}
