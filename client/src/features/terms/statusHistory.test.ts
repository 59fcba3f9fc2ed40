// @vitest-environment node
import type { StatusChange } from "@parley/shared/model/term";
import { describe, expect, it } from "vitest";
import { statusHistoryText } from "./StatusChip.js";

const change = (status: StatusChange["status"], name: string, minute: number): StatusChange => ({
  status,
  by: { name, party: null },
  at: `2026-11-26T13:${String(minute).padStart(2, "0")}:00.000Z`,
});

describe("status history text", () => {
  it("lists the latest changes newest first and counts the older ones", () => {
    const history = [
      change("proposed", "Template", 0),
      change("underDiscussion", "Amira", 10),
      change("agreedAdReferendum", "Kofi", 20),
      change("agreed", "Amira", 30),
    ];
    const text = statusHistoryText(history, [], 2);
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Agreed — Amira, /);
    expect(lines[1]).toMatch(/^Agreed ad referendum — Kofi, /);
    expect(lines[2]).toBe("… and 2 earlier changes");
  });

  it("is empty without history", () => {
    expect(statusHistoryText([], [])).toBe("");
  });
});
