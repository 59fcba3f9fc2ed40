import { describe, expect, it } from "vitest";
import {
  checkDiscussionChanges,
  type DiscussionChange,
  type DiscussionContext,
} from "./discussionPolicy.js";
import { namedInviteMember } from "./members.js";
import type { Principal, Role } from "./roles.js";

function who(role: Role, party: string | null, name: string | null): Principal {
  return {
    frameworkId: "fw-aaaaaa",
    inviteId: "inv-000001",
    role,
    party,
    name,
    member: `m-${name}`,
    personal: true,
  };
}

const amal = who("commenter", "p-north", "Amal");
const by = (name: string, party: string | null, member = `m-${name}`) => ({ name, party, member });
const stanceRecord = (who: {
  name: string;
  party: string | null;
  member?: string;
  role?: Role;
}) => ({
  stance: "accepts",
  condition: null,
  by: who,
  at: "2026-11-26T12:00:00.000Z",
});

function record(map: string, key: string, before: unknown, after: unknown): DiscussionChange {
  return { kind: "record", map, key, before, after };
}

const NO_EVENTS: DiscussionContext = { highestEventSeq: () => 0 };

function allowed(principal: Principal, ...changes: DiscussionChange[]): boolean {
  return checkDiscussionChanges(principal, changes, NO_EVENTS).allowed;
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

  it("lets a drafter record only its own party's stance, as itself", () => {
    const dana = who("drafter", "p-north", "Dana");
    expect(
      allowed(
        dana,
        record("stances", "t-1:p-north", undefined, stanceRecord(by("Dana", "p-north"))),
      ),
    ).toBe(true);
    // Another party's stance: refused, even written as itself.
    expect(
      allowed(
        dana,
        record("stances", "t-1:p-south", undefined, stanceRecord(by("Dana", "p-north"))),
      ),
    ).toBe(false);
    // Removing another party's stance: refused too.
    expect(
      allowed(
        dana,
        record("stances", "t-1:p-south", stanceRecord(by("Bola", "p-south")), undefined),
      ),
    ).toBe(false);
    // A drafter without a party records no stance.
    const nobody = who("drafter", null, "Nil");
    expect(
      allowed(nobody, record("stances", "t-1:p-south", undefined, stanceRecord(by("Nil", null)))),
    ).toBe(false);
  });

  it("refuses a record that claims another role than the token's", () => {
    const dana = who("drafter", "p-north", "Dana");
    const claimed = stanceRecord({ ...by("Dana", "p-north"), role: "mediator" as const });
    expect(allowed(dana, record("stances", "t-1:p-north", undefined, claimed))).toBe(false);
    const honest = stanceRecord({ ...by("Dana", "p-north"), role: "drafter" as const });
    expect(allowed(dana, record("stances", "t-1:p-north", undefined, honest))).toBe(true);
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

  it("an unnamed invite's members are told apart by member id, not by party", () => {
    const first = { ...who("commenter", "p-north", "Sam"), member: "m-first" };
    const second = { ...who("commenter", "p-north", "Sam"), member: "m-second" };
    const firsts = { by: by("Sam", "p-north", "m-first"), text: "x" };
    expect(allowed(first, record("comments", "c1", undefined, firsts))).toBe(true);
    expect(allowed(second, record("comments", "c1", firsts, { ...firsts, text: "forged" }))).toBe(
      false,
    );
    expect(allowed(second, record("comments", "c1", firsts, undefined))).toBe(false);
    // A record written without the writer's member id is refused.
    expect(
      allowed(
        first,
        record("comments", "c2", undefined, { by: { name: "Sam", party: "p-north" } }),
      ),
    ).toBe(false);
  });

  it("an invite token used directly without a fixed name writes nothing", () => {
    const shared = { ...who("commenter", "p-north", null), personal: false };
    expect(
      allowed(shared, record("comments", "c1", undefined, { by: by("null", "p-north") })),
    ).toBe(false);
    expect(
      allowed({ ...who("mediator", null, null), personal: false }, record("c", "k", 1, 2)),
    ).toBe(false);
  });

  it("a record from before member ids belongs to the one person of its named invite", () => {
    const named = { ...amal, member: namedInviteMember(amal.inviteId) };
    const legacy = { by: { name: "Amal", party: "p-north" }, text: "old" };
    const edited = { by: { ...legacy.by, member: named.member }, text: "new" };
    expect(allowed(named, record("comments", "c1", legacy, edited))).toBe(true);
    // An exchanged member of an unnamed invite cannot claim it by name.
    expect(allowed(amal, record("comments", "c1", legacy, undefined))).toBe(false);
  });

  it("a thread's state events must carry the next sequence number", () => {
    const event = (eventId: string, seq: number) => ({
      threadId: "c-1",
      eventId,
      action: "resolved",
      by: by("Amal", "p-north"),
      authorId: "u-1",
      at: "2026-11-26T12:00:00.000Z",
      seq,
      appliedText: null,
    });
    const atTwo: DiscussionContext = { highestEventSeq: () => 2 };
    const check = (...changes: DiscussionChange[]) =>
      checkDiscussionChanges(amal, changes, atTwo).allowed;
    expect(check(record("threadEvents", "c-1:e-3", undefined, event("e-3", 3)))).toBe(true);
    expect(check(record("threadEvents", "c-1:e-9", undefined, event("e-9", 9)))).toBe(false);
    expect(check(record("threadEvents", "c-1:e-2", undefined, event("e-2", 2)))).toBe(false);
    expect(
      check(
        record("threadEvents", "c-1:e-4", undefined, event("e-4", 4)),
        record("threadEvents", "c-1:e-3", undefined, event("e-3", 3)),
      ),
    ).toBe(true);
    expect(check(record("threadEvents", "c-1:e-1", event("e-1", 1), { ...event("e-1", 7) }))).toBe(
      false,
    );
    expect(check(record("threadEvents", "c-1:e-x", undefined, event("e-3", 3)))).toBe(false);
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
