// @vitest-environment node
import type { AuditEntry, InviteSummary } from "@parley/shared/api";
import { describe, expect, it } from "vitest";
import { auditDetail, auditNames, auditWhere, auditWho } from "./auditView.js";

const invite = (id: string, name: string | null, party: string | null): InviteSummary => ({
  id,
  frameworkId: "fw-aaaaaa",
  role: "commenter",
  party,
  name,
  createdAt: "2026-12-01T00:00:00.000Z",
  expiresAt: "2026-12-31T00:00:00.000Z",
  revokedAt: null,
  status: "active",
});

const names = auditNames(
  [invite("AmalInvite01", "Amal", "p-north"), invite("SharedLink01", null, "p-south")],
  [
    { id: "p-north", name: "North" },
    { id: "p-south", name: "South" },
  ],
);

const entry = (patch: Partial<AuditEntry>): AuditEntry => ({
  seq: 1,
  frameworkId: "fw-aaaaaa",
  at: "2026-12-06T10:00:00.000Z",
  action: "connected",
  room: "fw-aaaaaa",
  inviteId: "AmalInvite01",
  user: "Amal",
  party: "p-north",
  role: "commenter",
  bytes: 0,
  count: 1,
  detail: null,
  ...patch,
});

describe("audit log in words", () => {
  it("names who acted with their party's name, not its id", () => {
    expect(auditWho(entry({}), names)).toBe("Amal (Commenter, North)");
    expect(auditWho(entry({ user: null, inviteId: "SharedLink01", party: "p-south" }), names)).toBe(
      "someone with a Commenter link (Commenter, South)",
    );
    expect(auditWho(entry({ role: null }), names)).toBe("someone without a valid token");
  });

  it("names invites and parties in the detail instead of their ids", () => {
    expect(
      auditDetail("invite AmalInvite01 (role commenter, party p-north, name Amal)", names),
    ).toBe("invite of Amal (Commenter, North) (role commenter, party North, name Amal)");
    expect(auditDetail("member m-x81Kd of invite SharedLink01", names)).toBe(
      "a member of invite of Commenter link (South)",
    );
    expect(auditDetail("invite UnknownInv01 revoked", names)).toBe("invite UnknownInv01 revoked");
  });

  it("says which room in words", () => {
    expect(auditWhere("fw-aaaaaa", names)).toBe("text");
    expect(auditWhere("fw-aaaaaa/discussion", names)).toBe("discussion");
    expect(auditWhere("fw-aaaaaa/private/p-north", names)).toBe("private notes of North");
    expect(auditWhere(null, names)).toBe("—");
  });
});
