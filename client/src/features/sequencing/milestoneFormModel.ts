/**
 * The milestone form's values and their conversion to and from the shared `MilestoneInput`; an
 * offset is an amount and a unit (days, months, years), after or before its base milestone.
 */
import {
  definitionSpan,
  type Milestone,
  type MilestoneInput,
} from "@parley/shared/sequencing/index";
import { type SpanValue, spanToValue, valueToSpan, ZERO_SPAN } from "./spanFormModel.js";

export type DefinitionKind =
  | "fixed"
  | "offset"
  | "event-report"
  | "event-external"
  | "earlier-of"
  | "later-of";

export interface MilestoneFormValues {
  name: string;
  kind: DefinitionKind;
  date: string;
  fromMilestoneId: string;
  offset: SpanValue;
  before: boolean;
  mechanismId: string;
  stepIds: string[];
  description: string;
  firstId: string;
  secondId: string;
}

export const DEFINITION_LABELS: Record<DefinitionKind, string> = {
  fixed: "a fixed date",
  offset: "a time after or before another milestone",
  "event-report": "a verification report",
  "event-external": "another event (a vote, a ratification…)",
  "earlier-of": "the earlier of two milestones",
  "later-of": "the later of two milestones",
};

export function emptyMilestoneForm(): MilestoneFormValues {
  return {
    name: "",
    kind: "offset",
    date: "",
    fromMilestoneId: "",
    offset: ZERO_SPAN,
    before: false,
    mechanismId: "",
    stepIds: [],
    description: "",
    firstId: "",
    secondId: "",
  };
}

export function milestoneToForm(m: Milestone): MilestoneFormValues {
  const base = { ...emptyMilestoneForm(), name: m.name };
  const def = m.definition;
  switch (def.kind) {
    case "fixed":
      return { ...base, kind: "fixed", date: def.date };
    case "offset":
      return {
        ...base,
        kind: "offset",
        fromMilestoneId: def.fromMilestoneId,
        offset: spanToValue(definitionSpan(def)),
        before: def.before ?? false,
      };
    case "event":
      return def.event.type === "verification-report"
        ? {
            ...base,
            kind: "event-report",
            mechanismId: def.event.mechanismId,
            stepIds: [...def.event.stepIds],
          }
        : { ...base, kind: "event-external", description: def.event.description };
    case "earlier-of":
    case "later-of":
      return { ...base, kind: def.kind, firstId: def.firstId, secondId: def.secondId };
  }
}

/** The input for `addMilestone` / `updateMilestone`; the store validates it. */
export function formToMilestoneInput(v: MilestoneFormValues): Omit<MilestoneInput, "id"> {
  const name = v.name;
  switch (v.kind) {
    case "fixed":
      return { name, definition: { kind: "fixed", date: v.date } };
    case "offset": {
      const span = valueToSpan(v.offset);
      return {
        name,
        definition: {
          kind: "offset",
          fromMilestoneId: v.fromMilestoneId,
          days: span.days,
          ...(span.months !== 0 ? { months: span.months } : {}),
          ...(span.years !== 0 ? { years: span.years } : {}),
          ...(v.before ? { before: true } : {}),
        },
      };
    }
    case "event-report":
      return {
        name,
        definition: {
          kind: "event",
          event: { type: "verification-report", mechanismId: v.mechanismId, stepIds: v.stepIds },
        },
      };
    case "event-external":
      return {
        name,
        definition: { kind: "event", event: { type: "external", description: v.description } },
      };
    case "earlier-of":
    case "later-of":
      return { name, definition: { kind: v.kind, firstId: v.firstId, secondId: v.secondId } };
  }
}
