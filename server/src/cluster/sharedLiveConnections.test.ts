import { CloseCode } from "@parley/shared/protocol";
import { describe, expect, it } from "vitest";
import { SharedLiveConnections } from "./sharedLiveConnections.js";

const LATER = new Date("2099-01-01T00:00:00.000Z");

describe("live connections shared between processes", () => {
  it("closes a connection that registers after its invite's revocation was handled here", () => {
    const announced: string[] = [];
    const live = new SharedLiveConnections((inviteId) => announced.push(inviteId));
    const closes: Array<[string, number]> = [];
    live.register("inv-a", LATER, (code) => closes.push(["early", code]));
    // Another process revoked it (pub/sub or PostgreSQL): closed here, not announced again.
    expect(live.closeLocal("inv-a", CloseCode.revoked, "invite revoked")).toBe(1);
    expect(announced).toEqual([]);
    // Its token was checked before the revocation committed; it registers only now.
    live.register("inv-a", LATER, (code) => closes.push(["late", code]));
    // Revoked here: announced, and closes that register later too.
    live.closeInvite("inv-b", CloseCode.revoked, "invite revoked");
    live.register("inv-b", LATER, (code) => closes.push(["late-b", code]));
    live.register("inv-c", LATER, (code) => closes.push(["other", code]));
    expect(announced).toEqual(["inv-b"]);
    expect(closes).toEqual([
      ["early", CloseCode.revoked],
      ["late", CloseCode.revoked],
      ["late-b", CloseCode.revoked],
    ]);
  });
});
