/**
 * What each kind of change in a comparison is called, the same on screen and in the exported
 * comparison.
 */
import type { OptionChangeKind, TermChangeKind } from "./comparison.js";

export const TERM_KIND_LABELS: Record<TermChangeKind, string> = {
  added: "added",
  removed: "removed",
  moved: "moved",
  renumbered: "renumbered",
  recategorised: "category changed",
  textChanged: "text changed",
  statusChanged: "status changed",
  stancesChanged: "stances changed",
};

export const OPTION_KIND_LABELS: Record<OptionChangeKind, string> = {
  added: "added",
  dropped: "dropped without resolution",
  resolvedAway: "set aside by the resolution",
  chosen: "chosen",
  textChanged: "text changed",
  positionsChanged: "positions changed",
};
