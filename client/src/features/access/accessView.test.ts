// @vitest-environment node
import type { AccessInfo } from "@parley/shared/api";
import { describe, expect, it } from "vitest";
import { accessView } from "./accessView.js";

const base: AccessInfo = {
  frameworkId: "fw-aaaaaa",
  inviteId: "inv-000001",
  role: "observer",
  party: "p-north",
  name: "Amal",
  member: "m-amal",
  personal: true,
  expiresAt: "2027-01-01T00:00:00.000Z",
};

describe("accessView", () => {
  it("offers nothing until the server has said what the token grants", () => {
    expect(accessView(null)).toMatchObject({ canEditText: false, canWriteDiscussion: false });
  });

  it("follows the role", () => {
    expect(accessView(base)).toMatchObject({
      canEditText: false,
      canWriteDiscussion: false,
      canWritePrivateNotes: false,
      canAdminister: false,
    });
    expect(accessView({ ...base, role: "commenter" })).toMatchObject({
      canEditText: false,
      canWriteDiscussion: true,
      canWritePrivateNotes: true,
    });
    expect(accessView({ ...base, role: "drafter", party: null })).toMatchObject({
      canEditText: true,
      canWritePrivateNotes: false,
      canAdminister: false,
    });
    expect(accessView({ ...base, role: "mediator" }).canAdminister).toBe(true);
  });

  it("offers no writing to an invite link's token used before its exchange", () => {
    expect(
      accessView({ ...base, role: "drafter", name: null, member: "s-inv", personal: false }),
    ).toMatchObject({ canEditText: false, canWriteDiscussion: false });
  });
});
