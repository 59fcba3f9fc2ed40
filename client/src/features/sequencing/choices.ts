/** Labels for the records and parties offered in the forms' selects and checklists. */
import type { Choice } from "./formFields.js";
import type { SequencingState } from "./sequencingStore.js";

const MAX_LABEL = 70;

function clip(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}

export function partyChoices(state: SequencingState): Choice[] {
  return state.context.parties.map((p) => ({ id: p.id, label: `${p.name} (${p.shortName})` }));
}

/** "FP: suspends enrichment · Phase 1", every step but `exceptId` when given. */
export function stepChoices(state: SequencingState, exceptId?: string | null): Choice[] {
  const short = new Map(state.context.parties.map((p) => [p.id, p.shortName]));
  return [...state.snapshot.steps]
    .filter((s) => s.id !== exceptId)
    .sort(
      (a, b) =>
        (a.phase ?? "\uffff").localeCompare(b.phase ?? "\uffff", undefined, { numeric: true }) ||
        a.action.localeCompare(b.action),
    )
    .map((s) => ({
      id: s.id,
      label: `${short.get(s.actorPartyId ?? "") ?? "?"}: ${clip(s.action)}${s.phase ? ` · ${s.phase}` : ""}`,
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

/** Phases in use, for the phase field's suggestions. */
export function phaseSuggestions(state: SequencingState): string[] {
  return [
    ...new Set(state.snapshot.steps.flatMap((s) => (s.phase === null ? [] : [s.phase]))),
  ].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
