/**
 * Which editing modes a person may choose (Editing / Suggesting / Viewing, as Google Docs has
 * them), which one they start in, and why a mode is missing. Pure; the server enforces the same:
 * a commenter's edits, and a drafter's while the framework tracks all changes, must be
 * suggestions (`@parley/shared/suggestions/suggestionRule`).
 */
import type { Role } from "@parley/shared/access/roles";
import type { EditorMode } from "../../editor/suggesting/suggestionAuthor.js";

export interface ModeChoices {
  modes: EditorMode[];
  /** The mode to start in, and to fall back to when the chosen one is no longer allowed. */
  initial: EditorMode;
  /** Why Editing is not offered (shown beside the switch); null when nothing is withheld. */
  note: string | null;
}

export const MODE_LABELS: Record<EditorMode, string> = {
  editing: "Editing",
  suggesting: "Suggesting",
  viewing: "Viewing",
};

/**
 * `canSuggest`: the person has their own member id (a personal token), which every suggestion
 * records; an unnamed invite link cannot suggest until it is exchanged for one.
 */
export function modeChoices(
  role: Role | null,
  trackAll: boolean,
  canSuggest: boolean,
): ModeChoices {
  if (role === "mediator")
    return { modes: ["editing", "suggesting", "viewing"], initial: "editing", note: null };
  if (role === "drafter") {
    if (!trackAll)
      return { modes: ["editing", "suggesting", "viewing"], initial: "editing", note: null };
    return canSuggest
      ? {
          modes: ["suggesting", "viewing"],
          initial: "suggesting",
          note: "A mediator has switched on Track all changes: your edits are suggestions.",
        }
      : { modes: ["viewing"], initial: "viewing", note: "Track all changes is on." };
  }
  if (role === "commenter" && canSuggest) {
    return {
      modes: ["suggesting", "viewing"],
      initial: "viewing",
      note: "As a commenter you can suggest changes; a drafter or mediator accepts them.",
    };
  }
  return { modes: ["viewing"], initial: "viewing", note: null };
}

/** The mode in effect: the chosen one while it is allowed, else the initial one. */
export function effectiveMode(chosen: EditorMode | null, choices: ModeChoices): EditorMode {
  return chosen !== null && choices.modes.includes(chosen) ? chosen : choices.initial;
}
