import { describe, expect, it } from "vitest";
import {
  allowedOriginsFor,
  normalizeOrigin,
  originAllowed,
  parseAllowedOrigins,
} from "./origin.js";

const own = allowedOriginsFor({
  allowedOrigins: null,
  publicUrl: null,
  host: "127.0.0.1",
  port: 8080,
});

describe("originAllowed", () => {
  it("allows requests without an Origin (non-browser clients)", () => {
    expect(originAllowed(undefined, own)).toBe(true);
    expect(originAllowed(undefined, new Set(["https://a.example"]))).toBe(true);
  });

  it("by default allows only the server's own listening origins", () => {
    expect(originAllowed("http://127.0.0.1:8080", own)).toBe(true);
    expect(originAllowed("http://localhost:8080", own)).toBe(true);
    expect(originAllowed("http://[::1]:8080", own)).toBe(true);
    expect(originAllowed("http://evil.example", own)).toBe(false);
    expect(originAllowed("http://127.0.0.1:9999", own)).toBe(false);
    expect(originAllowed("not a url", own)).toBe(false);
    expect(originAllowed("null", own)).toBe(false);
  });

  it("the Origin check compares the scheme: https://host is refused by a plain HTTP server", () => {
    expect(originAllowed("https://127.0.0.1:8080", own)).toBe(false);
    expect(originAllowed("ws://127.0.0.1:8080", own)).toBe(false);
  });

  it("the Origin check does not trust the Host header: a rebinding name is refused", () => {
    // The old check allowed any Origin whose host equalled the request's Host header; the
    // Host plays no part now, so an attacker's name resolving to this server is refused.
    expect(originAllowed("http://rebind.attacker.example:8080", own)).toBe(false);
  });

  it("compares the port, with the scheme's default port normalised", () => {
    const list = new Set(parseAllowedOrigins("https://a.example, http://b.example:8443"));
    expect(originAllowed("https://a.example", list)).toBe(true);
    expect(originAllowed("https://a.example:443", list)).toBe(true);
    expect(originAllowed("HTTPS://A.EXAMPLE", list)).toBe(true);
    expect(originAllowed("https://a.example:8443", list)).toBe(false);
    expect(originAllowed("http://a.example", list)).toBe(false);
    expect(originAllowed("http://b.example:8443", list)).toBe(true);
    expect(originAllowed("https://b.example:8443", list)).toBe(false);
    expect(originAllowed("https://a.example/path", list)).toBe(false);
    expect(originAllowed("https://user@a.example", list)).toBe(false);
  });
});

describe("allowedOriginsFor", () => {
  it("uses PARLEY_ALLOWED_ORIGINS, else PARLEY_PUBLIC_URL, else the listening origins", () => {
    expect([
      ...allowedOriginsFor({
        allowedOrigins: ["https://a.example"],
        publicUrl: "https://p.example",
        host: "127.0.0.1",
        port: 1,
      }),
    ]).toEqual(["https://a.example"]);
    expect([
      ...allowedOriginsFor({
        allowedOrigins: null,
        publicUrl: "https://p.example",
        host: "127.0.0.1",
        port: 1,
      }),
    ]).toEqual(["https://p.example"]);
    expect([
      ...allowedOriginsFor({ allowedOrigins: null, publicUrl: null, host: "10.1.2.3", port: 80 }),
    ]).toEqual(["http://127.0.0.1", "http://localhost", "http://[::1]", "http://10.1.2.3"]);
    expect([
      ...allowedOriginsFor({ allowedOrigins: null, publicUrl: null, host: "0.0.0.0", port: 8080 }),
    ]).toEqual(["http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"]);
    expect(
      allowedOriginsFor({ allowedOrigins: null, publicUrl: null, host: "fe80::1", port: 8080 }),
    ).toContain("http://[fe80::1]:8080");
  });
});

describe("parseAllowedOrigins", () => {
  it("normalises the listed origins", () => {
    expect(parseAllowedOrigins("https://a.example, https://B.example:8443/, http://c:80")).toEqual([
      "https://a.example",
      "https://b.example:8443",
      "http://c",
    ]);
  });

  it("rejects a malformed PARLEY_ALLOWED_ORIGINS", () => {
    expect(parseAllowedOrigins("")).toBeNull();
    expect(() => parseAllowedOrigins("https://a.example/path")).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins("nonsense")).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins("ftp://a.example")).toThrow(/not an origin/);
  });

  it("normalizeOrigin accepts only http(s) origins", () => {
    expect(normalizeOrigin("http://A.example:80")).toBe("http://a.example");
    expect(normalizeOrigin("null")).toBeNull();
    expect(normalizeOrigin("file:///etc/passwd")).toBeNull();
  });
});
