/** The share dialog's form as pure data: what the mediator chose, and the request it makes. */
import type { Role } from "@parley/shared/access/roles";
import type { CreateInviteBody } from "@parley/shared/api";

export interface InviteFormValues {
  role: Role;
  /** Party id, or "" for none. */
  party: string;
  /** Fixed display name, or "" to let the person choose. */
  name: string;
  /** Days until the link expires. */
  days: number;
}

export const INVITE_DAY_CHOICES = [1, 7, 30, 90, 365] as const;

export const DEFAULT_INVITE: InviteFormValues = {
  role: "commenter",
  party: "",
  name: "",
  days: 30,
};

export function inviteRequest(values: InviteFormValues): CreateInviteBody {
  const body: CreateInviteBody = { role: values.role, expiresIn: values.days * 24 * 60 * 60 };
  if (values.party) body.party = values.party;
  if (values.name.trim()) body.name = values.name.trim();
  return body;
}

/** What the link lets its holder do, in a sentence for the dialog. */
export function describeInvite(
  values: Pick<InviteFormValues, "role" | "party">,
  partyName: string | null,
): string {
  const who = values.party ? `a member of ${partyName ?? values.party}` : "someone without a party";
  switch (values.role) {
    case "observer":
      return `Lets ${who} read the framework and discussion, without changing anything.`;
    case "commenter":
      return `Lets ${who} comment and record ${values.party ? "their party's" : "no"} stances; the text stays read-only.`;
    case "drafter":
      return `Lets ${who} edit the framework text and comment.`;
    case "mediator":
      return `Lets ${who} do everything, including inviting and revoking others.`;
  }
}
