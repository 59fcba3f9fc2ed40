import { describe, expect, it } from "vitest";
import { type InviteStanding, isLastMediatorInvite } from "./invitePolicy.js";

const mediator = (id: string, status: InviteStanding["status"] = "active"): InviteStanding => ({
  id,
  role: "mediator",
  status,
});

describe("isLastMediatorInvite", () => {
  it("is true for the only active mediator invite", () => {
    const invites = [mediator("m1"), { id: "d1", role: "drafter", status: "active" } as const];
    expect(isLastMediatorInvite(invites, "m1")).toBe(true);
  });

  it("ignores expired and revoked mediator invites as replacements", () => {
    const invites = [mediator("m1"), mediator("m2", "expired"), mediator("m3", "revoked")];
    expect(isLastMediatorInvite(invites, "m1")).toBe(true);
  });

  it("is false when another active mediator invite remains", () => {
    expect(isLastMediatorInvite([mediator("m1"), mediator("m2")], "m1")).toBe(false);
  });

  it("is false for invites of other roles, inactive invites and unknown ids", () => {
    const invites = [mediator("m1"), { id: "d1", role: "drafter", status: "active" } as const];
    expect(isLastMediatorInvite(invites, "d1")).toBe(false);
    expect(isLastMediatorInvite([mediator("m1", "expired")], "m1")).toBe(false);
    expect(isLastMediatorInvite(invites, "nope")).toBe(false);
  });
});
