// @vitest-environment node
import { describe, expect, it } from "vitest";
import { bodySegments, safeHref } from "./messageBodyParts.js";

describe("bodySegments", () => {
  it("keeps HTML as plain text", () => {
    const segments = bodySegments("<img src=x onerror=alert(1)>");
    expect(segments).toEqual([{ kind: "text", text: "<img src=x onerror=alert(1)>" }]);
  });

  it("turns line breaks into breaks", () => {
    expect(bodySegments("one\ntwo")).toEqual([
      { kind: "text", text: "one" },
      { kind: "break" },
      { kind: "text", text: "two" },
    ]);
  });

  it("recognises http(s) and mailto links, leaving sentence punctuation out", () => {
    const segments = bodySegments("See https://example.org/a?b=1. Or mailto:x@example.org!");
    expect(segments).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ". Or " },
      { kind: "link", text: "mailto:x@example.org", href: "mailto:x@example.org" },
      { kind: "text", text: "!" },
    ]);
  });

  it("never links javascript: or data: URLs", () => {
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,<b>")).toBeNull();
    const segments = bodySegments("javascript:alert(1) data:text/html,x");
    expect(segments.every((s) => s.kind === "text")).toBe(true);
  });

  it("marks stored mentions, the longest label first", () => {
    const segments = bodySegments("@North Delegation and @North, see @Amira", [
      { kind: "party", label: "North", partyId: "north" },
      { kind: "party", label: "North Delegation", partyId: "nd" },
      { kind: "person", label: "Amira", authorId: null },
    ]);
    expect(
      segments.map((s) => (s.kind === "mention" ? `[${s.text}]` : "text" in s ? s.text : "|")),
    ).toEqual(["[@North Delegation]", " and ", "[@North]", ", see ", "[@Amira]"]);
  });
});
