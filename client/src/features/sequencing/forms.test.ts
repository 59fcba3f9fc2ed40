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
      condition: {
        mode: "any-of",
        steps: [a.id],
        milestones: [day.id],
        reports: [],
        reversals: [],
        groups: [],
      },
      deadline: { milestoneId: day.id, span: { amount: "30", unit: "days" }, before: false },
    });
    const { changed: _c, id: _i, ...stored } = b;
    expect(formToStepInput(values)).toEqual(stored);
  });

  it("edits a nested precondition tree and gives it back with the same meaning", () => {
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
    expect(values.condition.groups).toHaveLength(1);
    expect(values.condition.groups[0]!.steps).toEqual(["x", "y"]);
    expect(formToStepInput(values).preconditions).toEqual({
      kind: "all-of",
      of: [{ kind: "step", stepId: "z" }, nested.of[0]],
    });
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
      actor: "party:pa",
      action: "suspends",
      deadline: { milestoneId: day.id, span: { amount: "-5", unit: "days" }, before: false },
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
      formToStepInput({
        ...stepToForm(a),
        condition: { ...stepToForm(a).condition, steps: [a.id] },
      }),
      o,
    );
    expect(self.ok).toBe(false);
    if (!self.ok)
      expect(describeRefusal(self.error)).toMatch(
        /^Not saved — Waits for: a step cannot refer to itself/,
      );
    const unknown = addStep(
      doc,
      formToStepInput(emptyStepForm({ actor: "party:p-gone", action: "x" })),
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
    const values = {
      ...emptyMilestoneForm(),
      name: "Later",
      fromMilestoneId: base.id,
      offset: { amount: "-3", unit: "days" as const },
    };
    const result = addMilestone(doc, formToMilestoneInput(values), o);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(describeRefusal(result.error)).toBe(
        "Not saved — Offset: the number of days cannot be negative.",
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
    action: "a",
    termId: null,
    actors: [],
    preconditions: null,
    simultaneousWith: [],
    end: null,
    extent: null,
    publicAct: false,
    number: null,
    takenAt: null,
    effectiveAt: null,
    deadline: null,
    phase: null,
    mechanismId: null,
    reversible: false,
    changed: { by: { name: "t", party: null }, at: "2026-01-01T00:00:00Z" },
  };
}
