import { describe, expect, it } from "vitest";
import { originAllowed, parseAllowedOrigins } from "./origin.js";

describe("originAllowed", () => {
  it("allows requests without an Origin (non-browser clients)", () => {
    expect(originAllowed(undefined, "127.0.0.1:8080", null)).toBe(true);
    expect(originAllowed(undefined, "127.0.0.1:8080", ["https://a.example"])).toBe(true);
  });

  it("by default allows only the server's own origin", () => {
    expect(originAllowed("http://127.0.0.1:8080", "127.0.0.1:8080", null)).toBe(true);
    expect(originAllowed("http://evil.example", "127.0.0.1:8080", null)).toBe(false);
    expect(originAllowed("http://127.0.0.1:9999", "127.0.0.1:8080", null)).toBe(false);
    expect(originAllowed("not a url", "127.0.0.1:8080", null)).toBe(false);
    expect(originAllowed("null", "127.0.0.1:8080", null)).toBe(false);
  });

  it("with a configured list allows exactly the listed origins", () => {
    const list = parseAllowedOrigins("https://a.example, https://b.example:8443/");
    expect(list).toEqual(["https://a.example", "https://b.example:8443"]);
    expect(originAllowed("https://a.example", "a.example", list)).toBe(true);
    expect(originAllowed("https://b.example:8443", "x", list)).toBe(true);
    expect(originAllowed("http://127.0.0.1:8080", "127.0.0.1:8080", list)).toBe(false);
  });

  it("rejects a malformed PARLEY_ALLOWED_ORIGINS", () => {
    expect(parseAllowedOrigins("")).toBeNull();
    expect(() => parseAllowedOrigins("https://a.example/path")).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins("nonsense")).toThrow(/not an origin/);
  });
});
