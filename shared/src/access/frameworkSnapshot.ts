/**
 * Reads what `frameworkPolicy.ts` checks from a framework room's Y.Doc: every bracket of the text
 * with its options' positions, and the raw `parties`, `bracketResolutions`, `positionMarks` and
 * `settings` maps. Never throws;
 * a bracket or option without a usable id is keyed by its place in the text, so that it is still
 * compared (and a new one is checked like any new option).
 */
import * as Y from "yjs";
import {
  documentFragment,
  partiesMap,
  positionMarksMap,
  resolutionsMap,
  settingsMap,
} from "../model/maps.js";
import { ATTR, NODE } from "../schema/nodeNames.js";
import type { BracketState, FrameworkState, OptionState } from "./frameworkPolicy.js";

function idList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function mapEntries(map: Y.Map<unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  map.forEach((value, key) => {
    out.set(key, value instanceof Y.AbstractType ? value.toJSON() : value);
  });
  return out;
}

export function snapshotFramework(doc: Y.Doc): FrameworkState {
  const brackets = new Map<string, BracketState>();
  let unnamed = 0;
  const visit = (node: Y.XmlFragment | Y.XmlElement, parent: string | null): void => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName !== NODE.bracket) {
        visit(child, parent);
        continue;
      }
      const rawId: unknown = child.getAttribute(ATTR.bracketId);
      let bracketId = typeof rawId === "string" ? rawId : `#bracket-${unnamed++}`;
      if (brackets.has(bracketId)) bracketId = `${bracketId}#${unnamed++}`;
      const options: OptionState[] = [];
      for (const option of child.toArray()) {
        if (!(option instanceof Y.XmlElement)) continue;
        const optionId: unknown = option.getAttribute(ATTR.optionId);
        const proposedBy: unknown = option.getAttribute(ATTR.proposedBy);
        options.push({
          optionId: typeof optionId === "string" ? optionId : `#option-${unnamed++}`,
          proposedBy: typeof proposedBy === "string" ? proposedBy : null,
          supportedBy: idList(option.getAttribute(ATTR.supportedBy)),
          opposedBy: idList(option.getAttribute(ATTR.opposedBy)),
        });
        visit(option, bracketId);
      }
      brackets.set(bracketId, { bracketId, parent, options });
    }
  };
  visit(documentFragment(doc), null);
  return {
    brackets,
    parties: mapEntries(partiesMap(doc)),
    resolutions: mapEntries(resolutionsMap(doc)),
    marks: mapEntries(positionMarksMap(doc)),
    settings: mapEntries(settingsMap(doc)),
  };
}
