import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTEXT } from "../test/sequencing.js";
import { checkAll } from "./checks/index.js";
import {
  addMechanism,
  addMilestone,
  addProposal,
  addStep,
  removeMechanism,
  removeStep,
  updateMilestone,
  updateStep,
} from "./records.js";
import { readSnapshot, sequencingMap, subscribeSequencing } from "./snapshot.js";
import type { Precondition } from "./step.js";
import type { WriteOptions } from "./store.js";

const opts: WriteOptions = {
  actor: { name: "Ana Drafter", party: "pa" },
  context: CONTEXT,
  now: new Date("2026-05-01T10:00:00Z"),
};

/** A doc with a milestone, a mechanism and one step of each principal party. */
function seeded() {
  const doc = new Y.Doc();
  expect(
    addMilestone(
      doc,
      { id: "adoption", name: "Adoption Day", definition: { kind: "fixed", date: "2015-10-18" } },
      opts,
    ).ok,
  ).toBe(true);
  expect(addStep(doc, { id: "a1", actorPartyId: "pa", action: "limits enrichment" }, opts).ok).toBe(
    true,
  );
  expect(addStep(doc, { id: "b1", actorPartyId: "pb", action: "lifts sanctions" }, opts).ok).toBe(
    true,
  );
  expect(
    addMechanism(
      doc,
      {
        id: "m1",
        name: "Monitoring",
        body: { kind: "party", partyId: "iaea" },
        verifies: "enrichment",
        confirmsStepIds: ["a1"],
      },
      opts,
    ).ok,
  ).toBe(true);
  return doc;
}

/** Asserts that `write` is refused with `code` and a message matching `message`, and writes nothing. */
function expectRefused(
  doc: Y.Doc,
  write: () => { ok: boolean; error?: { code: string; message: string } },
  code: string,
  message: RegExp,
) {
  const before = Y.encodeStateAsUpdate(doc);
  const snapBefore = readSnapshot(doc);
  const result = write();
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe(code);
  expect(result.error?.message).toMatch(message);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  expect(readSnapshot(doc)).toEqual(snapBefore);
}

describe("sequencing store", () => {
  it("adds a step with defaults and records who changed it and when", () => {
    const doc = seeded();
    const r = addStep(
      doc,
      {
        actorPartyId: "pb",
        action: "unfreezes assets",
        termId: "t1",
        preconditions: { kind: "step", stepId: "a1" },
      },
      opts,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toMatch(/^step-[a-z0-9]{10}$/);
    expect(r.value.changed).toEqual({
      by: { name: "Ana Drafter", party: "pa" },
      at: "2026-05-01T10:00:00.000Z",
    });
    expect(r.value.reversible).toBe(false);
    expect(readSnapshot(doc).steps.find((s) => s.id === r.value.id)).toEqual(r.value);
  });

  it("refuses a step depending on itself, and writes nothing", () => {
    const doc = seeded();
    expectRefused(
      doc,
      () =>
        addStep(
          doc,
          {
            id: "s9",
            actorPartyId: "pa",
            action: "x",
            preconditions: {
              kind: "all-of",
              of: [
                { kind: "step", stepId: "b1" },
                { kind: "step", stepId: "s9" },
              ],
            },
          },
          opts,
        ),
      "selfReference",
      /preconditions\.of\.1\.stepId: a step cannot refer to itself \(depends on itself\)/,
    );
    expectRefused(
      doc,
      () => updateStep(doc, "a1", { simultaneousWith: ["a1"] }, opts),
      "selfReference",
      /simultaneousWith\.0: a step cannot refer to itself/,
    );
  });

  it("refuses negative offsets with a clear message", () => {
    const doc = seeded();
    expectRefused(
      doc,
      () =>
        addStep(
          doc,
          { actorPartyId: "pa", action: "x", takenAt: { milestoneId: "adoption", offsetDays: -5 } },
          opts,
        ),
      "invalid",
      /takenAt\.offsetDays: offset must not be negative/,
    );
    expectRefused(
      doc,
      () =>
        addMilestone(
          doc,
          { name: "Before", definition: { kind: "offset", fromMilestoneId: "adoption", days: -1 } },
          opts,
        ),
      "invalid",
      /definition\.days: offset must not be negative/,
    );
  });

  it("refuses an unknown actor, term, step, milestone or mechanism", () => {
    const doc = seeded();
    expectRefused(
      doc,
      () => addStep(doc, { actorPartyId: "ghost", action: "x" }, opts),
      "unknownReference",
      /actorPartyId: unknown party "ghost"/,
    );
    expectRefused(
      doc,
      () => addStep(doc, { actorPartyId: "pa", action: "x", termId: "t404" }, opts),
      "unknownReference",
      /termId: unknown term "t404"/,
    );
    expectRefused(
      doc,
      () =>
        addStep(
          doc,
          {
            actorPartyId: "pa",
            action: "x",
            preconditions: {
              kind: "any-of",
              of: [
                { kind: "step", stepId: "nope" },
                { kind: "milestone", milestoneId: "never" },
              ],
            },
            mechanismId: "m404",
          },
          opts,
        ),
      "unknownReference",
      /unknown step "nope".*unknown milestone "never".*mechanismId: unknown mechanism "m404"/,
    );
    expectRefused(
      doc,
      () =>
        addMilestone(
          doc,
          {
            name: "Later",
            definition: { kind: "later-of", firstId: "adoption", secondId: "gone" },
          },
          opts,
        ),
      "unknownReference",
      /definition\.secondId: unknown milestone "gone"/,
    );
    expectRefused(
      doc,
      () => addProposal(doc, { name: "P", stepIds: ["a1", "zz"] }, opts),
      "unknownReference",
      /stepIds\.1: unknown step "zz"/,
    );
  });

  it("refuses bad shapes: empty action, a date that does not exist, unknown fields", () => {
    const doc = seeded();
    expectRefused(
      doc,
      () => addStep(doc, { actorPartyId: "pa", action: "  " }, opts),
      "invalid",
      /action: action must not be empty/,
    );
    expectRefused(
      doc,
      () =>
        addMilestone(doc, { name: "X", definition: { kind: "fixed", date: "2026-02-30" } }, opts),
      "invalid",
      /date does not exist/,
    );
    expectRefused(
      doc,
      () => addStep(doc, { actorPartyId: "pa", action: "x", colour: "red" } as never, opts),
      "invalid",
      /colour/,
    );
  });

  it("refuses preconditions nested deeper than 8 levels, and folds an empty phase to none", () => {
    const doc = seeded();
    let deep: Precondition = { kind: "step", stepId: "a1" };
    for (let i = 0; i < 8; i++) deep = { kind: "all-of", of: [deep] };
    expectRefused(
      doc,
      () => addStep(doc, { actorPartyId: "pb", action: "x", preconditions: deep }, opts),
      "invalid",
      /preconditions may nest at most 8 levels/,
    );
    const r = addStep(doc, { actorPartyId: "pb", action: "x", phase: "  " }, opts);
    expect(r.ok && r.value.phase).toBe(null);
  });

  it("refuses a mechanism whose verifying party does not have the verifier role", () => {
    const doc = seeded();
    expectRefused(
      doc,
      () =>
        addMechanism(
          doc,
          { name: "Self-check", body: { kind: "party", partyId: "pa" }, verifies: "x" },
          opts,
        ),
      "invalid",
      /"Party A" has the role party, not verifier/,
    );
    expect(
      addMechanism(
        doc,
        { name: "Panel", body: { kind: "named", name: "Panel of experts" }, verifies: "x" },
        opts,
      ).ok,
    ).toBe(true);
  });

  it("refuses a duplicate id, an id change and an update of a missing record", () => {
    const doc = seeded();
    expectRefused(
      doc,
      () => addStep(doc, { id: "a1", actorPartyId: "pa", action: "again" }, opts),
      "duplicate",
      /"a1" already exists/,
    );
    expectRefused(
      doc,
      () => updateStep(doc, "a1", { id: "a2" } as never, opts),
      "invalid",
      /id of a record cannot change/,
    );
    expectRefused(
      doc,
      () => updateStep(doc, "zz", { action: "y" }, opts),
      "notFound",
      /no step "zz"/,
    );
  });

  it("updates fields, validates the whole record again, and restamps it", () => {
    const doc = seeded();
    const later: WriteOptions = {
      ...opts,
      actor: { name: "Bo", party: "pb" },
      now: new Date("2026-06-01T00:00:00Z"),
    };
    const r = updateStep(
      doc,
      "b1",
      { preconditions: { kind: "step", stepId: "a1" }, phase: "Phase 1" },
      later,
    );
    expect(r.ok).toBe(true);
    const stored = readSnapshot(doc).steps.find((s) => s.id === "b1")!;
    expect(stored.action).toBe("lifts sanctions");
    expect(stored.phase).toBe("Phase 1");
    expect(stored.changed).toEqual({
      by: { name: "Bo", party: "pb" },
      at: "2026-06-01T00:00:00.000Z",
    });
  });

  it("removes a record and says what referred to it", () => {
    const doc = seeded();
    const r = removeMechanism(doc, "m1");
    expect(r.ok && r.value.referencedBy).toEqual([]);
    expect(r.ok && r.value.removed).toMatchObject({ id: "m1", name: "Monitoring" });
    expect(updateStep(doc, "b1", { preconditions: { kind: "step", stepId: "a1" } }, opts).ok).toBe(
      true,
    );
    const removal = removeStep(doc, "a1");
    expect(removal.ok && removal.value.referencedBy).toEqual([
      { fromKind: "step", fromId: "b1", path: "preconditions.stepId", relation: "depends on" },
    ]);
    expect(readSnapshot(doc).steps.map((s) => s.id)).toEqual(["b1"]);
    expect(removeStep(doc, "a1").ok).toBe(false);
  });

  it("reads invalid stored values without throwing and reports them", () => {
    const doc = seeded();
    sequencingMap(doc, "step").set("evil", { id: "evil", actorPartyId: 42 });
    sequencingMap(doc, "milestone").set("x", "not an object");
    const snap = readSnapshot(doc);
    expect(snap.steps.map((s) => s.id)).toEqual(["a1", "b1"]);
    expect(snap.invalid.map((i) => `${i.kind}:${i.id}`)).toEqual(["milestone:x", "step:evil"]);
    const problems = checkAll(snap, CONTEXT).filter((p) => p.code === "invalid-record");
    expect(problems.map((p) => p.involved[0]?.id).sort()).toEqual(["evil", "x"]);
    expect(problems[0]?.message).toMatch(/is invalid and is ignored/);
  });

  it("notifies subscribers once per transaction that touches sequencing records", () => {
    const doc = seeded();
    let calls = 0;
    const stop = subscribeSequencing(doc, () => {
      calls++;
    });
    updateStep(doc, "a1", { action: "caps enrichment at 3.67%" }, opts);
    doc.transact(() => {
      updateStep(doc, "a1", { phase: "P1" }, opts);
      updateMilestone(doc, "adoption", { name: "Adoption" }, opts);
    });
    doc.getText("unrelated").insert(0, "x");
    stop();
    updateStep(doc, "a1", { phase: "P2" }, opts);
    expect(calls).toBe(2);
  });
});
