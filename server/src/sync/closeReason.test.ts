import { describe, expect, it } from "vitest";
import { closeReason, MAX_CLOSE_REASON_BYTES } from "./closeReason.js";

const bytes = (text: string) => new TextEncoder().encode(text).byteLength;

describe("closeReason", () => {
  it("leaves a short reason alone", () => {
    expect(closeReason("too many messages")).toBe("too many messages");
    expect(closeReason("")).toBe("");
    const exact = "x".repeat(MAX_CLOSE_REASON_BYTES);
    expect(closeReason(exact)).toBe(exact);
  });

  it("cuts a long ASCII reason to 123 bytes", () => {
    const cut = closeReason(`origin http://${"a".repeat(300)}.example is not allowed`);
    expect(bytes(cut)).toBe(MAX_CLOSE_REASON_BYTES);
    expect(cut.startsWith("origin http://aaa")).toBe(true);
  });

  it("counts UTF-8 bytes, not UTF-16 units, and never splits a character", () => {
    // 120 UTF-16 units of Arabic are 240 bytes: `slice(0, 120)` overflowed.
    const arabic = "م".repeat(120);
    const cut = closeReason(arabic);
    expect(bytes(cut)).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    expect(cut).toBe("م".repeat(61));
    const emoji = `x${"😀".repeat(40)}`; // 1 + 4 bytes each
    const cutEmoji = closeReason(emoji);
    expect(cutEmoji).toBe(`x${"😀".repeat(30)}`);
    expect(bytes(cutEmoji)).toBe(121);
  });

  it("counts a lone surrogate as the 3 bytes the encoder writes for it", () => {
    const lone = "\ud800".repeat(100);
    const cut = closeReason(lone);
    expect(bytes(cut)).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    expect(cut.length).toBe(41);
  });
});
