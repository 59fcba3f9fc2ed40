// @vitest-environment node
import { describe, expect, it } from "vitest";
import { actorFor } from "./actor.js";

describe("actorFor", () => {
  it("acts as the token's party, and under the name the invite fixes", () => {
    expect(actorFor("Kofi", { name: "Kofi Mensah", party: "party-b" })).toEqual({
      name: "Kofi Mensah",
      party: "party-b",
    });
  });

  it("keeps the typed name when the invite leaves it free, and no party without a token", () => {
    expect(actorFor("Kofi", { name: null, party: "party-b" })).toEqual({
      name: "Kofi",
      party: "party-b",
    });
    expect(actorFor("Kofi", null)).toEqual({ name: "Kofi", party: null });
  });

  it("writes the token's role, so that a mediator's record for a party is marked as such", () => {
    expect(actorFor("Mo", { name: "Mo", party: null, role: "mediator" })).toEqual({
      name: "Mo",
      party: null,
      role: "mediator",
    });
  });
});
