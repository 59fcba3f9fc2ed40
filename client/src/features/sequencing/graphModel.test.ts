// @vitest-environment node
import {
  addMechanism,
  addMilestone,
  addProposal,
  addStep,
  readSnapshot,
  updateStep,
} from "@parley/shared/sequencing/index";
import { describe, expect, it } from "vitest";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import { readFrameworkContext } from "./frameworkContext.js";
import { assignPartitions, buildGraph, orderPhases } from "./graphModel.js";
import { computeState } from "./sequencingStore.js";

function stateOf(doc: ReturnType<typeof frameworkDoc>) {
  return computeState(readSnapshot(doc), readFrameworkContext(doc));
}

describe("orderPhases", () => {
  it("sorts phases naturally and puts steps without a phase last", () => {
    expect(
      orderPhases([
        { phase: "Phase 10" },
        { phase: null },
        { phase: "Phase 2" },
        { phase: "Phase 1" },
      ]),
    ).toEqual(["Phase 1", "Phase 2", "Phase 10", null]);
  });
});

describe("buildGraph", () => {
  it("draws every step in its phase's column, coloured by its actor, with dependency edges", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const a = must(
      addStep(doc, { actorPartyId: "pa", action: "suspends enrichment", phase: "Phase 1" }, o),
    );
    const b = must(
      addStep(
        doc,
        {
          actorPartyId: "pb",
          action: "lifts oil embargo",
          phase: "Phase 2",
          preconditions: { kind: "step", stepId: a.id },
        },
        o,
      ),
    );
    const model = buildGraph(stateOf(doc), { proposalId: null, highlight: null });
    expect(model.columns.map((c) => [c.label, c.stepIds])).toEqual([
      ["Phase 1", [a.id]],
      ["Phase 2", [b.id]],
    ]);
    const nodeA = model.nodes.find((n) => n.id === a.id);
    const nodeB = model.nodes.find((n) => n.id === b.id);
    expect(nodeA).toMatchObject({ kind: "step", colour: "#1f5fa8", actorShortName: "FP" });
    expect(nodeB).toMatchObject({ kind: "step", colour: "#b3412b" });
    expect(nodeA!.partition).toBeLessThan(nodeB!.partition);
    expect(model.edges).toEqual([
      expect.objectContaining({ source: a.id, target: b.id, kind: "depends", cycle: null }),
    ]);
  });

  it("marks both edges of a two-step cycle and badges both steps with the error", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const a = must(addStep(doc, { actorPartyId: "pa", action: "a", phase: "Phase 1" }, o));
    const b = must(
      addStep(
        doc,
        {
          actorPartyId: "pb",
          action: "b",
          phase: "Phase 1",
          preconditions: { kind: "step", stepId: a.id },
        },
        o,
      ),
    );
    must(updateStep(doc, a.id, { preconditions: { kind: "step", stepId: b.id } }, o));
    const model = buildGraph(stateOf(doc), { proposalId: null, highlight: null });
    expect(model.edges.map((e) => e.cycle)).toEqual(["error", "error"]);
    expect(model.nodes.map((n) => n.severity)).toEqual(["error", "error"]);
  });

  it("marks a cycle that runs through a verification-report milestone", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const a = must(addStep(doc, { actorPartyId: "pa", action: "a", phase: "Phase 1" }, o));
    const b = must(addStep(doc, { actorPartyId: "pb", action: "b", phase: "Phase 2" }, o));
    const mech = must(
      addMechanism(
        doc,
        { name: "Agency monitoring", body: { kind: "party", partyId: "ver" }, verifies: "a" },
        o,
      ),
    );
    // Implementation Day = the report confirming a; b waits for it; a waits for b.
    const day = must(
      addMilestone(
        doc,
        {
          name: "Implementation Day",
          definition: {
            kind: "event",
            event: { type: "verification-report", mechanismId: mech.id, stepIds: [a.id] },
          },
        },
        o,
      ),
    );
    must(updateStep(doc, b.id, { preconditions: { kind: "milestone", milestoneId: day.id } }, o));
    must(updateStep(doc, a.id, { preconditions: { kind: "step", stepId: b.id } }, o));
    const model = buildGraph(stateOf(doc), { proposalId: null, highlight: null });
    const cycleEdges = model.edges
      .filter((e) => e.cycle !== null)
      .map((e) => `${e.source}->${e.target}`)
      .sort();
    expect(cycleEdges).toEqual(
      [`${a.id}->${day.id}`, `${b.id}->${a.id}`, `${day.id}->${b.id}`].sort(),
    );
    const verification = model.edges.find((e) => e.kind === "verification");
    expect(verification).toMatchObject({
      source: a.id,
      target: day.id,
      label: "verified by Agency monitoring",
    });
  });

  it("shows one proposal's steps and only the milestones they use", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const day = must(
      addMilestone(
        doc,
        { name: "Adoption Day", definition: { kind: "fixed", date: "2026-01-10" } },
        o,
      ),
    );
    must(
      addMilestone(
        doc,
        { name: "Unused Day", definition: { kind: "fixed", date: "2026-05-01" } },
        o,
      ),
    );
    const plus = must(
      addMilestone(
        doc,
        {
          name: "Implementation Day",
          definition: { kind: "offset", fromMilestoneId: day.id, days: 90 },
        },
        o,
      ),
    );
    const a = must(
      addStep(
        doc,
        {
          actorPartyId: "pa",
          action: "a",
          phase: "Phase 1",
          takenAt: { milestoneId: plus.id, offsetDays: 0 },
        },
        o,
      ),
    );
    const b = must(addStep(doc, { actorPartyId: "pb", action: "b", phase: "Phase 1" }, o));
    const prop = must(addProposal(doc, { name: "Proposal A: simultaneous", stepIds: [a.id] }, o));
    const model = buildGraph(stateOf(doc), { proposalId: prop.id, highlight: null });
    expect(model.nodes.map((n) => n.id).sort()).toEqual([a.id, day.id, plus.id].sort());
    expect(model.nodes.some((n) => n.id === b.id)).toBe(false);
    const implementation = model.nodes.find((n) => n.id === plus.id);
    expect(implementation).toMatchObject({ kind: "milestone", when: "10 April 2026" });
    // the milestone sits before the phase of the step it times
    expect(implementation!.partition).toBeLessThan(
      model.nodes.find((n) => n.id === a.id)!.partition,
    );
  });

  it("highlights what a problem involves and dims the rest", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const a = must(addStep(doc, { actorPartyId: "pa", action: "a" }, o));
    const b = must(addStep(doc, { actorPartyId: "pb", action: "b" }, o));
    const model = buildGraph(stateOf(doc), {
      proposalId: null,
      highlight: [{ kind: "step", id: a.id }],
    });
    expect(model.nodes.find((n) => n.id === a.id)).toMatchObject({
      highlighted: true,
      dimmed: false,
    });
    expect(model.nodes.find((n) => n.id === b.id)).toMatchObject({
      highlighted: false,
      dimmed: true,
    });
    expect(model.columns.map((c) => c.label)).toEqual(["No phase"]);
  });
});

describe("assignPartitions", () => {
  it("puts a milestone that waits for phase 1 steps between phase 1 and phase 2", () => {
    const s = (id: string, phase: string) =>
      ({ id, phase }) as Parameters<typeof assignPartitions>[0][number];
    const { partition } = assignPartitions(
      [s("a", "Phase 1"), s("b", "Phase 2")],
      ["m"],
      [
        { source: "a", target: "m", kind: "verification" },
        { source: "m", target: "b", kind: "milestone" },
      ],
    );
    expect([partition.get("a"), partition.get("m"), partition.get("b")]).toEqual([1, 2, 3]);
  });
});
