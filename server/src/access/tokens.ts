/**
 * Signed tokens (JWT, HS256 with `jose`). A token names its invite (`jti`) and repeats what the
 * invite grants: framework (`fid`), role, party, display name, expiry. A PERSONAL token (issued
 * when an invite is exchanged, `POST /api/frameworks/:id/members`, or to a framework's creator)
 * also names its member (`mid`) and carries the name chosen then. The invite row stays the
 * source of truth: every use of a token also checks that its invite exists, matches, and is
 * neither revoked nor expired (`accessService.ts`).
 */

import { memberIdSchema } from "@parley/shared/access/members";
import { type Role, roleSchema } from "@parley/shared/access/roles";
import { isFrameworkId, isInviteId } from "@parley/shared/protocol";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

export interface TokenClaims {
  frameworkId: string;
  inviteId: string;
  role: Role;
  party: string | null;
  name: string | null;
  /** The member of a personal token; null for an invite token. */
  member: string | null;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const payloadSchema = z.object({
  fid: z.string().refine(isFrameworkId),
  jti: z.string().refine(isInviteId),
  role: roleSchema,
  party: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  mid: memberIdSchema.optional(),
  exp: z.number(),
});

export type VerifyResult =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: "expired" | "invalid" };

const ALGORITHM = "HS256";

export class TokenService {
  constructor(private readonly key: Uint8Array) {}

  sign(claims: TokenClaims): Promise<string> {
    const payload: Record<string, string> = { fid: claims.frameworkId, role: claims.role };
    if (claims.party !== null) payload.party = claims.party;
    if (claims.name !== null) payload.name = claims.name;
    if (claims.member !== null) payload.mid = claims.member;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
      .setJti(claims.inviteId)
      .setIssuedAt()
      .setExpirationTime(claims.exp)
      .sign(this.key);
  }

  /** Checks signature, algorithm, expiry and the claims' shape. Never throws. */
  async verify(token: string): Promise<VerifyResult> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM] });
      const parsed = payloadSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, reason: "invalid" };
      const p = parsed.data;
      return {
        ok: true,
        claims: {
          frameworkId: p.fid,
          inviteId: p.jti,
          role: p.role,
          party: p.party ?? null,
          name: p.name ?? null,
          member: p.mid ?? null,
          exp: p.exp,
        },
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
      return { ok: false, reason: "invalid" };
    }
  }
}
