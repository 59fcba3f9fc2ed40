// @vitest-environment node
/**
 * The forms for sequencing that fits real agreements: calendar offsets (years, months, before),
 * joint actors and bodies, a step's end, extent and number, a guarantee's reversal, a "none of"
 * condition on a reversal — each written through the shared store functions from the form values
 * and read back into the same values; and the graph model drawing them.
 */
import {
  addBody,
  addGuarantee,
  addMilestone,
  addSide,
  addStep,
  readSnapshot,
} from "@parley/shared/sequencing/index";
import { describe, expect, it } from "vitest";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import { addSubGroup, emptyGroup, updateGroup } from "./conditionFormModel.js";
import { readFrameworkContext } from "./frameworkContext.js";
import { buildGraph } from "./graphModel.js";
import { formToMilestoneInput, milestoneToForm } from "./milestoneFormModel.js";
import { describeRefusal } from "./refusal.js";
import {
  NO_REVERSAL,
  reversalToValues,
  toggleReversedStep,
  valuesToReversal,
} from "./reversalFormModel.js";
import { computeState } from "./sequencingStore.js";
import { spanToValue, timeToValue, valueToSpan, valueToTime } from "./spanFormModel.js";
import { emptyStepForm, formToStepInput, stepToForm } from "./stepFormModel.js";

const stateOf = (doc: ReturnType<typeof frameworkDoc>) =>
  computeState(readSnapshot(doc), readFrameworkContext(doc));

describe("spans and times", () => {
  it("reads a stored span as one amount and unit, and writes it back", () => {
    expect(spanToValue({ years: 10, months: 0, days: 0 })).toEqual({ amount: "10", unit: "years" });
    expect(spanToValue({ years: 0, months: 0, days: 90 })).toEqual({ amount: "90", unit: "days" });
    // Years and months without days: whole months say it exactly.
    expect(spanToValue({ years: 1, months: 6, days: 0 })).toEqual({ amount: "18", unit: "months" });
    expect(valueToSpan({ amount: "18", unit: "months" })).toEqual({
      years: 0,
      months: 18,
      days: 0,
    });
  });

  it("keeps a span one amount cannot say until another amount is typed", () => {
    const kept = spanToValue({ years: 1, months: 0, days: 5 });
    expect(kept.amount).toBe("");
    expect(valueToSpan(kept)).toEqual({ years: 1, months: 0, days: 5 });
    expect(valueToSpan({ ...kept, amount: "30" })).toEqual({ years: 0, months: 0, days: 30 });
  });

  it("writes a plain day offset as before, and years or 'before' only when used", () => {
    const plain = {
      milestoneId: "m",
      span: { amount: "30", unit: "days" as const },
      before: false,
    };
    expect(valueToTime(plain)).toEqual({ milestoneId: "m", offsetDays: 30 });
    const before = { ...plain, span: { amount: "2", unit: "years" as const }, before: true };
    const stored = valueToTime(before);
    expect(stored).toEqual({ milestoneId: "m", offsetDays: 0, offsetYears: 2, before: true });
    expect(timeToValue(stored)).toEqual(before);
    expect(valueToTime({ ...plain, milestoneId: "" })).toBeNull();
  });

  it("a milestone 10 years after a leap day falls on 28 February, through the form", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const base = must(
      addMilestone(
        doc,
        { name: "Signature", definition: { kind: "fixed", date: "2028-02-29" } },
        o,
      ),
    );
    const values = {
      ...milestoneToForm({ ...base, name: "Sunset" }),
      kind: "offset" as const,
      fromMilestoneId: base.id,
      offset: { amount: "10", unit: "years" as const },
    };
    const sunset = must(addMilestone(doc, formToMilestoneInput(values), o));
    expect(sunset.definition).toEqual({
      kind: "offset",
      fromMilestoneId: base.id,
      days: 0,
      years: 10,
    });
    expect(stateOf(doc).resolutions.get(sunset.id)).toMatchObject({ date: "2038-02-28" });
    expect(milestoneToForm(sunset)).toMatchObject({ offset: { amount: "10", unit: "years" } });
  });

  it("a negative amount of years is refused with the field named, nothing stored", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const values = emptyStepForm({
      actor: "party:pa",
      action: "x",
      deadline: { milestoneId: "m-none", span: { amount: "-1", unit: "years" }, before: false },
    });
    const result = addStep(doc, formToStepInput(values), o);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeRefusal(result.error)).toMatch(/^Not saved — Deadline: /);
    expect(readSnapshot(doc).steps).toHaveLength(0);
  });
});

describe("step form: actors, end, extent, number", () => {
  it("round-trips a joint step of a party and a body, with a sunset, a quantity and a number", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const jc = must(addBody(doc, { name: "Joint Commission", kind: "joint-commission" }, o));
    const sunset = must(
      addMilestone(doc, { name: "Sunset", definition: { kind: "fixed", date: "2036-01-01" } }, o),
    );
    const values = emptyStepForm({
      actor: "party:pa",
      jointActors: [`body:${jc.id}`, "party:pb"],
      action: "reduces the stockpile",
      number: " S4 ",
      end: { kind: "until", milestoneId: sunset.id, duration: { amount: "0", unit: "days" } },
      extent: { kind: "quantity", amount: "300", unit: "kg", upTo: true },
      publicAct: true,
    });
    const step = must(addStep(doc, formToStepInput(values), o));
    expect(step).toMatchObject({
      actorPartyId: "pa",
      actors: [
        { kind: "body", bodyId: jc.id },
        { kind: "party", partyId: "pb" },
      ],
      number: "S4",
      end: { kind: "until", milestoneId: sunset.id },
      extent: { kind: "quantity", amount: 300, unit: "kg", upTo: true },
      publicAct: true,
    });
    const back = stepToForm(step);
    expect(back).toMatchObject({
      actor: "party:pa",
      jointActors: [`body:${jc.id}`, "party:pb"],
      number: "S4",
      extent: { kind: "quantity", amount: "300", unit: "kg", upTo: true },
      publicAct: true,
    });
    const { changed: _c, id: _i, ...stored } = step;
    expect(formToStepInput(back)).toEqual(stored);
  });

  it("a step taken by a body alone stores no lead party", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const unsc = must(addBody(doc, { name: "Security Council", kind: "security-council" }, o));
    const input = formToStepInput(
      emptyStepForm({ actor: `body:${unsc.id}`, action: "adopts a resolution", publicAct: true }),
    );
    expect(input).toMatchObject({
      actorPartyId: null,
      actors: [{ kind: "body", bodyId: unsc.id }],
    });
    const step = must(addStep(doc, input, o));
    expect(stepToForm(step)).toMatchObject({ actor: `body:${unsc.id}`, jointActors: [] });
  });

  it("a step lasting 10 years stores a duration, and 'no end' is said apart from 'not said'", () => {
    const base = emptyStepForm({ actor: "party:pa", action: "x" });
    expect(formToStepInput(base).end).toBeNull();
    expect(formToStepInput({ ...base, end: { ...base.end, kind: "none" } }).end).toEqual({
      kind: "none",
    });
    expect(
      formToStepInput({
        ...base,
        end: { kind: "duration", milestoneId: "", duration: { amount: "10", unit: "years" } },
      }).end,
    ).toEqual({ kind: "duration", duration: { years: 10, months: 0, days: 0 } });
  });
});

describe("reversal and a condition on it", () => {
  it("a guarantee reinstating a step in part, with a notice and a stage, round-trips", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const lift = must(addStep(doc, { actorPartyId: "pb", action: "lifts the embargo" }, o));
    const notice = must(
      addMilestone(
        doc,
        {
          name: "Notice",
          definition: { kind: "event", event: { type: "external", description: "notice" } },
        },
        o,
      ),
    );
    let reversal = toggleReversedStep(
      { ...NO_REVERSAL, enabled: true, effect: "reinstate" },
      lift.id,
      true,
    );
    reversal = {
      ...reversal,
      steps: reversal.steps.map((s) => ({
        ...s,
        extent: "part" as const,
        note: "the oil embargo",
      })),
      notificationMilestoneId: notice.id,
      stages: [{ name: "Joint Commission", within: { amount: "15", unit: "days" } }],
    };
    const g = must(
      addGuarantee(
        doc,
        {
          guarantor: { kind: "named", name: "Guarantors" },
          beneficiary: { kind: "party", partyId: "pa" },
          obligation: "Snapback",
          trigger: "non-performance",
          response: "reinstated",
          nature: "political",
          reversal: valuesToReversal(reversal),
        },
        o,
      ),
    );
    expect(g.reversal).toEqual({
      effect: "reinstate",
      steps: [{ stepId: lift.id, extent: "part", note: "the oil embargo" }],
      notificationMilestoneId: notice.id,
      stages: [{ name: "Joint Commission", within: { years: 0, months: 0, days: 15 } }],
    });
    expect(reversalToValues(g.reversal)).toEqual(reversal);
    expect(valuesToReversal({ ...reversal, enabled: false })).toBeNull();

    // "Terminates, provided the relief has not been reinstated": a none-of sub-condition.
    let condition = { ...emptyGroup(), steps: [lift.id] };
    condition = addSubGroup(condition, [], "any-of");
    condition = updateGroup(condition, [0], (sub) => ({
      ...sub,
      mode: "none-of",
      reversals: [`guarantee:${g.id}`],
    }));
    const end = must(
      addStep(
        doc,
        formToStepInput(emptyStepForm({ actor: "party:pb", action: "terminates", condition })),
        o,
      ),
    );
    expect(end.preconditions).toEqual({
      kind: "all-of",
      of: [
        { kind: "step", stepId: lift.id },
        { kind: "none-of", of: [{ kind: "reversal", source: "guarantee", recordId: g.id }] },
      ],
    });
    expect(stepToForm(end).condition).toEqual(condition);

    // The graph: the relief is reversible, the notice points at it, and at the termination
    // as a negated condition.
    const model = buildGraph(stateOf(doc), { proposalId: null, highlight: null });
    const liftNode = model.nodes.find((n) => n.id === lift.id);
    expect(liftNode).toMatchObject({
      reversible: true,
      reversedBy: ["reinstated by Snapback (in part)"],
    });
    expect(model.edges.filter((e) => e.kind === "reversal")).toEqual([
      expect.objectContaining({ source: notice.id, target: lift.id, label: "reinstates in part" }),
    ]);
    expect(model.edges.find((e) => e.target === end.id && e.negated)).toMatchObject({
      source: notice.id,
      label: "unless reversed",
    });
  });
});

describe("graph: ends, extent, sides, bodies", () => {
  it("draws a sunset, a quantity, a joint step and the side of its lead party", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    must(addSide(doc, { name: "Guarantor states", partyIds: ["pa"] }, o));
    const jc = must(addBody(doc, { name: "JC", kind: "joint-commission" }, o));
    const sunset = must(
      addMilestone(doc, { name: "Sunset", definition: { kind: "fixed", date: "2036-01-01" } }, o),
    );
    const s = must(
      addStep(
        doc,
        {
          actorPartyId: "pa",
          actors: [{ kind: "body", bodyId: jc.id }],
          action: "caps",
          number: "4",
          end: { kind: "until", milestoneId: sunset.id },
          extent: { kind: "quantity", amount: 5060, unit: "centrifuges", upTo: false },
        },
        o,
      ),
    );
    const model = buildGraph(stateOf(doc), { proposalId: null, highlight: null });
    expect(model.nodes.find((n) => n.id === s.id)).toMatchObject({
      number: "4",
      joint: true,
      byBody: true,
      side: "Guarantor states",
      actorShortName: "FP+JC",
      end: "until Sunset",
      extent: "5,060 centrifuges",
    });
    expect(model.edges).toContainEqual(
      expect.objectContaining({ kind: "ends", source: s.id, target: sunset.id }),
    );
  });
});
