import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { after, CONTEXT, mechanism, milestone, snapshot, step } from "../../test/sequencing.js";
import { addMechanism, addMilestone, addProposal, addStep } from "../records.js";
import { checkAll, checkDoc } from "./index.js";

describe("checkAll", () => {
  it("finds nothing wrong in a balanced, verified, phased framework", () => {
    const doc = new Y.Doc();
    const opts = { actor: { name: "M", party: null }, context: CONTEXT };
    const results = [
      addMilestone(
        doc,
        { id: "adoption", name: "Adoption Day", definition: { kind: "fixed", date: "2015-10-18" } },
        opts,
      ),
      addStep(
        doc,
        {
          id: "a1",
          actorPartyId: "pa",
          action: "reduces centrifuges",
          phase: "Phase 1",
          takenAt: { milestoneId: "adoption", offsetDays: 0 },
        },
        opts,
      ),
      addStep(
        doc,
        {
          id: "b1",
          actorPartyId: "pb",
          action: "suspends oil sanctions",
          phase: "Phase 1",
          simultaneousWith: ["a1"],
          takenAt: { milestoneId: "adoption", offsetDays: 0 },
        },
        opts,
      ),
      addMechanism(
        doc,
        {
          id: "m1",
          name: "Monitoring",
          body: { kind: "party", partyId: "iaea" },
          verifies: "centrifuges",
          confirmsStepIds: ["a1"],
        },
        opts,
      ),
      addMilestone(
        doc,
        {
          id: "impl",
          name: "Implementation Day",
          definition: {
            kind: "event",
            event: { type: "verification-report", mechanismId: "m1", stepIds: ["a1"] },
          },
        },
        opts,
      ),
      addStep(
        doc,
        {
          id: "b2",
          actorPartyId: "pb",
          action: "lifts sanctions",
          phase: "Phase 2",
          preconditions: { kind: "milestone", milestoneId: "impl" },
        },
        opts,
      ),
      addStep(
        doc,
        {
          id: "a2",
          actorPartyId: "pa",
          action: "applies the Additional Protocol",
          phase: "Phase 2",
          preconditions: { kind: "milestone", milestoneId: "impl" },
        },
        opts,
      ),
      addProposal(doc, { name: "Proposal B: phased", stepIds: ["a1", "b1", "a2", "b2"] }, opts),
    ];
    expect(results.every((r) => r.ok)).toBe(true);
    expect(checkDoc(doc, CONTEXT)).toEqual([]);
  });

  it("runs every check and lists errors before warnings", () => {
    const snap = snapshot({
      milestones: [milestone("x", { kind: "offset", fromMilestoneId: "x", days: 1 })],
      mechanisms: [mechanism("m", [])],
      steps: [
        step("a", "pa", { phase: "P", preconditions: after("b"), simultaneousWith: ["b"] }),
        step("b", "pa", { phase: "P", preconditions: after("a"), mechanismId: "gone" }),
      ],
    });
    const problems = checkAll(snap, CONTEXT);
    expect(new Set(problems.map((p) => p.code))).toEqual(
      new Set([
        "dependency-cycle",
        "unverified-trigger",
        "one-sided-phase",
        "contradictory-simultaneity",
        "dangling-reference",
        "uncomputable-milestone",
      ]),
    );
    const severities = problems.map((p) => p.severity);
    expect(severities.indexOf("warning")).toBeGreaterThan(severities.lastIndexOf("error"));
    expect(new Set(problems.map((p) => p.key)).size).toBe(problems.length);
  });
});
