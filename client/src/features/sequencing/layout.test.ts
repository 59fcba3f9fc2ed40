// @vitest-environment node
import { addMilestone, addStep, readSnapshot, updateStep } from "@parley/shared/sequencing/index";
import { describe, expect, it } from "vitest";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import { toFlowEdges, toFlowNodes } from "./flowElements.js";
import { readFrameworkContext } from "./frameworkContext.js";
import { buildGraph } from "./graphModel.js";
import {
  columnBands,
  isLaidOut,
  labelPoint,
  layoutGraph,
  longestSegment,
  nodeHeight,
  roundedPath,
  STEP_WIDTH,
  straightLink,
  toElkGraph,
} from "./layout.js";
import { computeState } from "./sequencingStore.js";

/** Three phases; a dependency inside phase 1, across phases, and one back from phase 3 to 1. */
function threePhaseModel(withCycle: boolean) {
  const doc = frameworkDoc();
  const o = writeOptions(doc);
  const a1 = must(
    addStep(doc, { actorPartyId: "pa", action: "declares stockpile", phase: "Phase 1" }, o),
  );
  const a2 = must(
    addStep(
      doc,
      {
        actorPartyId: "pa",
        action: "ships out material",
        phase: "Phase 1",
        preconditions: { kind: "step", stepId: a1.id },
      },
      o,
    ),
  );
  const b1 = must(
    addStep(doc, { actorPartyId: "pb", action: "unfreezes assets", phase: "Phase 1" }, o),
  );
  const b2 = must(
    addStep(
      doc,
      {
        actorPartyId: "pb",
        action: "lifts oil embargo",
        phase: "Phase 2",
        preconditions: { kind: "step", stepId: a2.id },
      },
      o,
    ),
  );
  const a3 = must(
    addStep(
      doc,
      {
        actorPartyId: "pa",
        action: "ratifies protocol",
        phase: "Phase 3",
        preconditions: { kind: "step", stepId: b2.id },
      },
      o,
    ),
  );
  if (withCycle)
    must(updateStep(doc, a1.id, { preconditions: { kind: "step", stepId: a3.id } }, o));
  const state = computeState(readSnapshot(doc), readFrameworkContext(doc));
  return {
    model: buildGraph(state, { proposalId: null, highlight: null }),
    ids: { a1, a2, b1, b2, a3 },
  };
}

describe("toElkGraph", () => {
  it("gives ELK one partition per column, node sizes, and the laid-out edges only", () => {
    const { model } = threePhaseModel(false);
    const graph = toElkGraph(model);
    expect(graph.layoutOptions?.["elk.partitioning.activate"]).toBe("true");
    expect(
      graph.children?.map((c) => c.layoutOptions?.["elk.partitioning.partition"]).sort(),
    ).toEqual(["1", "1", "1", "3", "5"]);
    expect(graph.children?.every((c) => c.width === STEP_WIDTH)).toBe(true);
    expect(graph.edges).toHaveLength(3);
  });

  it("reserves room for a long action and for the chips", () => {
    const short = {
      kind: "step",
      action: "x",
      timing: null,
      deadline: null,
      verifiedBy: [],
      reversible: false,
    } as const;
    const long = { ...short, action: "x".repeat(200), timing: "taken on Adoption Day" };
    expect(nodeHeight(long as never)).toBeGreaterThan(nodeHeight(short as never));
  });
});

describe("layoutGraph", () => {
  it("lays the phases out as columns from left to right, every step inside its phase's band", async () => {
    const { model, ids } = threePhaseModel(false);
    const { positions, routes } = await layoutGraph(model);
    expect([...routes.keys()].sort()).toEqual(model.edges.map((e) => e.id).sort());
    const x = (id: string) => positions.get(id)!.x;
    // phase 1 < phase 2 < phase 3, and a dependency inside phase 1 reads left to right
    expect(x(ids.a1.id)).toBeLessThan(x(ids.a2.id));
    expect(Math.max(x(ids.a2.id), x(ids.b1.id))).toBeLessThan(x(ids.b2.id));
    expect(x(ids.b2.id)).toBeLessThan(x(ids.a3.id));
    const bands = columnBands(model, positions);
    expect(bands.map((b) => b.label)).toEqual(["Phase 1", "Phase 2", "Phase 3"]);
    for (const column of model.columns) {
      const band = bands.find((b) => b.label === column.label)!;
      for (const id of column.stepIds) {
        const box = positions.get(id)!;
        expect(box.x).toBeGreaterThanOrEqual(band.box.x);
        expect(box.x + box.width).toBeLessThanOrEqual(band.box.x + band.box.width);
      }
    }
    // bands do not overlap
    for (let i = 1; i < bands.length; i++) {
      expect(bands[i]!.box.x).toBeGreaterThanOrEqual(bands[i - 1]!.box.x + bands[i - 1]!.box.width);
    }
  });

  it("keeps the columns when a dependency runs backwards (a cycle)", async () => {
    const { model, ids } = threePhaseModel(true);
    const { positions, routes } = await layoutGraph(model);
    expect(positions.get(ids.a1.id)!.x).toBeLessThan(positions.get(ids.a3.id)!.x);
    const flowEdges = toFlowEdges(model, routes);
    const back = flowEdges.find((e) => e.source === ids.a3.id && e.target === ids.a1.id)!;
    expect(back.className).toContain("seq-edge-cycle");
    expect(back.animated).toBe(true);
    // drawn along ELK's route, which leaves a1's column going back to a3
    expect(back.data?.points.length).toBeGreaterThanOrEqual(2);
    expect(back.data?.text).toBe("cycle");
    const nodes = toFlowNodes(model, positions);
    expect(nodes.filter((n) => n.type === "phase").map((n) => n.data.label)).toEqual([
      "Phase 1",
      "Phase 2",
      "Phase 3",
    ]);
    expect(nodes.filter((n) => n.type === "step")).toHaveLength(5);
  });
});

describe("roundedPath and labelPoint", () => {
  it("draws straight segments with rounded corners and labels the longest segment", () => {
    const points = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 40 },
    ];
    expect(roundedPath(points)).toBe("M 0 0 L 92 0 Q 100 0 100 8 L 100 40");
    expect(labelPoint(points)).toEqual({ x: 50, y: 0 });
    expect(longestSegment(points)).toBe(100);
    expect(roundedPath([])).toBe("");
  });
});

describe("stacked milestones", () => {
  it("a milestone defined from another in the same column stacks under it, joined straight", async () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const a = must(addStep(doc, { actorPartyId: "pa", action: "a", phase: "Phase 1" }, o));
    const impl = must(
      addMilestone(
        doc,
        {
          name: "Implementation Day",
          definition: { kind: "event", event: { type: "external", description: "report" } },
        },
        o,
      ),
    );
    const transition = must(
      addMilestone(
        doc,
        {
          name: "Transition Day",
          definition: { kind: "offset", fromMilestoneId: impl.id, days: 365 },
        },
        o,
      ),
    );
    must(updateStep(doc, a.id, { takenAt: { milestoneId: transition.id, offsetDays: 0 } }, o));
    const state = computeState(readSnapshot(doc), readFrameworkContext(doc));
    const model = buildGraph(state, { proposalId: null, highlight: null });
    const link = model.edges.find((e) => e.source === impl.id && e.target === transition.id)!;
    expect(isLaidOut(link, model)).toBe(false);
    const { positions, routes } = await layoutGraph(model);
    expect(positions.get(impl.id)!.x).toBe(positions.get(transition.id)!.x);
    const route = routes.get(link.id)!;
    expect(route).toHaveLength(2);
    expect(route[0]!.x).toBe(route[1]!.x);
  });

  it("straightLink joins the facing sides", () => {
    const a = { x: 0, y: 0, width: 100, height: 40 };
    expect(straightLink(a, { x: 0, y: 100, width: 100, height: 40 })).toEqual([
      { x: 50, y: 40 },
      { x: 50, y: 100 },
    ]);
    expect(straightLink(a, { x: 300, y: 0, width: 100, height: 40 })).toEqual([
      { x: 100, y: 20 },
      { x: 300, y: 20 },
    ]);
  });
});
