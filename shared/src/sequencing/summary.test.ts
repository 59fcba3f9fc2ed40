import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTEXT } from "../test/sequencing.js";
import {
  addGuarantee,
  addMechanism,
  addMilestone,
  addStep,
  removeStep,
  updateMilestone,
  updateStep,
} from "./records.js";
import { readSnapshot } from "./snapshot.js";
import { summarizeStep } from "./summary.js";

const opts = { actor: { name: "Mediator", party: "med" }, context: CONTEXT };

function framework() {
  const doc = new Y.Doc();
  const must = (r: { ok: boolean }) => expect(r.ok).toBe(true);
  must(
    addMilestone(
      doc,
      { id: "adoption", name: "Adoption Day", definition: { kind: "fixed", date: "2015-10-18" } },
      opts,
    ),
  );
  must(
    addMilestone(
      doc,
      {
        id: "impl",
        name: "Implementation Day",
        definition: { kind: "offset", fromMilestoneId: "adoption", days: 90 },
      },
      opts,
    ),
  );
  must(
    addStep(
      doc,
      { id: "a1", actorPartyId: "pa", action: "reduces centrifuges", phase: "Phase 1" },
      opts,
    ),
  );
  must(
    addMechanism(
      doc,
      {
        id: "m1",
        name: "Enrichment monitoring",
        body: { kind: "named", name: "IAEA" },
        verifies: "centrifuges",
        confirmsStepIds: ["a1"],
      },
      opts,
    ),
  );
  must(
    addStep(
      doc,
      {
        id: "b1",
        actorPartyId: "pb",
        action: "lifts sanctions X",
        preconditions: { kind: "milestone", milestoneId: "impl" },
        mechanismId: "m1",
      },
      opts,
    ),
  );
  return doc;
}

describe("summarizeStep", () => {
  it("reads like the step reference shown inside the text", () => {
    const doc = framework();
    expect(summarizeStep("b1", readSnapshot(doc), CONTEXT).text).toBe(
      "Party B: lifts sanctions X — after Implementation Day, verified by IAEA",
    );
  });

  it("includes timing with computed dates, deadline and compound preconditions", () => {
    const doc = framework();
    expect(
      updateStep(
        doc,
        "b1",
        {
          preconditions: {
            kind: "all-of",
            of: [
              { kind: "milestone", milestoneId: "impl" },
              {
                kind: "any-of",
                of: [
                  { kind: "step", stepId: "a1" },
                  { kind: "verification", mechanismId: "m1", stepIds: ["a1"] },
                ],
              },
            ],
          },
          takenAt: { milestoneId: "impl", offsetDays: 0 },
          effectiveAt: { milestoneId: "impl", offsetDays: 30 },
          deadline: { milestoneId: "adoption", offsetDays: 120 },
        },
        opts,
      ).ok,
    ).toBe(true);
    const s = summarizeStep("b1", readSnapshot(doc), CONTEXT);
    expect(s.conditions).toBe(
      "after Implementation Day and (“Party A: reduces centrifuges” or Enrichment monitoring verifies “Party A: reduces centrifuges”)",
    );
    expect(s.timing).toBe(
      "taken on Implementation Day (16 January 2016), takes effect on Implementation Day + 30 days (15 February 2016)",
    );
    expect(s.deadline).toBe("by Adoption Day + 120 days (15 February 2016)");
    expect(s.verifiedBy).toEqual(["IAEA"]);
  });

  it("follows live edits and deletions", () => {
    const doc = framework();
    expect(updateMilestone(doc, "impl", { name: "I-Day" }, opts).ok).toBe(true);
    expect(summarizeStep("b1", readSnapshot(doc), CONTEXT).text).toBe(
      "Party B: lifts sanctions X — after I-Day, verified by IAEA",
    );
    expect(removeStep(doc, "b1").ok).toBe(true);
    expect(summarizeStep("b1", readSnapshot(doc), CONTEXT)).toMatchObject({
      exists: false,
      text: "(deleted step b1)",
    });
  });
});

describe("guarantees", () => {
  it("stores a guarantee and refuses one naming an unknown party", () => {
    const doc = framework();
    const g = addGuarantee(
      doc,
      {
        guarantor: { kind: "named", name: "UN Security Council" },
        beneficiary: { kind: "party", partyId: "pa" },
        obligation: "restore sanctions relief if withdrawn without cause",
        trigger: "Party B re-imposes sanctions lifted under Phase 1",
        response: "consultations within 15 days",
        nature: "political",
        relatedStepIds: ["b1"],
      },
      opts,
    );
    expect(g.ok).toBe(true);
    expect(readSnapshot(doc).guarantees).toHaveLength(1);
    const bad = addGuarantee(
      doc,
      {
        guarantor: { kind: "party", partyId: "nobody" },
        beneficiary: { kind: "party", partyId: "pa" },
        obligation: "o",
        trigger: "t",
        response: "r",
        nature: "binding",
      },
      opts,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toBe('guarantor.partyId: unknown party "nobody"');
    expect(readSnapshot(doc).guarantees).toHaveLength(1);
  });
});
