// @vitest-environment node
import type { InviteSummary } from "@parley/shared/api";
import { describe, expect, it } from "vitest";
import { inviteRows, LAST_MEDIATOR_REASON } from "./inviteRows.js";

const invite = (
  id: string,
  role: InviteSummary["role"],
  status: InviteSummary["status"] = "active",
): InviteSummary => ({
  id,
  frameworkId: "fw-aaaaaa",
  role,
  party: null,
  name: null,
  createdAt: "2026-12-01T00:00:00.000Z",
  expiresAt: "2026-12-31T00:00:00.000Z",
  revokedAt: status === "revoked" ? "2026-12-02T00:00:00.000Z" : null,
  status,
});

describe("invite rows", () => {
  it("marks the viewer's own invite", () => {
    const rows = inviteRows(
      [invite("MineMine01", "mediator"), invite("Other00001", "drafter")],
      "MineMine01",
    );
    expect(rows.map((r) => r.own)).toEqual([true, false]);
  });

  it("does not offer revoking the last active mediator invite", () => {
    const rows = inviteRows(
      [
        invite("Mediator01", "mediator"),
        invite("Mediator02", "mediator", "revoked"),
        invite("Drafter001", "drafter"),
      ],
      "Mediator01",
    );
    expect(rows.map((r) => r.keepReason)).toEqual([LAST_MEDIATOR_REASON, null, null]);
  });

  it("offers revoking a mediator invite while another mediator invite is active", () => {
    const rows = inviteRows(
      [invite("Mediator01", "mediator"), invite("Mediator02", "mediator")],
      null,
    );
    expect(rows.map((r) => r.keepReason)).toEqual([null, null]);
  });

  it("treats revoked and expired invites as inactive", () => {
    const rows = inviteRows(
      [invite("Gone000001", "drafter", "revoked"), invite("Old0000001", "observer", "expired")],
      null,
    );
    expect(rows.map((r) => r.active)).toEqual([false, false]);
  });
});
