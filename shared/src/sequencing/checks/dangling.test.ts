import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTEXT } from "../../test/sequencing.js";
import type { SequencingContext } from "../context.js";
import {
  addMechanism,
  addMilestone,
  addStep,
  removeMechanism,
  removeMilestone,
  removeStep,
} from "../records.js";
import { readSnapshot } from "../snapshot.js";
import { checkDanglingReferences } from "./dangling.js";
import { checkAll } from "./index.js";

const opts = (name: string) => ({ actor: { name, party: null }, context: CONTEXT });
const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe("checkDanglingReferences", () => {
  it("reports the dangling mechanism after a concurrent delete in another Y.Doc", () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    expect(
      addStep(alice, { id: "a1", actorPartyId: "pa", action: "caps enrichment" }, opts("Alice")).ok,
    ).toBe(true);
    expect(
      addMechanism(
        alice,
        {
          id: "m1",
          name: "IAEA monitoring",
          body: { kind: "party", partyId: "iaea" },
          verifies: "enrichment",
        },
        opts("Alice"),
      ).ok,
    ).toBe(true);
    sync(alice, bob);
    expect(checkAll(readSnapshot(bob), CONTEXT)).toEqual([]);

    // Offline from each other: Alice deletes the mechanism, Bob adds a step verified by it.
    expect(removeMechanism(alice, "m1").ok).toBe(true);
    const added = addStep(
      bob,
      {
        id: "b1",
        actorPartyId: "pb",
        action: "lifts oil sanctions",
        mechanismId: "m1",
        preconditions: { kind: "verification", mechanismId: "m1", stepIds: ["a1"] },
      },
      opts("Bob"),
    );
    expect(added.ok).toBe(true); // valid where Bob wrote it
    sync(alice, bob);
    sync(bob, alice);

    for (const doc of [alice, bob]) {
      const problems = checkDanglingReferences(readSnapshot(doc), CONTEXT);
      expect(problems.map((p) => p.key)).toEqual([
        "dangling-reference:step:b1:preconditions.mechanismId",
        "dangling-reference:step:b1:mechanismId",
      ]);
      expect(problems[1]).toMatchObject({
        severity: "error",
        message:
          "Step “Party B: lifts oil sanctions” is verified by a verification mechanism that no longer exists (“m1”, field mechanismId)",
        involved: [
          { kind: "step", id: "b1" },
          { kind: "mechanism", id: "m1" },
        ],
      });
    }
  });

  it("reports references to deleted terms, parties, steps and milestones", () => {
    const doc = new Y.Doc();
    expect(
      addMilestone(
        doc,
        { id: "d", name: "Day", definition: { kind: "fixed", date: "2026-01-01" } },
        opts("A"),
      ).ok,
    ).toBe(true);
    expect(
      addStep(doc, { id: "s1", actorPartyId: "pa", action: "x", termId: "t1" }, opts("A")).ok,
    ).toBe(true);
    expect(
      addStep(
        doc,
        {
          id: "s2",
          actorPartyId: "pb",
          action: "y",
          preconditions: { kind: "step", stepId: "s1" },
          deadline: { milestoneId: "d", offsetDays: 30 },
        },
        opts("A"),
      ).ok,
    ).toBe(true);
    expect(removeStep(doc, "s1").ok).toBe(true);
    expect(removeMilestone(doc, "d").ok).toBe(true);
    // The framework model has since removed term t1 and Party B.
    const later: SequencingContext = {
      parties: CONTEXT.parties.filter((p) => p.id !== "pb"),
      termIds: ["t2"],
    };
    const problems = checkDanglingReferences(readSnapshot(doc), later);
    expect(problems.map((p) => p.involved[1])).toEqual([
      { kind: "party", id: "pb" },
      { kind: "step", id: "s1" },
      { kind: "milestone", id: "d" },
    ]);
    expect(problems[0]?.message).toMatch(/is taken by a party that no longer exists/);
  });
});
