import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { after, CONTEXT, mechanism, milestone, snapshot, step } from "../../test/sequencing.js";
import { addStep, updateStep } from "../records.js";
import { readSnapshot } from "../snapshot.js";
import { checkCycles } from "./cycles.js";

describe("checkCycles", () => {
  it("reports a step that waits for itself (length 1, e.g. written by an old client)", () => {
    const problems = checkCycles(
      snapshot({ steps: [step("s1", "pa", { preconditions: after("s1") })] }),
      CONTEXT,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: "dependency-cycle",
      severity: "error",
      path: ["s1"],
    });
    expect(problems[0]?.message).toBe(
      "“Party A: action s1” waits for itself: it can never be taken",
    );
  });

  it("reports each side waiting for the other (length 2) once", () => {
    const snap = snapshot({
      steps: [
        step("a", "pa", { action: "ships out enriched uranium", preconditions: after("b") }),
        step("b", "pb", { action: "lifts sanctions", preconditions: after("a") }),
      ],
    });
    const problems = checkCycles(snap, CONTEXT);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toEqual(["a", "b"]);
    expect(problems[0]?.involved).toEqual([
      { kind: "step", id: "a" },
      { kind: "step", id: "b" },
    ]);
    expect(problems[0]?.message).toBe(
      "Dependency cycle of 2 steps, each waiting for the next to move first: “Party A: ships out enriched uranium” waits for “Party B: lifts sanctions” waits for “Party A: ships out enriched uranium”",
    );
  });

  it("reports a cycle of length 5 once, with its path in order", () => {
    // s1 → s2 → s3 → s4 → s5 → s1, plus a tail and a chord-free extra step that is not on it.
    const snap = snapshot({
      steps: [
        step("s1", "pa", { preconditions: after("s2") }),
        step("s2", "pb", { preconditions: after("s3") }),
        step("s3", "pa", { preconditions: after("s4") }),
        step("s4", "pb", { preconditions: after("s5") }),
        step("s5", "pa", { preconditions: after("s1") }),
        step("tail", "pb", { preconditions: after("s3") }),
      ],
    });
    const problems = checkCycles(snap, CONTEXT);
    expect(problems.map((p) => p.path)).toEqual([["s1", "s2", "s3", "s4", "s5"]]);
    expect(problems[0]?.message).toMatch(/^Dependency cycle of 5 steps/);
  });

  it("reports every elementary cycle once when cycles share steps", () => {
    const snap = snapshot({
      steps: [
        step("a", "pa", { preconditions: after("b") }),
        step("b", "pb", { preconditions: after("a", "c") }),
        step("c", "pa", { preconditions: after("a") }),
      ],
    });
    expect(checkCycles(snap, CONTEXT).map((p) => p.path)).toEqual([
      ["a", "b"],
      ["a", "b", "c"],
    ]);
  });

  it("finds no cycle in a phased sequence", () => {
    const snap = snapshot({
      steps: [
        step("a", "pa"),
        step("b", "pb", { preconditions: after("a") }),
        step("c", "pa", { preconditions: after("a", "b") }),
      ],
    });
    expect(checkCycles(snap, CONTEXT)).toEqual([]);
  });

  it("sees a cycle through a milestone that waits for a verification report", () => {
    // Implementation Day = the day the IAEA reports step "a" done; "a" waits for "b"; "b" is taken on Implementation Day.
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
      mechanisms: [mechanism("m", ["a"])],
      steps: [
        step("a", "pa", { preconditions: after("b") }),
        step("b", "pb", { takenAt: { milestoneId: "impl", offsetDays: 0 } }),
      ],
    });
    expect(checkCycles(snap, CONTEXT).map((p) => [p.path, p.severity])).toEqual([
      [["a", "b"], "error"],
    ]);
  });

  it("downgrades a cycle that runs through an alternative (any-of) to a warning", () => {
    const snap = snapshot({
      milestones: [milestone("d", { kind: "fixed", date: "2026-01-01" })],
      steps: [
        step("a", "pa", {
          preconditions: {
            kind: "any-of",
            of: [
              { kind: "step", stepId: "b" },
              { kind: "milestone", milestoneId: "d" },
            ],
          },
        }),
        step("b", "pb", { preconditions: after("a") }),
      ],
    });
    const [problem] = checkCycles(snap, CONTEXT);
    expect(problem?.severity).toBe("warning");
    expect(problem?.message).toMatch(/unless an alternative precondition is met/);
  });

  it("appears when two editors each add one side of the dependency, and clears when fixed", () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const opts = (name: string, partyId: string) => ({
      actor: { name, party: partyId },
      context: CONTEXT,
    });
    expect(
      addStep(docA, { id: "a", actorPartyId: "pa", action: "freezes enrichment" }, opts("A", "pa"))
        .ok,
    ).toBe(true);
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    expect(
      addStep(
        docB,
        { id: "b", actorPartyId: "pb", action: "suspends sanctions", preconditions: after("a") },
        opts("B", "pb"),
      ).ok,
    ).toBe(true);
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB));
    expect(updateStep(docA, "a", { preconditions: after("b") }, opts("A", "pa")).ok).toBe(true);
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    for (const doc of [docA, docB])
      expect(checkCycles(readSnapshot(doc), CONTEXT).map((p) => p.path)).toEqual([["a", "b"]]);
    expect(updateStep(docB, "b", { preconditions: null }, opts("B", "pb")).ok).toBe(true);
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB));
    for (const doc of [docA, docB]) expect(checkCycles(readSnapshot(doc), CONTEXT)).toEqual([]);
  });
});
