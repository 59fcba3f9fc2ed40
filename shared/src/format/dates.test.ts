import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./dates.js";

describe("formatDate", () => {
  it("writes the day, the month in full and the year: 6 December 2026", () => {
    expect(formatDate("2026-12-06T10:00:00.000Z", { utc: true })).toBe("6 December 2026");
  });

  it("reads a calendar day as that day, whatever the time zone", () => {
    expect(formatDate("2026-12-06")).toBe("6 December 2026");
    expect(formatDate("2027-01-31")).toBe("31 January 2027");
  });

  it("returns what it was given when that is not a date", () => {
    expect(formatDate("not a date")).toBe("not a date");
    expect(formatDate("")).toBe("");
  });
});

describe("formatDateTime", () => {
  it("adds the time on a 24-hour clock and names UTC when asked for it", () => {
    expect(formatDateTime("2026-12-06T09:05:00.000Z", { utc: true })).toBe(
      "6 December 2026, 09:05 UTC",
    );
  });

  it("uses the reader's time zone otherwise, in the same style", () => {
    const iso = "2026-12-06T09:05:00.000Z";
    const d = new Date(iso);
    const hh = String(d.getHours()).padStart(2, "0");
    expect(formatDateTime(iso)).toMatch(
      new RegExp(`^${d.getDate()} (November|December) 2026, ${hh}:05$`),
    );
  });

  it("returns what it was given when that is not a date", () => {
    expect(formatDateTime("soon")).toBe("soon");
  });
});
