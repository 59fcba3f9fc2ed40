/**
 * Turns a token into a `Principal`, or says why not (with the HTTP status and WebSocket close
 * code to answer). A token works only if its signature and expiry are valid AND its invite row
 * exists, matches the token, and is neither revoked nor expired: revoking an invite ends every
 * token issued for it at once (personal tokens included). Also issues invites and their tokens,
 * and exchanges an invite token for a personal one (`members.ts` of shared/access says who is
 * who).
 */
import { randomBytes } from "node:crypto";
import { ADMIN_MEMBER, namedInviteMember, sharedMember } from "@parley/shared/access/members";
import type { Principal, Role } from "@parley/shared/access/roles";
import type { AccessInfo, InviteSummary } from "@parley/shared/api";
import { CloseCode } from "@parley/shared/protocol";
import { cleanSingleLine } from "@parley/shared/text/clean";
import type { DocumentStorage, InviteRecord } from "../storage/documentStorage.js";
import { sameSecret } from "./secretCompare.js";
import type { TokenClaims, TokenService } from "./tokens.js";

export type AuthFailureCode =
  | "missing_token"
  | "invalid_token"
  | "token_expired"
  | "token_revoked"
  | "forbidden";

export interface AuthFailure {
  ok: false;
  code: AuthFailureCode;
  message: string;
  status: 401 | 403;
  closeCode: CloseCode;
}

export type AuthResult =
  | {
      ok: true;
      principal: Principal;
      expiresAt: Date;
      /** Whether the token is a personal one (names its member), not an invite token. */
      personalToken: boolean;
    }
  | AuthFailure;

function failure(code: AuthFailureCode, message: string): AuthFailure {
  switch (code) {
    case "forbidden":
      return { ok: false, code, message, status: 403, closeCode: CloseCode.forbidden };
    case "token_revoked":
      return { ok: false, code, message, status: 401, closeCode: CloseCode.revoked };
    default:
      return { ok: false, code, message, status: 401, closeCode: CloseCode.unauthorized };
  }
}

export const AUTH_MESSAGES = {
  missing: "This needs an access token: open the invite link you were given.",
  invalid: "The access token is not valid. Ask the mediator for a new invite link.",
  expired: "The access token has expired. Ask the mediator for a new invite link.",
  revoked: "This invite link was revoked. Ask the mediator for a new one.",
  otherFramework: "The access token belongs to another framework.",
} as const;

export interface NewInvite {
  frameworkId: string;
  role: Role;
  party: string | null;
  name: string | null;
  /** Seconds from now. */
  expiresIn: number;
}

export function newInviteId(): string {
  return randomBytes(12).toString("base64url");
}

/** A new member of an invite without a fixed name (one per exchange). */
export function newMemberId(): string {
  return `m-${randomBytes(16).toString("base64url")}`;
}

/** Who an invite token stands for, used directly: the named person, or no one in particular. */
function inviteMember(invite: InviteRecord): { member: string; personal: boolean } {
  return invite.name !== null
    ? { member: namedInviteMember(invite.id), personal: true }
    : { member: sharedMember(invite.id), personal: false };
}

/**
 * Whether the token's name and member fit its invite: an invite token repeats the invite's name;
 * a personal token of a named invite has that name and the invite's own member; a personal token
 * of an unnamed invite has a member of its own (never the named-invite one).
 */
function personalClaimsMatch(invite: InviteRecord, claims: TokenClaims): boolean {
  if (claims.member === null) return invite.name === claims.name;
  if (invite.name === null) return claims.member !== namedInviteMember(invite.id);
  return invite.name === claims.name && claims.member === namedInviteMember(invite.id);
}

/** A personal token of an invite: issued when it is exchanged (or to a framework's creator). */
export interface PersonalAccess {
  token: string;
  principal: Principal;
  expiresAt: Date;
}

export function inviteStatus(invite: InviteRecord, now: Date): InviteSummary["status"] {
  if (invite.revokedAt !== null) return "revoked";
  return Date.parse(invite.expiresAt) <= now.getTime() ? "expired" : "active";
}

export function inviteSummary(invite: InviteRecord, now: Date): InviteSummary {
  return { ...invite, status: inviteStatus(invite, now) };
}

export function accessInfo(principal: Principal, expiresAt: Date): AccessInfo {
  return { ...principal, expiresAt: expiresAt.toISOString() };
}

/** The invite id audit rows show for requests made with the admin token. */
export const ADMIN_INVITE_ID = "admin-token";

export class AccessService {
  constructor(
    private readonly storage: DocumentStorage,
    private readonly tokens: TokenService,
    private readonly now: () => Date = () => new Date(),
    /** `PARLEY_ADMIN_TOKEN`: on REST, acts as a mediator of every framework. */
    private readonly adminToken: string | null = null,
  ) {}

  /** Verifies a token and its invite. `null`/empty → missing. */
  async authenticate(token: string | null | undefined): Promise<AuthResult> {
    if (!token) return failure("missing_token", AUTH_MESSAGES.missing);
    const verified = await this.tokens.verify(token);
    if (!verified.ok) {
      return verified.reason === "expired"
        ? failure("token_expired", AUTH_MESSAGES.expired)
        : failure("invalid_token", AUTH_MESSAGES.invalid);
    }
    const claims = verified.claims;
    const invite = await this.storage.getInvite(claims.inviteId);
    if (
      !invite ||
      invite.frameworkId !== claims.frameworkId ||
      invite.role !== claims.role ||
      invite.party !== claims.party ||
      !personalClaimsMatch(invite, claims)
    ) {
      // Unknown invite: its framework was deleted, or the token was never issued by this server.
      return failure("invalid_token", AUTH_MESSAGES.invalid);
    }
    const status = inviteStatus(invite, this.now());
    if (status === "revoked") return failure("token_revoked", AUTH_MESSAGES.revoked);
    if (status === "expired") return failure("token_expired", AUTH_MESSAGES.expired);
    const expiresAt = new Date(Math.min(claims.exp * 1000, Date.parse(invite.expiresAt)));
    const principal =
      claims.member === null
        ? this.principalOf(invite)
        : { ...this.principalOf(invite), name: claims.name, member: claims.member, personal: true };
    return { ok: true, principal, expiresAt, personalToken: claims.member !== null };
  }

  /**
   * Authenticates a REST call for `frameworkId`: a token of that framework, or the admin token
   * (operator access: a mediator of every framework).
   */
  async authenticateFor(
    frameworkId: string,
    token: string | null | undefined,
  ): Promise<AuthResult> {
    if (token && sameSecret(token, this.adminToken)) {
      return {
        ok: true,
        principal: {
          frameworkId,
          inviteId: ADMIN_INVITE_ID,
          role: "mediator",
          party: null,
          name: "Administrator",
          member: ADMIN_MEMBER,
          personal: true,
        },
        expiresAt: new Date(this.now().getTime() + 60 * 60 * 1000),
        personalToken: true,
      };
    }
    const result = await this.authenticate(token);
    if (result.ok && result.principal.frameworkId !== frameworkId) {
      return failure("forbidden", AUTH_MESSAGES.otherFramework);
    }
    return result;
  }

  /** The invite row for a new invite (not stored yet) and its token. */
  async prepareInvite(input: NewInvite): Promise<{ invite: InviteRecord; token: string }> {
    const now = this.now();
    const exp = Math.floor(now.getTime() / 1000) + input.expiresIn;
    const invite: InviteRecord = {
      id: newInviteId(),
      frameworkId: input.frameworkId,
      role: input.role,
      party: input.party,
      // The name is fixed in every token of the invite: one line, no controls or bidi overrides.
      name: input.name === null ? null : cleanSingleLine(input.name).trim() || null,
      createdAt: now.toISOString(),
      expiresAt: new Date(exp * 1000).toISOString(),
      revokedAt: null,
    };
    const token = await this.inviteToken(invite);
    return { invite, token };
  }

  /**
   * The invite link's token of an existing invite, signed again (for a mediator to copy the link
   * later: tokens are not stored). It carries exactly the claims of the one made at creation and
   * expires with the invite; like it, it stops working when the invite is revoked.
   */
  inviteToken(invite: InviteRecord): Promise<string> {
    return this.tokens.sign({
      frameworkId: invite.frameworkId,
      inviteId: invite.id,
      role: invite.role,
      party: invite.party,
      name: invite.name,
      member: null,
      exp: Math.floor(Date.parse(invite.expiresAt) / 1000),
    });
  }

  /** Who the invite's own token stands for (`inviteMember`). */
  principalOf(invite: InviteRecord): Principal {
    return {
      frameworkId: invite.frameworkId,
      inviteId: invite.id,
      role: invite.role,
      party: invite.party,
      name: invite.name,
      ...inviteMember(invite),
    };
  }

  /**
   * A personal token of `invite`: the member of a named invite is the invite's own, and `name`
   * is ignored; an unnamed invite gets a new member with `name` (null only for a creator who gave
   * none). The token expires with its invite, and revoking the invite ends it.
   */
  async issuePersonal(invite: InviteRecord, name: string | null): Promise<PersonalAccess> {
    const fixed = invite.name !== null;
    const principal: Principal = {
      ...this.principalOf(invite),
      name: fixed ? invite.name : name,
      member: fixed ? namedInviteMember(invite.id) : newMemberId(),
      personal: true,
    };
    const expiresAt = new Date(invite.expiresAt);
    const token = await this.tokens.sign({
      frameworkId: invite.frameworkId,
      inviteId: invite.id,
      role: invite.role,
      party: invite.party,
      name: principal.name,
      member: principal.member,
      exp: Math.floor(expiresAt.getTime() / 1000),
    });
    return { token, principal, expiresAt };
  }
}
