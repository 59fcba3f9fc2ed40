import { describe, expect, it } from "vitest";
import { CONTEXT, proposal, snapshot, step } from "../../test/sequencing.js";
import { checkOneSidedPhases } from "./onesided.js";

describe("checkOneSidedPhases", () => {
  it("flags a phase where one party gives and the other gives nothing", () => {
    const snap = snapshot({
      steps: [
        step("a1", "pa", { phase: "Phase 1" }),
        step("a2", "pa", { phase: "Phase 1" }),
        step("a3", "pa", { phase: "Phase 2" }),
        step("b1", "pb", { phase: "Phase 2" }),
      ],
    });
    const problems = checkOneSidedPhases(snap, CONTEXT);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: "one-sided-phase",
      severity: "warning",
      message: "Phase “Phase 1” is one-sided: Party A gives 2 steps; Party B gives nothing",
    });
    expect(problems[0]?.involved).toEqual(
      expect.arrayContaining([
        { kind: "step", id: "a1" },
        { kind: "step", id: "a2" },
        { kind: "party", id: "pb" },
      ]),
    );
  });

  it("does not count verifiers and mediators as a side that must give", () => {
    const snap = snapshot({
      steps: [
        step("a1", "pa", { phase: "P" }),
        step("b1", "pb", { phase: "P" }),
        step("v", "iaea", { phase: "P" }),
      ],
    });
    expect(checkOneSidedPhases(snap, CONTEXT)).toEqual([]);
    const onlyVerifier = snapshot({ steps: [step("v", "iaea", { phase: "Q" })] });
    expect(checkOneSidedPhases(onlyVerifier, CONTEXT)).toEqual([]);
  });

  it("judges each proposal's phases on their own", () => {
    const snap = snapshot({
      steps: [step("a1", "pa", { phase: "Phase 1" }), step("b1", "pb", { phase: "Phase 1" })],
      proposals: [
        proposal("pA", ["a1", "b1"], "Proposal A: simultaneous"),
        proposal("pB", ["a1"], "Proposal B: phased"),
      ],
    });
    const problems = checkOneSidedPhases(snap, CONTEXT);
    expect(problems.map((p) => p.message)).toEqual([
      "Phase “Phase 1” of “Proposal B: phased” is one-sided: Party A gives 1 step; Party B gives nothing",
    ]);
    expect(problems[0]?.involved).toContainEqual({ kind: "proposal", id: "pB" });
  });
});
