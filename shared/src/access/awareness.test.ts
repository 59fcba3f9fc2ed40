import { describe, expect, it } from "vitest";
import { awarenessClaimsOtherIdentity, correctAwarenessState } from "./awareness.js";
import { colourOfMember } from "./colours.js";
import type { Principal } from "./roles.js";

const amal: Principal = {
  frameworkId: "fw-aaaaaa",
  inviteId: "inv-000001",
  role: "commenter",
  party: "p-north",
  name: "Amal",
  member: "m-amal",
  personal: true,
};

describe("awareness identity", () => {
  it("replaces a claimed name, party and role with the token's, keeping other fields", () => {
    const claimed = {
      user: { name: "Mo", party: "p-south", role: "mediator", color: "#123456" },
      cursor: 1,
    };
    expect(awarenessClaimsOtherIdentity(claimed, amal)).toBe(true);
    expect(correctAwarenessState(claimed, amal)).toEqual({
      user: { name: "Amal", party: "p-north", role: "commenter", color: colourOfMember("m-amal") },
      cursor: 1,
    });
  });

  it("keeps the chosen name when the invite fixes none, and leaves states without a user alone", () => {
    const free = { ...amal, name: null };
    expect(correctAwarenessState({ user: { name: "Amal H." } }, free)).toEqual({
      user: {
        name: "Amal H.",
        party: "p-north",
        role: "commenter",
        color: colourOfMember("m-amal"),
      },
    });
    expect(awarenessClaimsOtherIdentity({ user: { name: "Amal H." } }, free)).toBe(false);
    expect(correctAwarenessState({ cursor: null }, amal)).toEqual({ cursor: null });
    expect(correctAwarenessState(null, amal)).toBeNull();
    expect(correctAwarenessState({ user: "not an object" }, amal)).toEqual({
      user: { name: "Amal", party: "p-north", role: "commenter", color: colourOfMember("m-amal") },
    });
  });

  it("a chosen name with controls, line breaks and an RTL override is relayed stripped (issue 14)", () => {
    const free = { ...amal, name: null };
    expect(correctAwarenessState({ user: { name: "\u202EAmal\u0000\r\nH.\u001B" } }, free)).toEqual(
      {
        user: {
          name: "Amal H.",
          party: "p-north",
          role: "commenter",
          color: colourOfMember("m-amal"),
        },
      },
    );
  });
});

describe("awareness colour", () => {
  it("is the member's own colour, whatever the client proposes, and is not an impersonation", () => {
    const state = { user: { name: "Amal", color: "#000000" } };
    expect(correctAwarenessState(state, amal)).toMatchObject({
      user: { color: colourOfMember("m-amal") },
    });
    expect(awarenessClaimsOtherIdentity(state, amal)).toBe(false);
  });
});
