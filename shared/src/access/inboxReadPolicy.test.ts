import { describe, expect, it } from "vitest";
import { INBOX_READS_MAP } from "../model/inbox.js";
import { checkDiscussionChanges, type DiscussionChange } from "./discussionPolicy.js";
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
const nour: Principal = { ...amal, name: "Nour", member: "m-nour", role: "drafter" };
const observer: Principal = { ...amal, role: "observer", name: "Olu", member: "m-olu" };

const readState = (member: string, name: string) => ({
  by: { name, party: "p-north", member },
  readIds: ["c-1", "c-1:r-2"],
  at: "2026-12-06T06:00:00.000Z",
});

function write(key: string, before: unknown, after: unknown): DiscussionChange {
  return { kind: "record", map: INBOX_READS_MAP, key, before, after };
}

function allowed(principal: Principal, change: DiscussionChange): boolean {
  return checkDiscussionChanges(principal, [change], { highestEventSeq: () => 0 }).allowed;
}

describe("inbox read state in the discussion policy", () => {
  it("lets a member write and update the read state under their own member id", () => {
    expect(allowed(amal, write("m-amal", undefined, readState("m-amal", "Amal")))).toBe(true);
    expect(
      allowed(amal, write("m-amal", readState("m-amal", "Amal"), readState("m-amal", "Amal"))),
    ).toBe(true);
  });

  it("refuses writing under another member's id, even a record claiming oneself", () => {
    const squat = checkDiscussionChanges(
      amal,
      [write("m-nour", undefined, readState("m-amal", "Amal"))],
      { highestEventSeq: () => 0 },
    );
    expect(squat.allowed).toBe(false);
    expect(squat.allowed ? "" : squat.reason).toContain("another member's read state");
    expect(
      allowed(nour, write("m-amal", readState("m-amal", "Amal"), readState("m-nour", "Nour"))),
    ).toBe(false);
    expect(allowed(nour, write("m-amal", readState("m-amal", "Amal"), undefined))).toBe(false);
  });

  it("refuses a read state that is not a valid record or not written as oneself", () => {
    expect(allowed(amal, write("m-amal", undefined, { by: amal, readIds: "all" }))).toBe(false);
    expect(allowed(amal, write("m-amal", undefined, readState("m-nour", "Nour")))).toBe(false);
  });

  it("an observer writes no read state to the room", () => {
    expect(allowed(observer, write("m-olu", undefined, readState("m-olu", "Olu")))).toBe(false);
  });
});
