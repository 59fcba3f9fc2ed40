// @vitest-environment node
import type { FrameworkSummary } from "@parley/shared/api";
import { describe, expect, it } from "vitest";
import { filterAndSortFrameworks, formatRelativeTime, rowActions } from "./frameworkList.js";

const f = (id: string, title: string, updatedAt: string): FrameworkSummary => ({
  id,
  title,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt,
});

const list = [
  f("a", "Sequencing non-paper", "2026-03-01T10:00:00.000Z"),
  f("b", "Security assurances — chair's text", "2026-03-05T10:00:00.000Z"),
  f("c", "Régime de vérification", "2026-02-01T10:00:00.000Z"),
];

describe("filterAndSortFrameworks", () => {
  it("sorts by last change, newest first", () => {
    expect(filterAndSortFrameworks(list, "").map((x) => x.id)).toEqual(["b", "a", "c"]);
  });

  it("matches every word, ignoring case and accents", () => {
    expect(filterAndSortFrameworks(list, "CHAIR security").map((x) => x.id)).toEqual(["b"]);
    expect(filterAndSortFrameworks(list, "regime verif").map((x) => x.id)).toEqual(["c"]);
    expect(filterAndSortFrameworks(list, "annex")).toEqual([]);
  });

  it("does not modify its input", () => {
    const copy = [...list];
    filterAndSortFrameworks(list, "");
    expect(list).toEqual(copy);
  });
});

describe("formatRelativeTime", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  it("reads naturally", () => {
    expect(formatRelativeTime("2026-03-10T11:59:50.000Z", now)).toBe("just now");
    expect(formatRelativeTime("2026-03-10T11:55:00.000Z", now)).toBe("5 minutes ago");
    expect(formatRelativeTime("2026-03-10T09:00:00.000Z", now)).toBe("3 hours ago");
    expect(formatRelativeTime("2026-03-09T12:00:00.000Z", now)).toBe("yesterday");
    expect(formatRelativeTime("2026-01-02T12:00:00.000Z", now)).toBe("2 January 2026");
  });
});

describe("rowActions", () => {
  it("offers a drafter Rename but not Delete, which the server refuses", () => {
    expect(rowActions("drafter")).toEqual({ rename: true, delete: false });
    expect(rowActions("mediator")).toEqual({ rename: true, delete: true });
  });

  it("offers nothing to change to a commenter, an observer, or when the role is not known", () => {
    expect(rowActions("commenter")).toEqual({ rename: false, delete: false });
    expect(rowActions("observer")).toEqual({ rename: false, delete: false });
    expect(rowActions(null)).toEqual({ rename: false, delete: false });
  });
});
