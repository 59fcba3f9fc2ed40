// @vitest-environment node
import { describe, expect, it } from "vitest";
import { describeInvite, inviteRequest } from "./inviteForm.js";

describe("invite form", () => {
  it("builds the request: party and name only when given, expiry in seconds", () => {
    expect(inviteRequest({ role: "observer", party: "", name: "  ", days: 1 })).toEqual({
      role: "observer",
      expiresIn: 86_400,
    });
    expect(
      inviteRequest({ role: "commenter", party: "p-north", name: " Amal ", days: 30 }),
    ).toEqual({
      role: "commenter",
      party: "p-north",
      name: "Amal",
      expiresIn: 30 * 86_400,
    });
  });

  it("says what the link allows", () => {
    expect(describeInvite({ role: "observer", party: "" }, null)).toMatch(/without changing/);
    expect(describeInvite({ role: "commenter", party: "p-north" }, "Northland")).toMatch(
      /member of Northland.*their party's stances/,
    );
  });
});
