import { describe, expect, it } from "vitest";
import { checkDiscussionChanges, type DiscussionChange } from "./discussionPolicy.js";
import type { Principal, Role } from "./roles.js";

function who(role: Role, party: string | null, name: string | null): Principal {
  return { frameworkId: "fw-aaaaaa", inviteId: "inv-000001", role, party, name };
}

const amal = who("commenter", "p-north", "Amal");
const by = (name: string, party: string | null) => ({ name, party });
const stanceRecord = (who: { name: string; party: string | null }) => ({
  stance: "accepts",
  condition: null,
  by: who,
  at: "2026-11-26T12:00:00.000Z",
});

function record(map: string, key: string, before: unknown, after: unknown): DiscussionChange {
  return { kind: "record", map, key, before, after };
}

function allowed(principal: Principal, ...changes: DiscussionChange[]): boolean {
  return checkDiscussionChanges(principal, changes).allowed;
}

describe("checkDiscussionChanges", () => {
  it("lets a commenter set and remove its own party's stance, as itself", () => {
    expect(
      allowed(
        amal,
        record("stances", "t-1:p-north", undefined, stanceRecord(by("Amal", "p-north"))),
      ),
    ).toBe(true);
    expect(
      allowed(
        amal,
        record("stances", "t-1:p-north", stanceRecord(by("Nour", "p-north")), undefined),
      ),
    ).toBe(true);
  });

  it("refuses another party's stance, a stance by someone else, an invalid stance or key", () => {
    expect(
      allowed(
        amal,
        record("stances", "t-1:p-south", undefined, stanceRecord(by("Amal", "p-north"))),
      ),
    ).toBe(false);
    expect(
      allowed(
        amal,
        record("stances", "t-1:p-north", undefined, stanceRecord(by("Bola", "p-north"))),
      ),
    ).toBe(false);
    expect(
      allowed(
        amal,
        record("stances", "t-1:p-north", undefined, stanceRecord(by("Amal", "p-south"))),
      ),
    ).toBe(false);
    expect(
      allowed(
        amal,
        record("stances", "t-1:p-north", undefined, { stance: "maybe", by: by("Amal", "p-north") }),
      ),
    ).toBe(false);
    expect(
      allowed(amal, record("stances", "t-1", undefined, stanceRecord(by("Amal", "p-north")))),
    ).toBe(false);
    expect(
      allowed(amal, record("stances", "t-1:p-south", stanceRecord(by("X", "p-south")), undefined)),
    ).toBe(false);
  });

  it("lets a drafter record any party's stance, as itself", () => {
    const dana = who("drafter", null, "Dana");
    expect(
      allowed(dana, record("stances", "t-1:p-south", undefined, stanceRecord(by("Dana", null)))),
    ).toBe(true);
    expect(
      allowed(
        dana,
        record("stances", "t-1:p-south", undefined, stanceRecord(by("Amal", "p-north"))),
      ),
    ).toBe(false);
  });

  it("protects every other record by its author", () => {
    const mine = { by: by("Amal", "p-north"), text: "x" };
    const theirs = { by: by("Bola", "p-south"), text: "y" };
    expect(allowed(amal, record("comments", "c1", undefined, mine))).toBe(true);
    expect(allowed(amal, record("comments", "c1", mine, { ...mine, text: "edited" }))).toBe(true);
    expect(allowed(amal, record("comments", "c1", mine, undefined))).toBe(true);
    expect(allowed(amal, record("comments", "c2", theirs, { ...theirs, text: "forged" }))).toBe(
      false,
    );
    expect(allowed(amal, record("comments", "c2", theirs, mine))).toBe(false);
    expect(allowed(amal, record("comments", "c2", theirs, undefined))).toBe(false);
    expect(allowed(amal, record("comments", "c3", undefined, { text: "no author" }))).toBe(false);
    expect(allowed(amal, record("comments", "c3", undefined, "plain string"))).toBe(false);
  });

  it("without a fixed name, the party alone is the identity", () => {
    const anyone = who("commenter", "p-north", null);
    expect(
      allowed(anyone, record("comments", "c1", undefined, { by: by("Whoever", "p-north") })),
    ).toBe(true);
    expect(
      allowed(anyone, record("comments", "c1", undefined, { by: by("Whoever", "p-south") })),
    ).toBe(false);
  });

  it("refuses anything that is not a record to non-mediators; mediators may do anything; observers nothing", () => {
    const other: DiscussionChange = { kind: "other", description: "text" };
    expect(allowed(amal, other)).toBe(false);
    expect(allowed(who("drafter", null, "D"), other)).toBe(false);
    expect(allowed(who("mediator", null, "M"), other)).toBe(true);
    expect(
      allowed(who("mediator", null, "M"), record("comments", "c", { by: by("A", "p") }, undefined)),
    ).toBe(true);
    expect(allowed(who("observer", "p-north", "O"))).toBe(false);
    // One refused change refuses the whole update.
    expect(
      allowed(
        amal,
        record("comments", "c1", undefined, { by: by("Amal", "p-north") }),
        record("comments", "c2", { by: by("Bola", "p-south") }, undefined),
      ),
    ).toBe(false);
  });
});
