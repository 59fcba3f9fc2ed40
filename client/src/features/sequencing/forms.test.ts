// @vitest-environment node
import { addMilestone, addStep, readSnapshot, updateStep } from "@parley/shared/sequencing/index";
import { describe, expect, it } from "vitest";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import { splitList } from "./MechanismForm.js";
import { emptyMilestoneForm, formToMilestoneInput, milestoneToForm } from "./milestoneFormModel.js";
import { describeRefusal } from "./refusal.js";
import {
  emptyStepForm,
  formToStepInput,
  parseDays,
  stepToForm,
  toggleId,
} from "./stepFormModel.js";

describe("step form", () => {
  it("round-trips a stored step through the form values", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const day = must(
      addMilestone(doc, { name: "Day", definition: { kind: "fixed", date: "2026-01-01" } }, o),
    );
    const a = must(addStep(doc, { actorPartyId: "pa", action: "a" }, o));
    const b = must(
      addStep(
        doc,
        {
          actorPartyId: "pb",
          action: "b",
          phase: "Phase 2",
          preconditions: {
            kind: "any-of",
            of: [
              { kind: "step", stepId: a.id },
              { kind: "milestone", milestoneId: day.id },
            ],
          },
          deadline: { milestoneId: day.id, offsetDays: 30 },
          reversible: true,
        },
        o,
      ),
    );
    const values = stepToForm(b);
    expect(values).toMatchObject({
      conditionMode: "any-of",
      waitsForSteps: [a.id],
      waitsForMilestones: [day.id],
      deadline: { milestoneId: day.id, offsetDays: "30" },
      advancedPreconditions: null,
    });
    // The form does not edit end, extent, public act, number or the further actors yet: it leaves them out.
    const {
      changed: _c,
      id: _i,
      actors: _a,
      end: _e,
      extent: _x,
      publicAct: _p,
      number: _n,
      ...stored
    } = b;
    expect(formToStepInput(values)).toEqual(stored);
  });

  it("keeps a nested precondition tree it cannot edit", () => {
    const nested = {
      kind: "all-of" as const,
      of: [
        {
          kind: "any-of" as const,
          of: [
            { kind: "step" as const, stepId: "x" },
            { kind: "step" as const, stepId: "y" },
          ],
        },
        { kind: "step" as const, stepId: "z" },
      ],
    };
    const values = stepToForm({ ...stepStub(), preconditions: nested });
    expect(values.advancedPreconditions).toEqual(nested);
    expect(formToStepInput(values).preconditions).toEqual(nested);
  });

  it("passes a negative or non-numeric offset on, and the accessor refuses it with a clear message", () => {
    expect(parseDays("-5")).toBe(-5);
    expect(parseDays("")).toBe(0);
    expect(parseDays("soon")).toBeNaN();
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const day = must(
      addMilestone(doc, { name: "Day", definition: { kind: "fixed", date: "2026-01-01" } }, o),
    );
    const values = emptyStepForm({
      actorPartyId: "pa",
      action: "suspends",
      deadline: { milestoneId: day.id, offsetDays: "-5" },
    });
    const result = addStep(doc, formToStepInput(values), o);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(describeRefusal(result.error)).toBe(
        "Not saved — Deadline: the number of days cannot be negative.",
      );
    expect(readSnapshot(doc).steps).toHaveLength(0);
  });

  it("a step depending on itself and an unknown actor are refused with the field named", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const a = must(addStep(doc, { actorPartyId: "pa", action: "a" }, o));
    const self = updateStep(
      doc,
      a.id,
      formToStepInput({ ...stepToForm(a), waitsForSteps: [a.id] }),
      o,
    );
    expect(self.ok).toBe(false);
    if (!self.ok)
      expect(describeRefusal(self.error)).toMatch(
        /^Not saved — Waits for: a step cannot refer to itself/,
      );
    const unknown = addStep(
      doc,
      formToStepInput(emptyStepForm({ actorPartyId: "p-gone", action: "x" })),
      o,
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(describeRefusal(unknown.error)).toBe('Not saved — Actor: unknown party "p-gone".');
    expect(readSnapshot(doc).steps.map((s) => s.preconditions)).toEqual([null]);
  });

  it("toggles ids in checklists", () => {
    expect(toggleId(["a"], "b", true)).toEqual(["a", "b"]);
    expect(toggleId(["a", "b"], "a", false)).toEqual(["b"]);
    expect(toggleId(["a"], "a", true)).toEqual(["a"]);
  });
});

describe("milestone form", () => {
  it("round-trips every kind of definition", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const base = must(
      addMilestone(
        doc,
        { name: "Adoption Day", definition: { kind: "fixed", date: "2026-01-10" } },
        o,
      ),
    );
    const other = must(
      addMilestone(
        doc,
        {
          name: "Vote",
          definition: { kind: "event", event: { type: "external", description: "UNSC vote" } },
        },
        o,
      ),
    );
    const defs = [
      { kind: "offset" as const, fromMilestoneId: base.id, days: 90 },
      { kind: "earlier-of" as const, firstId: base.id, secondId: other.id },
      { kind: "later-of" as const, firstId: base.id, secondId: other.id },
      { kind: "fixed" as const, date: "2027-03-01" },
    ];
    for (const definition of defs) {
      const m = must(addMilestone(doc, { name: "M", definition }, o));
      expect(formToMilestoneInput(milestoneToForm(m))).toEqual({ name: "M", definition });
    }
  });

  it("refuses a negative offset with the field named", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const base = must(
      addMilestone(
        doc,
        { name: "Adoption Day", definition: { kind: "fixed", date: "2026-01-10" } },
        o,
      ),
    );
    const values = { ...emptyMilestoneForm(), name: "Later", fromMilestoneId: base.id, days: "-3" };
    const result = addMilestone(doc, formToMilestoneInput(values), o);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(describeRefusal(result.error)).toBe(
        "Not saved — Days after: the number of days cannot be negative.",
      );
  });
});

describe("mechanism form", () => {
  it("splits methods and bodies by line or comma, dropping empty entries", () => {
    expect(splitList("inspections\n continuous monitoring ,, declarations\n")).toEqual([
      "inspections",
      "continuous monitoring",
      "declarations",
    ]);
  });
});

function stepStub() {
  return {
    id: "s1",
    actorPartyId: "pa",
    actors: [],
    action: "a",
    termId: null,
    preconditions: null,
    simultaneousWith: [],
    takenAt: null,
    effectiveAt: null,
    deadline: null,
    end: null,
    extent: null,
    publicAct: false,
    number: null,
    phase: null,
    mechanismId: null,
    reversible: false,
    changed: { by: { name: "t", party: null }, at: "2026-01-01T00:00:00Z" },
  };
}
