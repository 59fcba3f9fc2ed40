import { describe, expect, it } from "vitest";
import { after, CONTEXT, mechanism, milestone, snapshot, step } from "../../test/sequencing.js";
import { checkUnverifiedTriggers } from "./unverified.js";

describe("checkUnverifiedTriggers", () => {
  it("flags a step triggered by a step that no mechanism verifies", () => {
    const snap = snapshot({
      steps: [
        step("a", "pa", { action: "dismantles centrifuges" }),
        step("b", "pb", { action: "lifts sanctions", preconditions: after("a") }),
      ],
    });
    const problems = checkUnverifiedTriggers(snap, CONTEXT);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: "unverified-trigger",
      severity: "warning",
      message:
        "“Party B: lifts sanctions” is triggered by “Party A: dismantles centrifuges”, but no mechanism verifies that step",
      involved: [
        { kind: "step", id: "b" },
        { kind: "step", id: "a" },
      ],
    });
  });

  it("is satisfied when a mechanism confirms the trigger, from either side of the link", () => {
    const byMechanism = snapshot({
      steps: [step("a", "pa"), step("b", "pb", { preconditions: after("a") })],
      mechanisms: [mechanism("m", ["a"])],
    });
    const byStep = snapshot({
      steps: [
        step("a", "pa", { mechanismId: "m" }),
        step("b", "pb", { preconditions: after("a") }),
      ],
      mechanisms: [mechanism("m", [])],
    });
    expect(checkUnverifiedTriggers(byMechanism, CONTEXT)).toEqual([]);
    expect(checkUnverifiedTriggers(byStep, CONTEXT)).toEqual([]);
  });

  it("flags a verification event of a step that the reporting mechanism does not verify", () => {
    const snap = snapshot({
      steps: [
        step("a", "pa"),
        step("c", "pa"),
        step("b", "pb", {
          preconditions: { kind: "verification", mechanismId: "m", stepIds: ["a", "c"] },
        }),
      ],
      mechanisms: [mechanism("m", ["a"], { name: "IAEA monitoring" })],
    });
    const problems = checkUnverifiedTriggers(snap, CONTEXT);
    expect(problems.map((p) => p.involved.map((i) => i.id))).toEqual([["b", "c", "m"]]);
    expect(problems[0]?.message).toMatch(
      /waits for “IAEA monitoring” to verify “Party A: action c”, but that mechanism does not verify it/,
    );
  });

  it("follows a milestone to the verification report that defines it", () => {
    const snap = snapshot({
      milestones: [
        milestone("report", {
          kind: "event",
          event: { type: "verification-report", mechanismId: "m", stepIds: ["a"] },
        }),
        milestone(
          "impl",
          { kind: "offset", fromMilestoneId: "report", days: 0 },
          "Implementation Day",
        ),
      ],
      steps: [
        step("a", "pa"),
        step("b", "pb", { preconditions: { kind: "milestone", milestoneId: "impl" } }),
      ],
      mechanisms: [mechanism("m", [])],
    });
    const problems = checkUnverifiedTriggers(snap, CONTEXT);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(
      /waits for “Implementation Day”, i\.e\. for “mechanism m” to verify “Party A: action a”/,
    );
    const fixed = { ...snap, mechanisms: [mechanism("m", ["a"])] };
    expect(checkUnverifiedTriggers(fixed, CONTEXT)).toEqual([]);
  });
});
