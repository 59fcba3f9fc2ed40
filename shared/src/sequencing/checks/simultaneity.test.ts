import { describe, expect, it } from "vitest";
import { after, CONTEXT, milestone, snapshot, step } from "../../test/sequencing.js";
import type { MilestoneDefinition } from "../milestone.js";
import { checkSimultaneity } from "./simultaneity.js";

const fixed = (date: string): MilestoneDefinition => ({ kind: "fixed", date });

describe("checkSimultaneity", () => {
  const milestones = [
    milestone("impl", fixed("2026-01-16"), "Implementation Day"),
    milestone("other", fixed("2026-02-01"), "Other Day"),
    milestone("same", { kind: "offset", fromMilestoneId: "impl", days: 0 }, "Same Day"),
    milestone("vote", { kind: "event", event: { type: "external", description: "vote" } }, "Vote"),
  ];

  it("flags simultaneous steps taken at different offsets from the same milestone", () => {
    const snap = snapshot({
      milestones,
      steps: [
        step("a", "pa", {
          simultaneousWith: ["b"],
          takenAt: { milestoneId: "impl", offsetDays: 0 },
        }),
        step("b", "pb", {
          simultaneousWith: ["a"],
          takenAt: { milestoneId: "impl", offsetDays: 30 },
        }),
      ],
    });
    const problems = checkSimultaneity(snap, CONTEXT);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "contradictory-simultaneity", severity: "error" });
    expect(problems[0]?.message).toBe(
      "“Party A: action a” and “Party B: action b” are said to be simultaneous, but they are taken on different days: “Party A: action a” on Implementation Day and “Party B: action b” on Implementation Day + 30 days (16 January 2026 and 15 February 2026)",
    );
  });

  it("compares computed dates across milestones", () => {
    const differ = snapshot({
      milestones,
      steps: [
        step("a", "pa", {
          simultaneousWith: ["b"],
          takenAt: { milestoneId: "impl", offsetDays: 0 },
        }),
        step("b", "pb", { takenAt: { milestoneId: "other", offsetDays: 0 } }),
      ],
    });
    expect(checkSimultaneity(differ, CONTEXT)[0]?.message).toMatch(
      /\(16 January 2026 and 1 February 2026\)$/,
    );
    const agree = snapshot({
      milestones,
      steps: [
        step("a", "pa", {
          simultaneousWith: ["b"],
          takenAt: { milestoneId: "impl", offsetDays: 16 },
        }),
        step("b", "pb", { takenAt: { milestoneId: "other", offsetDays: 0 } }),
        step("c", "pa", {
          simultaneousWith: ["d"],
          takenAt: { milestoneId: "same", offsetDays: 0 },
        }),
        step("d", "pb", { takenAt: { milestoneId: "impl", offsetDays: 0 } }),
        step("e", "pa", {
          simultaneousWith: ["f"],
          takenAt: { milestoneId: "vote", offsetDays: 0 },
        }),
        step("f", "pb", { takenAt: { milestoneId: "impl", offsetDays: 0 } }),
      ],
    });
    expect(checkSimultaneity(agree, CONTEXT)).toEqual([]);
  });

  it("flags simultaneous steps when one depends (transitively) on the other", () => {
    const snap = snapshot({
      steps: [
        step("a", "pa", { simultaneousWith: ["c"] }),
        step("b", "pb", { preconditions: after("a") }),
        step("c", "pb", { preconditions: after("b") }),
      ],
    });
    const problems = checkSimultaneity(snap, CONTEXT);
    expect(problems.map((p) => p.message)).toEqual([
      "“Party A: action a” and “Party B: action c” are said to be simultaneous, but “Party B: action c” waits for “Party A: action a”",
    ]);
    expect(problems[0]?.involved).toEqual([
      { kind: "step", id: "a" },
      { kind: "step", id: "c" },
    ]);
  });
});
