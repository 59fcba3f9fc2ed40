import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addMilestone, addStep, updateStep } from "../sequencing/records.js";
import type { WriteOptions } from "../sequencing/store.js";
import { CONTEXT, mechanism, milestone, snapshot, step } from "../test/sequencing.js";
import { compareSnapshots } from "./compare.js";
import { compareSequencing, fieldChanges, stableJson } from "./compareSequencing.js";
import { frameworkSnapshotOf } from "./snapshot.js";

describe("compareSequencing", () => {
  it("lists records added, removed and changed field by field, the change stamp left out", () => {
    const before = snapshot({
      steps: [step("s1", "pa", { action: "limits enrichment" }), step("s2", "pb")],
      milestones: [milestone("m1", { kind: "fixed", date: "2026-01-01" }, "Adoption Day")],
    });
    const after = snapshot({
      steps: [
        step("s1", "pa", {
          action: "limits enrichment to 3.67%",
          phase: "Phase 1",
          changed: { by: { name: "Other", party: "pb" }, at: "2026-02-02T00:00:00.000Z" },
        }),
      ],
      milestones: [milestone("m1", { kind: "fixed", date: "2026-01-01" }, "Adoption Day")],
      mechanisms: [mechanism("v1", ["s1"])],
    });
    const changes = compareSequencing(before, after, undefined);
    expect(changes.map((c) => [c.recordKind, c.id, c.kind])).toEqual([
      ["step", "s1", "changed"],
      ["step", "s2", "removed"],
      ["mechanism", "v1", "added"],
    ]);
    expect(changes[0]?.name).toBe("limits enrichment to 3.67%");
    expect(changes[0]?.fields).toEqual([
      { field: "action", from: "limits enrichment", to: "limits enrichment to 3.67%" },
      { field: "phase", from: null, to: "Phase 1" },
    ]);
  });

  it("compares nested values by content, whatever the order of their keys", () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(
      fieldChanges(
        { id: "x", preconditions: { kind: "step", stepId: "s1" } },
        { id: "x", preconditions: { stepId: "s1", kind: "step" } },
      ),
    ).toEqual([]);
    expect(
      fieldChanges(
        { id: "x", deadline: { milestoneId: "m1", offsetDays: 30 } },
        { id: "x", deadline: { milestoneId: "m1", offsetDays: 60 } },
      ),
    ).toEqual([
      {
        field: "deadline",
        from: { milestoneId: "m1", offsetDays: 30 },
        to: { milestoneId: "m1", offsetDays: 60 },
      },
    ]);
  });

  it("reads the records from the framework doc and attributes them through the hook", () => {
    const opts: WriteOptions = {
      actor: { name: "Ana Drafter", party: "pa" },
      context: CONTEXT,
      now: new Date("2026-05-01T10:00:00Z"),
    };
    const doc = new Y.Doc();
    const add = (r: { ok: boolean }) => expect(r.ok).toBe(true);
    add(
      addMilestone(
        doc,
        { id: "adoption", name: "Adoption Day", definition: { kind: "fixed", date: "2026-10-18" } },
        opts,
      ),
    );
    add(addStep(doc, { id: "a1", actorPartyId: "pa", action: "limits enrichment" }, opts));
    const before = frameworkSnapshotOf(doc, null);
    add(updateStep(doc, "a1", { deadline: { milestoneId: "adoption", offsetDays: 90 } }, opts));
    add(addStep(doc, { id: "b1", actorPartyId: "pb", action: "lifts sanctions" }, opts));
    const drafter = { name: "Ana Drafter", party: "pa" };
    const result = compareSnapshots(before, frameworkSnapshotOf(doc, null), {
      who: (key) => (key.kind === "record" ? [drafter] : undefined),
    });
    expect(result.sequencing).toEqual([
      {
        recordKind: "step",
        id: "a1",
        name: "limits enrichment",
        kind: "changed",
        fields: [
          { field: "deadline", from: null, to: { milestoneId: "adoption", offsetDays: 90 } },
        ],
        by: [drafter],
      },
      {
        recordKind: "step",
        id: "b1",
        name: "lifts sanctions",
        kind: "added",
        fields: [],
        by: [drafter],
      },
    ]);
    expect(result.summary).toBe(
      "0 terms changed, 0 added, 0 removed; 0 bracket options dropped; sequencing records: 1 added, 1 changed",
    );
  });
});
