/**
 * The step form's values and their conversion to and from the shared `StepInput`: actors (a lead
 * actor, party or body, and those acting jointly with it), preconditions as groups editable at
 * every level (`conditionFormModel.ts`), times as milestone ± amount and unit
 * (`spanFormModel.ts`), the step's end, its extent (in whole or in part, or a quantity), its
 * number and whether it is a public act. No validation here: the shared accessor validates the
 * whole record and its refusal is shown as it is.
 */
import type {
  ActorRef,
  Precondition,
  Step,
  StepEnd,
  StepExtent,
  StepInput,
} from "@parley/shared/sequencing/index";
import {
  type ConditionGroupValues,
  conditionToGroup,
  emptyGroup,
  groupToCondition,
} from "./conditionFormModel.js";
import {
  NO_TIME,
  type SpanValue,
  spanToValue,
  type TimeFieldValue,
  timeToValue,
  valueToSpan,
  valueToTime,
  ZERO_SPAN,
} from "./spanFormModel.js";

export { parseAmount as parseDays, type TimeFieldValue } from "./spanFormModel.js";

/** How long the step lasts: not said, no end, until a milestone, or for a duration. */
export interface EndValues {
  kind: "" | StepEnd["kind"];
  milestoneId: string;
  duration: SpanValue;
}

/** How much of the step: the whole (nothing said), in whole or in part, or a quantity. */
export interface ExtentValues {
  kind: "" | StepExtent["kind"];
  amount: string;
  unit: string;
  upTo: boolean;
}

export interface StepFormValues {
  /** The lead actor, as an actor key (`party:<id>` / `body:<id>`); "" when not chosen. */
  actor: string;
  /** Those acting jointly with the lead actor (actor keys). */
  jointActors: string[];
  action: string;
  number: string;
  termId: string;
  phase: string;
  /** The preconditions, as groups editable at every level. */
  condition: ConditionGroupValues;
  simultaneousWith: string[];
  takenAt: TimeFieldValue;
  effectiveAt: TimeFieldValue;
  deadline: TimeFieldValue;
  end: EndValues;
  extent: ExtentValues;
  mechanismId: string;
  publicAct: boolean;
  reversible: boolean;
}

export const END_KINDS: readonly StepEnd["kind"][] = ["none", "until", "duration"];

export const NO_END: EndValues = { kind: "", milestoneId: "", duration: ZERO_SPAN };
export const WHOLE: ExtentValues = { kind: "", amount: "", unit: "", upTo: false };

export function emptyStepForm(defaults: Partial<StepFormValues> = {}): StepFormValues {
  return {
    actor: "",
    jointActors: [],
    action: "",
    number: "",
    termId: "",
    phase: "",
    condition: emptyGroup(),
    simultaneousWith: [],
    takenAt: NO_TIME,
    effectiveAt: NO_TIME,
    deadline: NO_TIME,
    end: NO_END,
    extent: WHOLE,
    mechanismId: "",
    publicAct: false,
    reversible: false,
    ...defaults,
  };
}

/** `party:<id>` / `body:<id>`: one select can offer parties and bodies. */
export function actorKey(actor: ActorRef): string {
  return actor.kind === "party" ? `party:${actor.partyId}` : `body:${actor.bodyId}`;
}

export function actorFromKey(key: string): ActorRef | null {
  const [kind, ...rest] = key.split(":");
  const id = rest.join(":");
  if (id === "") return null;
  if (kind === "party") return { kind: "party", partyId: id };
  if (kind === "body") return { kind: "body", bodyId: id };
  return null;
}

function endToValues(end: StepEnd | null): EndValues {
  if (end === null) return NO_END;
  switch (end.kind) {
    case "none":
      return { ...NO_END, kind: "none" };
    case "until":
      return { ...NO_END, kind: "until", milestoneId: end.milestoneId };
    case "duration":
      return { ...NO_END, kind: "duration", duration: spanToValue(end.duration) };
  }
}

function valuesToEnd(v: EndValues): StepEnd | null {
  switch (v.kind) {
    case "":
      return null;
    case "none":
      return { kind: "none" };
    case "until":
      return { kind: "until", milestoneId: v.milestoneId };
    case "duration":
      return { kind: "duration", duration: valueToSpan(v.duration) };
  }
}

function extentToValues(extent: StepExtent | null): ExtentValues {
  if (extent === null) return WHOLE;
  if (extent.kind === "whole-or-part") return { ...WHOLE, kind: "whole-or-part" };
  return { kind: "quantity", amount: String(extent.amount), unit: extent.unit, upTo: extent.upTo };
}

/** A typed quantity: a decimal number, or `NaN` for the accessor to refuse. */
export function parseQuantity(text: string): number {
  const t = text.trim().replace(/\s/g, "");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

function valuesToExtent(v: ExtentValues): StepExtent | null {
  switch (v.kind) {
    case "":
      return null;
    case "whole-or-part":
      return { kind: "whole-or-part" };
    case "quantity":
      return { kind: "quantity", amount: parseQuantity(v.amount), unit: v.unit, upTo: v.upTo };
  }
}

export function stepToForm(step: Step): StepFormValues {
  const actors: string[] = [];
  if (step.actorPartyId) actors.push(`party:${step.actorPartyId}`);
  for (const a of step.actors) {
    const key = actorKey(a);
    if (!actors.includes(key)) actors.push(key);
  }
  return {
    actor: actors[0] ?? "",
    jointActors: actors.slice(1),
    action: step.action,
    number: step.number ?? "",
    termId: step.termId ?? "",
    phase: step.phase ?? "",
    condition: conditionToGroup(step.preconditions),
    simultaneousWith: [...step.simultaneousWith],
    takenAt: timeToValue(step.takenAt),
    effectiveAt: timeToValue(step.effectiveAt),
    deadline: timeToValue(step.deadline),
    end: endToValues(step.end),
    extent: extentToValues(step.extent),
    mechanismId: step.mechanismId ?? "",
    publicAct: step.publicAct,
    reversible: step.reversible,
  };
}

export function formPreconditions(values: StepFormValues): Precondition | null {
  return groupToCondition(values.condition);
}

/**
 * Actors as stored: a lead party goes to `actorPartyId` (as steps were written before joint
 * action), everyone else to `actors`; a lead body leaves `actorPartyId` empty.
 */
function storedActors(values: StepFormValues): Pick<StepInput, "actorPartyId" | "actors"> {
  const lead = actorFromKey(values.actor);
  const joint = values.jointActors
    .filter((k) => k !== values.actor)
    .flatMap((k) => {
      const a = actorFromKey(k);
      return a ? [a] : [];
    });
  if (lead?.kind === "party") return { actorPartyId: lead.partyId, actors: joint };
  return { actorPartyId: null, actors: lead ? [lead, ...joint] : joint };
}

/** The input for `addStep` / `updateStep` (without id). */
export function formToStepInput(values: StepFormValues): Omit<StepInput, "id"> {
  return {
    ...storedActors(values),
    action: values.action,
    number: values.number.trim() === "" ? null : values.number.trim(),
    termId: values.termId === "" ? null : values.termId,
    preconditions: formPreconditions(values),
    simultaneousWith: values.simultaneousWith,
    takenAt: valueToTime(values.takenAt),
    effectiveAt: valueToTime(values.effectiveAt),
    deadline: valueToTime(values.deadline),
    end: valuesToEnd(values.end),
    extent: valuesToExtent(values.extent),
    phase: values.phase.trim() === "" ? null : values.phase.trim(),
    mechanismId: values.mechanismId === "" ? null : values.mechanismId,
    publicAct: values.publicAct,
    reversible: values.reversible,
  };
}

/** Adds or removes `id` in a list of ids (checkbox lists). */
export function toggleId(list: readonly string[], id: string, on: boolean): string[] {
  const without = list.filter((x) => x !== id);
  return on ? [...without, id] : without;
}
