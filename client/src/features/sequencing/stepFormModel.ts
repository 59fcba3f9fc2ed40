/**
 * The step form's values and their conversion to and from the shared `StepInput`. The form edits
 * flat preconditions (all of / any of: steps, milestones, one verification report); a deeper tree
 * written elsewhere is kept as it is and shown read-only. No validation here: the shared accessor
 * validates the whole record and its refusal is shown as it is.
 */
import type { Precondition, Step, StepInput, TimeRef } from "@parley/shared/sequencing/index";

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
  conditionMode: "all-of" | "any-of";
  waitsForSteps: string[];
  waitsForMilestones: string[];
  /** One verification report: the mechanism and the steps it must confirm. */
  verificationMechanismId: string;
  verificationStepIds: string[];
  /** A precondition tree the form cannot edit (nested), kept unchanged; null when flat. */
  advancedPreconditions: Precondition | null;
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
    conditionMode: "all-of",
    waitsForSteps: [],
    waitsForMilestones: [],
    verificationMechanismId: "",
    verificationStepIds: [],
    advancedPreconditions: null,
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

/** Splits a precondition tree into the flat fields, or keeps it whole when it is nested. */
function flatten(
  p: Precondition | null,
): Pick<
  StepFormValues,
  | "conditionMode"
  | "waitsForSteps"
  | "waitsForMilestones"
  | "verificationMechanismId"
  | "verificationStepIds"
  | "advancedPreconditions"
> {
  const flat = {
    conditionMode: "all-of" as "all-of" | "any-of",
    waitsForSteps: [] as string[],
    waitsForMilestones: [] as string[],
    verificationMechanismId: "",
    verificationStepIds: [] as string[],
    advancedPreconditions: null,
  };
  if (p === null) return flat;
  const leaves = p.kind === "all-of" || p.kind === "any-of" ? p.of : [p];
  if (p.kind === "any-of") flat.conditionMode = "any-of";
  let verifications = 0;
  for (const leaf of leaves) {
    if (leaf.kind === "step") flat.waitsForSteps.push(leaf.stepId);
    else if (leaf.kind === "milestone") flat.waitsForMilestones.push(leaf.milestoneId);
    else if (leaf.kind === "verification" && verifications === 0) {
      verifications++;
      flat.verificationMechanismId = leaf.mechanismId;
      flat.verificationStepIds = [...leaf.stepIds];
    } else {
      return { ...flat, advancedPreconditions: p };
    }
  }
  return flat;
}

export function stepToForm(step: Step): StepFormValues {
  return {
    actorPartyId: step.actorPartyId ?? "",
    action: step.action,
    termId: step.termId ?? "",
    phase: step.phase ?? "",
    ...flatten(step.preconditions),
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
  if (values.advancedPreconditions) return values.advancedPreconditions;
  const leaves: Precondition[] = [
    ...values.waitsForSteps.map((stepId): Precondition => ({ kind: "step", stepId })),
    ...values.waitsForMilestones.map(
      (milestoneId): Precondition => ({ kind: "milestone", milestoneId }),
    ),
  ];
  if (values.verificationMechanismId !== "") {
    leaves.push({
      kind: "verification",
      mechanismId: values.verificationMechanismId,
      stepIds: values.verificationStepIds,
    });
  }
  if (leaves.length === 0) return null;
  if (leaves.length === 1) return leaves[0]!;
  return { kind: values.conditionMode, of: leaves };
}

/** The input for `addStep` / `updateStep` (without id). */
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
