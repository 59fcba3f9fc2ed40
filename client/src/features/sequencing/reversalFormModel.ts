/**
 * The reversal part of a guarantee or mechanism form: what it does to steps already taken when it
 * is invoked (suspends, reinstates, terminates), which steps, each in whole or in part; the
 * notification event that starts it; and the stages of its dispute process, each a length of time
 * counted from the end of the stage before. Converts to and from the shared `Reversal`.
 */
import type { Reversal, ReversalEffect, ReversalInput } from "@parley/shared/sequencing/index";
import { type SpanValue, spanToValue, valueToSpan } from "./spanFormModel.js";

export interface ReversedStepValues {
  stepId: string;
  extent: "whole" | "part";
  note: string;
}

export interface StageValues {
  name: string;
  within: SpanValue;
}

export interface ReversalValues {
  /** Off: the record reverses nothing (the rest is kept while the form is open). */
  enabled: boolean;
  effect: ReversalEffect;
  steps: ReversedStepValues[];
  notificationMilestoneId: string;
  stages: StageValues[];
}

export const NO_REVERSAL: ReversalValues = {
  enabled: false,
  effect: "suspend",
  steps: [],
  notificationMilestoneId: "",
  stages: [],
};

export function reversalToValues(r: Reversal | null): ReversalValues {
  if (r === null) return NO_REVERSAL;
  return {
    enabled: true,
    effect: r.effect,
    steps: r.steps.map((s) => ({ stepId: s.stepId, extent: s.extent, note: s.note })),
    notificationMilestoneId: r.notificationMilestoneId ?? "",
    stages: r.stages.map((s) => ({ name: s.name, within: spanToValue(s.within) })),
  };
}

/** The stored reversal; null when switched off. A reversal of no steps is refused by the accessor. */
export function valuesToReversal(v: ReversalValues): ReversalInput | null {
  if (!v.enabled) return null;
  return {
    effect: v.effect,
    steps: v.steps.map((s) => ({
      stepId: s.stepId,
      extent: s.extent,
      note: s.extent === "part" ? s.note : "",
    })),
    notificationMilestoneId: v.notificationMilestoneId === "" ? null : v.notificationMilestoneId,
    stages: v.stages.map((s) => ({ name: s.name, within: valueToSpan(s.within) })),
  };
}

/** Turns a step on or off in the reversal (on: in whole, until the person says otherwise). */
export function toggleReversedStep(v: ReversalValues, stepId: string, on: boolean): ReversalValues {
  const without = v.steps.filter((s) => s.stepId !== stepId);
  return {
    ...v,
    steps: on ? [...without, { stepId, extent: "whole", note: "" }] : without,
  };
}
