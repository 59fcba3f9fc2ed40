/**
 * The one place that names the shared maps of the domain. Everything else goes through the typed
 * accessors of `party.ts`, `term.ts`, `stance.ts` and `bracket.ts`, never `doc.getMap("…")`.
 *
 * Framework room (`<id>`, written by drafters and mediators):
 * - `parties`: partyId → Party record (plain JSON, replaced whole on update)
 * - `termStatus`: termId → TermStatusRecord (current status + history)
 * - `bracketResolutions`: bracketId → BracketResolution
 * - `positionMarks`: `${optionId}:${partyId}` → PositionMark: a position on a bracket option that
 *   a mediator recorded on the party's behalf (`positionMarks.ts`)
 * - `settings`: framework-wide switches only mediators change (`settings.ts`): `trackAllChanges`
 * - the text: the XmlFragment `DOCUMENT_FIELD` (see protocol.ts)
 *
 * Discussion room (`<id>/discussion`, commenters may add their own party's stance):
 * - `stances`: `${termId}:${partyId}` → StanceRecord (flat keys: no nested maps whose concurrent
 *   creation would drop one side's entries)
 */
import * as Y from "yjs";
import { DOCUMENT_FIELD } from "../protocol.js";

export const MAP_NAMES = {
  parties: "parties",
  termStatus: "termStatus",
  bracketResolutions: "bracketResolutions",
  positionMarks: "positionMarks",
  settings: "settings",
  stances: "stances",
} as const;

export function partiesMap(framework: Y.Doc): Y.Map<unknown> {
  return framework.getMap(MAP_NAMES.parties);
}

export function termStatusMap(framework: Y.Doc): Y.Map<unknown> {
  return framework.getMap(MAP_NAMES.termStatus);
}

export function resolutionsMap(framework: Y.Doc): Y.Map<unknown> {
  return framework.getMap(MAP_NAMES.bracketResolutions);
}

export function positionMarksMap(framework: Y.Doc): Y.Map<unknown> {
  return framework.getMap(MAP_NAMES.positionMarks);
}

export function settingsMap(framework: Y.Doc): Y.Map<unknown> {
  return framework.getMap(MAP_NAMES.settings);
}

export function stancesMap(discussion: Y.Doc): Y.Map<unknown> {
  return discussion.getMap(MAP_NAMES.stances);
}

export function documentFragment(framework: Y.Doc): Y.XmlFragment {
  return framework.getXmlFragment(DOCUMENT_FIELD);
}

/** Every Y.XmlElement of the text, depth first, in document order. */
export function* walkElements(node: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlElement> {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlElement) {
      yield child;
      yield* walkElements(child);
    }
  }
}
