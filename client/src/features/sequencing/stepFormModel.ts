/**
 * The step form's values and their conversion to and from the shared `StepInput`. Preconditions
 * are edited as groups at every level (`conditionFormModel.ts`). No validation here: the shared
 * accessor validates the whole record and its refusal is shown as it is.
 */
import type { Precondition, Step, StepInput, TimeRef } from "@parley/shared/sequencing/index";
import {
  type ConditionGroupValues,
  conditionToGroup,
  emptyGroup,
  groupToCondition,
} from "./conditionFormModel.js";

/** A "milestone + days" field; an empty milestone means "not set". Days stay text until submit. */
export interface TimeFieldValue {
  milestoneId: string;
  offsetDays: string;
}

export interface StepFormValues {
  actorPartyId: string;
  action: string;
  termId: string;
  phase: string;
  /** The preconditions, as groups editable at every level. */
  condition: ConditionGroupValues;
  simultaneousWith: string[];
  takenAt: TimeFieldValue;
  effectiveAt: TimeFieldValue;
  deadline: TimeFieldValue;
  mechanismId: string;
  reversible: boolean;
}

const NO_TIME: TimeFieldValue = { milestoneId: "", offsetDays: "0" };

export function emptyStepForm(defaults: Partial<StepFormValues> = {}): StepFormValues {
  return {
    actorPartyId: "",
    action: "",
    termId: "",
    phase: "",
    condition: emptyGroup(),
    simultaneousWith: [],
    takenAt: NO_TIME,
    effectiveAt: NO_TIME,
    deadline: NO_TIME,
    mechanismId: "",
    reversible: false,
    ...defaults,
  };
}

function timeField(t: TimeRef | null): TimeFieldValue {
  return t ? { milestoneId: t.milestoneId, offsetDays: String(t.offsetDays) } : NO_TIME;
}

export function stepToForm(step: Step): StepFormValues {
  return {
    actorPartyId: step.actorPartyId,
    action: step.action,
    termId: step.termId ?? "",
    phase: step.phase ?? "",
    condition: conditionToGroup(step.preconditions),
    simultaneousWith: [...step.simultaneousWith],
    takenAt: timeField(step.takenAt),
    effectiveAt: timeField(step.effectiveAt),
    deadline: timeField(step.deadline),
    mechanismId: step.mechanismId ?? "",
    reversible: step.reversible,
  };
}

/**
 * Days as typed: a whole number stays a number, anything else is passed on as `NaN` so that the
 * accessor refuses it with its own message ("offset must be a number of days").
 */
export function parseDays(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function timeRef(value: TimeFieldValue): { milestoneId: string; offsetDays: number } | null {
  return value.milestoneId === ""
    ? null
    : { milestoneId: value.milestoneId, offsetDays: parseDays(value.offsetDays) };
}

export function formPreconditions(values: StepFormValues): Precondition | null {
  return groupToCondition(values.condition);
}

/** The input for `steps.add` / `steps.update` (without id). */
export function formToStepInput(values: StepFormValues): Omit<StepInput, "id"> {
  return {
    actorPartyId: values.actorPartyId,
    action: values.action,
    termId: values.termId === "" ? null : values.termId,
    preconditions: formPreconditions(values),
    simultaneousWith: values.simultaneousWith,
    takenAt: timeRef(values.takenAt),
    effectiveAt: timeRef(values.effectiveAt),
    deadline: timeRef(values.deadline),
    phase: values.phase.trim() === "" ? null : values.phase.trim(),
    mechanismId: values.mechanismId === "" ? null : values.mechanismId,
    reversible: values.reversible,
  };
}

/** Adds or removes `id` in a list of ids (checkbox lists). */
export function toggleId(list: readonly string[], id: string, on: boolean): string[] {
  const without = list.filter((x) => x !== id);
  return on ? [...without, id] : without;
}
