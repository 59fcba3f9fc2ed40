import type { JoinedMember } from "@parley/shared/api";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { adoptTokenFromLocation, heldToken, saveToken, tokenFor } from "../collab/tokens.js";
import { personalizeToken } from "./frameworks.js";

const FW = "fw-aaaaaa";

function jwt(payload: object): string {
  const body = btoa(JSON.stringify(payload)).replace(/=+$/, "");
  return `eyJhbGciOiJIUzI1NiJ9.${body.replace(/\+/g, "-").replace(/\//g, "_")}.sig`;
}

const inviteToken = jwt({ jti: "inv-000001", fid: FW, role: "commenter" });
const personalToken = jwt({ jti: "inv-000001", fid: FW, role: "commenter", mid: "m-sam" });

const joined: JoinedMember = {
  token: personalToken,
  access: {
    frameworkId: FW,
    inviteId: "inv-000001",
    role: "commenter",
    party: "p-north",
    name: "Sam",
    member: "m-sam",
    personal: true,
    expiresAt: "2027-01-01T00:00:00.000Z",
  },
};

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe("opening an invite link", () => {
  it("exchanges the invite token for a personal one, with the chosen name", async () => {
    saveToken(FW, inviteToken);
    const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify(joined), { status: 201 });
      }),
    );
    await personalizeToken(FW, "Sam");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`/api/frameworks/${FW}/members`);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ name: "Sam" });
    expect(new Headers(calls[0]?.init?.headers).get("authorization")).toBe(`Bearer ${inviteToken}`);
    expect(heldToken(FW)).toEqual({ token: personalToken, access: joined.access });
    // A personal token is not exchanged again.
    await personalizeToken(FW, "Sam");
    expect(calls).toHaveLength(1);
  });

  it("keeps the invite token when the exchange is refused or the server is away", async () => {
    saveToken(FW, inviteToken);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("offline");
      }),
    );
    await personalizeToken(FW, "Sam");
    expect(tokenFor(FW)).toBe(inviteToken);
  });

  it("opening the same link again keeps the personal token it was exchanged for", () => {
    saveToken(FW, personalToken);
    window.history.replaceState(null, "", `/f/${FW}?token=${encodeURIComponent(inviteToken)}`);
    expect(adoptTokenFromLocation(FW)).toBe(true);
    expect(tokenFor(FW)).toBe(personalToken);
    expect(window.location.search).toBe("");
    // Another invite's link replaces it (to be exchanged in turn).
    const other = jwt({ jti: "inv-000002", fid: FW, role: "drafter" });
    window.history.replaceState(null, "", `/f/${FW}?token=${encodeURIComponent(other)}`);
    adoptTokenFromLocation(FW);
    expect(tokenFor(FW)).toBe(other);
  });
});
