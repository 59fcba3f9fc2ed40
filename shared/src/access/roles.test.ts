import { describe, expect, it } from "vitest";
import type { RoomName } from "../protocol.js";
import { mayOpenRoom, mayWriteRoom, type Principal, type Role, roleAtLeast } from "./roles.js";

function who(role: Role, party: string | null = null): Principal {
  return {
    frameworkId: "fw-aaaaaa",
    inviteId: "inv-000001",
    role,
    party,
    name: null,
    member: "m-1",
    personal: true,
  };
}

const framework: RoomName = { kind: "framework", frameworkId: "fw-aaaaaa" };
const discussion: RoomName = { kind: "discussion", frameworkId: "fw-aaaaaa" };
const northNotes: RoomName = { kind: "private", frameworkId: "fw-aaaaaa", party: "p-north" };

describe("roles", () => {
  it("orders roles observer < commenter < drafter < mediator", () => {
    expect(roleAtLeast("mediator", "drafter")).toBe(true);
    expect(roleAtLeast("drafter", "drafter")).toBe(true);
    expect(roleAtLeast("commenter", "drafter")).toBe(false);
    expect(roleAtLeast("observer", "commenter")).toBe(false);
  });

  it("opens only rooms of the token's framework, and a private room only for its party", () => {
    expect(mayOpenRoom(who("observer"), framework).allowed).toBe(true);
    expect(mayOpenRoom(who("observer"), { ...framework, frameworkId: "fw-other1" }).allowed).toBe(
      false,
    );
    expect(mayOpenRoom(who("observer", "p-north"), northNotes).allowed).toBe(true);
    expect(mayOpenRoom(who("mediator"), northNotes).allowed).toBe(false);
    expect(mayOpenRoom(who("drafter", "p-south"), northNotes).allowed).toBe(false);
  });

  it("writes the text from drafter up, the discussion from commenter up, own notes from commenter up", () => {
    const table: Array<[Role, RoomName, boolean]> = [
      ["observer", framework, false],
      ["commenter", framework, false],
      ["drafter", framework, true],
      ["mediator", framework, true],
      ["observer", discussion, false],
      ["commenter", discussion, true],
      ["observer", northNotes, false],
      ["commenter", northNotes, true],
    ];
    for (const [role, room, allowed] of table) {
      expect(mayWriteRoom(who(role, "p-north"), room).allowed, `${role} on ${room.kind}`).toBe(
        allowed,
      );
    }
    expect(mayWriteRoom(who("mediator", "p-south"), northNotes).allowed).toBe(false);
  });
});
