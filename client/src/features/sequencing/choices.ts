/** Labels for the records, parties and bodies offered in the forms' selects and checklists. */
import { type Step, stepActors } from "@parley/shared/sequencing/index";
import { reversalKey } from "./conditionFormModel.js";
import type { Choice } from "./formFields.js";
import type { SequencingState } from "./sequencingStore.js";

const MAX_LABEL = 70;

function clip(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}

export function partyChoices(state: SequencingState): Choice[] {
  return state.context.parties.map((p) => ({ id: p.id, label: `${p.name} (${p.shortName})` }));
}

/** The bodies of the sequencing (joint commission, agency, Security Council), by id. */
export function bodyChoices(state: SequencingState): Choice[] {
  return state.snapshot.bodies.map((b) => ({ id: b.id, label: b.name }));
}

/** Parties and bodies as actor keys (`party:<id>`, `body:<id>`), for who takes a step. */
export function actorChoices(state: SequencingState): Choice[] {
  return [
    ...state.context.parties.map((p) => ({
      id: `party:${p.id}`,
      label: `${p.name} (${p.shortName})`,
    })),
    ...state.snapshot.bodies.map((b) => ({ id: `body:${b.id}`, label: `${b.name} (body)` })),
  ];
}

/** "FP", "FP+SP", "JC": the short names of a step's actors. */
export function actorsShort(
  state: SequencingState,
  step: Pick<Step, "actorPartyId" | "actors">,
): string {
  const short = stepActors(step).map((a) =>
    a.kind === "party"
      ? (state.context.parties.find((p) => p.id === a.partyId)?.shortName ?? "?")
      : (state.snapshot.bodies.find((b) => b.id === a.bodyId)?.name ?? "?"),
  );
  return short.length === 0 ? "?" : short.join("+");
}

/** "FP: suspends enrichment · Phase 1", every step but `exceptId` when given. */
export function stepChoices(state: SequencingState, exceptId?: string | null): Choice[] {
  return [...state.snapshot.steps]
    .filter((s) => s.id !== exceptId)
    .sort(
      (a, b) =>
        (a.phase ?? "\uffff").localeCompare(b.phase ?? "\uffff", undefined, { numeric: true }) ||
        (a.number ?? "\uffff").localeCompare(b.number ?? "\uffff", undefined, { numeric: true }) ||
        a.action.localeCompare(b.action),
    )
    .map((s) => ({
      id: s.id,
      label: `${s.number ? `${s.number}. ` : ""}${actorsShort(state, s)}: ${clip(s.action)}${s.phase ? ` · ${s.phase}` : ""}`,
    }));
}

export function milestoneChoices(state: SequencingState, exceptId?: string | null): Choice[] {
  return state.snapshot.milestones
    .filter((m) => m.id !== exceptId)
    .map((m) => ({ id: m.id, label: m.name }));
}

export function mechanismChoices(state: SequencingState): Choice[] {
  return state.snapshot.mechanisms.map((m) => ({ id: m.id, label: m.name }));
}

/** The guarantees and mechanisms with a reversal, as `reversalKey`s: what a condition can wait for. */
export function reversalChoices(state: SequencingState): Choice[] {
  return [
    ...state.snapshot.guarantees
      .filter((g) => g.reversal !== null)
      .map((g) => ({
        id: reversalKey("guarantee", g.id),
        label: `reversal by guarantee: ${clip(g.obligation)}`,
      })),
    ...state.snapshot.mechanisms
      .filter((m) => m.reversal !== null)
      .map((m) => ({ id: reversalKey("mechanism", m.id), label: `reversal by ${m.name}` })),
  ];
}

/** The guarantees and mechanisms whose reversal names the step ("the snapback guarantee"). */
export function reversersOf(state: SequencingState, stepId: string): string[] {
  return [
    ...state.snapshot.guarantees
      .filter((g) => g.reversal?.steps.some((s) => s.stepId === stepId))
      .map((g) => `the guarantee “${clip(g.obligation)}”`),
    ...state.snapshot.mechanisms
      .filter((m) => m.reversal?.steps.some((s) => s.stepId === stepId))
      .map((m) => m.name),
  ];
}

/** Phases in use, for the phase field's suggestions. */
export function phaseSuggestions(state: SequencingState): string[] {
  return [
    ...new Set(state.snapshot.steps.flatMap((s) => (s.phase === null ? [] : [s.phase]))),
  ].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
