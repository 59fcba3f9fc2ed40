/**
 * Turns a token into a `Principal`, or says why not (with the HTTP status and WebSocket close
 * code to answer). A token works only if its signature and expiry are valid AND its invite row
 * exists, matches the token, and is neither revoked nor expired: revoking an invite ends every
 * token issued for it at once. Also issues invites and their tokens.
 */
import { randomBytes } from "node:crypto";
import type { Principal, Role } from "@parley/shared/access/roles";
import type { AccessInfo, InviteSummary } from "@parley/shared/api";
import { CloseCode } from "@parley/shared/protocol";
import { cleanSingleLine } from "@parley/shared/text/clean";
import type { DocumentStorage, InviteRecord } from "../storage/documentStorage.js";
import { sameSecret } from "./secretCompare.js";
import type { TokenService } from "./tokens.js";

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

export type AuthResult = { ok: true; principal: Principal; expiresAt: Date } | AuthFailure;

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
      invite.name !== claims.name
    ) {
      // Unknown invite: its framework was deleted, or the token was never issued by this server.
      return failure("invalid_token", AUTH_MESSAGES.invalid);
    }
    const status = inviteStatus(invite, this.now());
    if (status === "revoked") return failure("token_revoked", AUTH_MESSAGES.revoked);
    if (status === "expired") return failure("token_expired", AUTH_MESSAGES.expired);
    const expiresAt = new Date(Math.min(claims.exp * 1000, Date.parse(invite.expiresAt)));
    return {
      ok: true,
      principal: {
        frameworkId: invite.frameworkId,
        inviteId: invite.id,
        role: invite.role,
        party: invite.party,
        name: invite.name,
      },
      expiresAt,
    };
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
        },
        expiresAt: new Date(this.now().getTime() + 60 * 60 * 1000),
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
    const token = await this.tokens.sign({
      frameworkId: invite.frameworkId,
      inviteId: invite.id,
      role: invite.role,
      party: invite.party,
      name: invite.name,
      exp,
    });
    return { invite, token };
  }

  principalOf(invite: InviteRecord): Principal {
    return {
      frameworkId: invite.frameworkId,
      inviteId: invite.id,
      role: invite.role,
      party: invite.party,
      name: invite.name,
    };
  }
}
