// @vitest-environment node
import { describe, expect, it } from "vitest";
import { normalizeLinkHref } from "./linkHref.js";

describe("normalizeLinkHref", () => {
  it("keeps http(s) links and adds https to bare hosts", () => {
    expect(normalizeLinkHref("https://un.org/sc")).toEqual({ ok: true, href: "https://un.org/sc" });
    expect(normalizeLinkHref(" iaea.org/reports ")).toEqual({
      ok: true,
      href: "https://iaea.org/reports",
    });
  });

  it("turns an e-mail address into a mailto link", () => {
    expect(normalizeLinkHref("desk@mfa.example")).toEqual({
      ok: true,
      href: "mailto:desk@mfa.example",
    });
  });

  it("refuses other protocols and nonsense", () => {
    expect(normalizeLinkHref("javascript:alert(1)").ok).toBe(false);
    expect(normalizeLinkHref("ftp://files.example.org").ok).toBe(false);
    expect(normalizeLinkHref("").ok).toBe(false);
    expect(normalizeLinkHref("not a link").ok).toBe(false);
  });
});
