import { describe, expect, it } from "vitest";
import { milestone, snapshot } from "../test/sequencing.js";
import { checkUncomputableMilestones } from "./checks/uncomputable.js";
import type { MilestoneDefinition } from "./milestone.js";
import { computeMilestones, describeResolution, resolveTimeRef } from "./milestones.js";

const fixed = (date: string): MilestoneDefinition => ({ kind: "fixed", date });
const offset = (fromMilestoneId: string, days: number): MilestoneDefinition => ({
  kind: "offset",
  fromMilestoneId,
  days,
});
const event = (description: string): MilestoneDefinition => ({
  kind: "event",
  event: { type: "external", description },
});

function resolve(...ms: ReturnType<typeof milestone>[]) {
  const snap = snapshot({ milestones: ms });
  const res = computeMilestones(snap);
  const name = (id: string) => ms.find((m) => m.id === id)?.name ?? id;
  return { res, text: (id: string) => describeResolution(res.get(id)!, name), snap };
}

describe("milestone computation", () => {
  it("follows offset chains across month, year and leap-day boundaries", () => {
    const { res } = resolve(
      milestone("adoption", fixed("2015-10-18"), "Adoption Day"),
      milestone("impl", offset("adoption", 90), "Implementation Day"),
      milestone("leap", offset("feb", 2)),
      milestone("feb", fixed("2016-02-28")),
      milestone("transition", offset("impl", 365 * 8), "Transition Day"),
    );
    expect(res.get("impl")).toEqual({ status: "date", date: "2016-01-16" });
    expect(res.get("leap")).toEqual({ status: "date", date: "2016-03-01" });
    expect(res.get("transition")).toEqual({ status: "date", date: "2024-01-14" });
  });

  it("takes the earlier / later of two computable milestones", () => {
    const { res } = resolve(
      milestone("a", fixed("2026-03-01")),
      milestone("b", fixed("2026-01-15")),
      milestone("early", { kind: "earlier-of", firstId: "a", secondId: "b" }),
      milestone("late", { kind: "later-of", firstId: "a", secondId: "b" }),
      milestone("late+10", offset("late", 10)),
    );
    expect(res.get("early")).toEqual({ status: "date", date: "2026-01-15" });
    expect(res.get("late")).toEqual({ status: "date", date: "2026-03-01" });
    expect(res.get("late+10")).toEqual({ status: "date", date: "2026-03-11" });
  });

  it("says 'depends on event X' for events and what is defined from them", () => {
    const { res, text } = resolve(
      milestone("report", event("IAEA report"), "IAEA report"),
      milestone("impl", offset("report", 0), "Implementation Day"),
      milestone("impl30", offset("impl", 30)),
    );
    expect(res.get("impl30")).toEqual({ status: "event", waitsFor: ["report"] });
    expect(text("impl30")).toBe("depends on event “IAEA report”");
  });

  it("says so when only one side of an earlier-of / later-of is computable", () => {
    const { res, text } = resolve(
      milestone("adoption", fixed("2015-10-18"), "Adoption Day"),
      milestone("eight", offset("adoption", 2922), "Adoption Day + 8 years"),
      milestone("bc", event("broader conclusion"), "Broader conclusion"),
      milestone(
        "transition",
        { kind: "earlier-of", firstId: "eight", secondId: "bc" },
        "Transition Day",
      ),
      milestone("notBefore", { kind: "later-of", firstId: "eight", secondId: "bc" }),
      milestone("both", { kind: "earlier-of", firstId: "notBefore", secondId: "adoption" }),
    );
    expect(res.get("transition")).toEqual({
      status: "bounded",
      noEarlierThan: null,
      noLaterThan: "2023-10-18",
      waitsFor: ["bc"],
      rule: "earlier-of",
    });
    expect(text("transition")).toBe(
      "no later than 18 October 2023 (the earlier of 18 October 2023 or “Broader conclusion”)",
    );
    expect(text("notBefore")).toBe(
      "no earlier than 18 October 2023 (the later of 18 October 2023 and “Broader conclusion”)",
    );
    // earlier of (no earlier than 2023-10-18) and 2015-10-18 is exactly 2015-10-18, whatever the event.
    expect(res.get("both")).toEqual({ status: "date", date: "2015-10-18" });
  });

  it("reports cyclic definitions as 'cannot be computed' and what depends on them", () => {
    const { res, text, snap } = resolve(
      milestone("x", offset("y", 1), "X"),
      milestone("y", { kind: "later-of", firstId: "x", secondId: "z" }, "Y"),
      milestone("z", fixed("2026-01-01"), "Z"),
      milestone("self", offset("self", 0), "Self"),
      milestone("after", offset("x", 5), "After X"),
    );
    expect(res.get("x")).toEqual({ status: "cyclic", cycle: ["x", "y"], onCycle: true });
    expect(res.get("y")?.status).toBe("cyclic");
    expect(res.get("z")).toEqual({ status: "date", date: "2026-01-01" });
    expect(text("x")).toBe("cannot be computed: cyclic definition (X → Y → X)");
    expect(text("self")).toBe("cannot be computed: cyclic definition (Self → Self)");
    expect(text("after")).toBe("cannot be computed: depends on a cyclic definition (X → Y → X)");

    const problems = checkUncomputableMilestones(snap);
    expect(problems.filter((p) => p.severity === "error").map((p) => p.path)).toEqual([
      ["self"],
      ["x", "y"],
    ]);
    expect(problems.find((p) => p.path?.length === 2)?.message).toBe(
      "Milestones cannot be computed: cyclic definition “X” → “Y” → “X”",
    );
    expect(problems.filter((p) => p.severity === "warning").map((p) => p.involved[0]?.id)).toEqual([
      "after",
    ]);
  });

  it("reports a milestone defined from a deleted one as dangling", () => {
    const { res, text } = resolve(milestone("orphan", offset("deleted", 3)));
    expect(res.get("orphan")).toEqual({ status: "dangling", missingId: "deleted" });
    expect(text("orphan")).toMatch(/cannot be computed: refers to a deleted milestone/);
  });

  it("resolves a step's time reference with its offset", () => {
    const { res } = resolve(milestone("d", fixed("2026-12-30")), milestone("e", event("vote")));
    expect(resolveTimeRef({ milestoneId: "d", offsetDays: 3 }, res)).toEqual({
      status: "date",
      date: "2027-01-02",
    });
    expect(resolveTimeRef({ milestoneId: "e", offsetDays: 3 }, res)).toEqual({
      status: "event",
      waitsFor: ["e"],
    });
  });
});
