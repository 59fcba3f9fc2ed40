import { describe, expect, it } from "vitest";
import { milestone, snapshot } from "../test/sequencing.js";
import { describeOffset, shiftDate } from "./calendar.js";
import { computeMilestones, describeResolution, resolveTimeRef } from "./milestones.js";

const span = (years: number, months: number, days: number) => ({ years, months, days });

describe("calendar offsets", () => {
  it("adds months to a month end as the last day of the target month (leap years included)", () => {
    expect(shiftDate("2016-01-31", span(0, 1, 0))).toBe("2016-02-29");
    expect(shiftDate("2015-01-31", span(0, 1, 0))).toBe("2015-02-28");
    expect(shiftDate("2015-08-31", span(0, 1, 0))).toBe("2015-09-30");
  });

  it("adds years calendar-correctly: 29 February + 1 year is 28 February, + 4 years 29 February", () => {
    expect(shiftDate("2016-02-29", span(1, 0, 0))).toBe("2017-02-28");
    expect(shiftDate("2016-02-29", span(4, 0, 0))).toBe("2020-02-29");
    expect(shiftDate("2015-10-18", span(10, 0, 0))).toBe("2025-10-18");
  });

  it("counts before offsets backwards, months first then days", () => {
    expect(shiftDate("2016-03-31", span(0, 1, 0), true)).toBe("2016-02-29");
    expect(shiftDate("2016-03-01", span(0, 0, 30), true)).toBe("2016-01-31");
    expect(shiftDate("2016-03-31", span(0, 1, 1), true)).toBe("2016-02-28");
  });

  it("describes offsets in words", () => {
    expect(describeOffset("Adoption Day", span(10, 0, 0))).toBe("Adoption Day + 10 years");
    expect(describeOffset("Transition Day", span(0, 0, 30), true)).toBe(
      "30 days before Transition Day",
    );
    expect(describeOffset("X", span(1, 2, 3))).toBe("X + 1 year, 2 months and 3 days");
  });

  it("computes milestones and step times with years, months and before offsets", () => {
    const snap = snapshot({
      milestones: [
        milestone("adoption", { kind: "fixed", date: "2015-10-18" }, "Adoption Day"),
        milestone(
          "transition",
          { kind: "offset", fromMilestoneId: "adoption", days: 0, years: 8 },
          "Transition Day",
        ),
        milestone(
          "eve",
          { kind: "offset", fromMilestoneId: "transition", days: 30, before: true },
          "Eve",
        ),
      ],
    });
    const res = computeMilestones(snap);
    expect(res.get("transition")).toEqual({ status: "date", date: "2023-10-18" });
    expect(res.get("eve")).toEqual({ status: "date", date: "2023-09-18" });
    expect(
      resolveTimeRef({ milestoneId: "adoption", offsetDays: 0, offsetMonths: 4 }, res),
    ).toEqual({ status: "date", date: "2016-02-18" });
  });

  it("words earlier-of and later-of exactly: “the earlier of A or B”, “the later of A and B”", () => {
    const snap = snapshot({
      milestones: [
        milestone("a", { kind: "fixed", date: "2023-10-18" }, "A"),
        milestone("b", { kind: "event", event: { type: "external", description: "x" } }, "B"),
        milestone("e", { kind: "earlier-of", firstId: "a", secondId: "b" }, "E"),
        milestone("l", { kind: "later-of", firstId: "a", secondId: "b" }, "L"),
      ],
    });
    const res = computeMilestones(snap);
    const name = (id: string) => snap.milestones.find((m) => m.id === id)?.name ?? id;
    expect(describeResolution(res.get("e")!, name)).toBe(
      "no later than 18 October 2023 (the earlier of 18 October 2023 or “B”)",
    );
    expect(describeResolution(res.get("l")!, name)).toBe(
      "no earlier than 18 October 2023 (the later of 18 October 2023 and “B”)",
    );
  });
});
