// @vitest-environment node
import type { AccessInfo } from "@parley/shared/api";
import { describe, expect, it } from "vitest";
import { memoryStorage } from "../test/memoryStorage.js";
import {
  allTokens,
  forgetToken,
  heldToken,
  isPersonalToken,
  nameFixedFor,
  saveAccess,
  saveToken,
  splitTokenFromUrl,
  tokenClaims,
  tokenFor,
  tokenName,
} from "./tokens.js";

const access: AccessInfo = {
  frameworkId: "fw-aaaaaa",
  inviteId: "inv-000001",
  role: "observer",
  party: null,
  name: null,
  member: "s-inv-000001",
  personal: false,
  expiresAt: "2027-01-01T00:00:00.000Z",
};

describe("held tokens", () => {
  it("keeps one token per framework, with what it grants once known", () => {
    const storage = memoryStorage();
    saveToken("fw-aaaaaa", "t1", null, storage);
    saveToken("fw-bbbbbb", "t2", null, storage);
    expect(tokenFor("fw-aaaaaa", storage)).toBe("t1");
    saveAccess(access, storage);
    expect(heldToken("fw-aaaaaa", storage)).toEqual({ token: "t1", access });
    // The same token again keeps its access; a new token replaces both.
    saveToken("fw-aaaaaa", "t1", null, storage);
    expect(heldToken("fw-aaaaaa", storage)?.access).toEqual(access);
    saveToken("fw-aaaaaa", "t3", null, storage);
    expect(heldToken("fw-aaaaaa", storage)).toEqual({ token: "t3", access: null });
    expect(
      allTokens(storage)
        .map((t) => t.frameworkId)
        .sort(),
    ).toEqual(["fw-aaaaaa", "fw-bbbbbb"]);
    forgetToken("fw-aaaaaa", storage);
    expect(tokenFor("fw-aaaaaa", storage)).toBeNull();
  });

  it("ignores corrupt storage", () => {
    const storage = memoryStorage();
    storage.setItem("parley.tokens", "{not json");
    expect(allTokens(storage)).toEqual([]);
    storage.setItem(
      "parley.tokens",
      JSON.stringify({ a: { nope: 1 }, b: { token: "x", access: null } }),
    );
    expect(allTokens(storage)).toEqual([{ frameworkId: "b", token: "x" }]);
  });

  it("takes the token out of an invite link, keeping the rest of the URL", () => {
    expect(splitTokenFromUrl("http://h/f/fw-aaaaaa?token=abc.def&view=x#t")).toEqual({
      token: "abc.def",
      cleanUrl: "http://h/f/fw-aaaaaa?view=x#t",
    });
    expect(splitTokenFromUrl("http://h/f/fw-aaaaaa")).toEqual({
      token: null,
      cleanUrl: "http://h/f/fw-aaaaaa",
    });
  });
});

describe("token claims", () => {
  const jwt = (payload: object) =>
    `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(payload)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.sig`;

  it("tells an invite link's token from a personal one", () => {
    const invite = jwt({ jti: "inv-000001", fid: "fw-aaaaaa", role: "commenter" });
    const personal = jwt({ jti: "inv-000001", mid: "m-abc", name: "Amal ü" });
    expect(tokenClaims(invite)).toEqual({ inviteId: "inv-000001", member: null });
    expect(tokenClaims(personal)).toEqual({ inviteId: "inv-000001", member: "m-abc" });
    expect(isPersonalToken(invite)).toBe(false);
    expect(isPersonalToken(personal)).toBe(true);
    expect(tokenClaims("not a token")).toBeNull();
    expect(tokenClaims("a.!!!.c")).toBeNull();
  });
});

describe("the name a token fixes", () => {
  const utf8Jwt = (payload: object) => {
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    const base64 = btoa(String.fromCharCode(...bytes));
    return `eyJhbGciOiJIUzI1NiJ9.${base64.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.sig`;
  };

  it("reads a named invite's name (UTF-8) and nothing from an unnamed one", () => {
    expect(tokenName(utf8Jwt({ jti: "inv-000001", name: "Amal Ünal" }))).toBe("Amal Ünal");
    expect(tokenName(utf8Jwt({ jti: "inv-000001" }))).toBeNull();
    expect(tokenName("not a token")).toBeNull();
  });

  it("finds the name in an invite link, or in the token held for the framework", () => {
    const storage = memoryStorage();
    const named = utf8Jwt({ jti: "inv-000001", name: "Amal" });
    expect(nameFixedFor(`http://h/f/fw-aaaaaa?token=${named}`, storage)).toBe("Amal");
    expect(nameFixedFor("http://h/f/fw-aaaaaa", storage)).toBeNull();
    saveToken("fw-aaaaaa", named, null, storage);
    expect(nameFixedFor("http://h/f/fw-aaaaaa", storage)).toBe("Amal");
    expect(nameFixedFor("http://h/", storage)).toBeNull();
  });
});
