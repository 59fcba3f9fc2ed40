/**
 * What still refers to a party, so the UI can ask before removing it: its stances (discussion
 * room) and the bracket options it proposed, supports or opposes (framework text).
 */
import type * as Y from "yjs";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { documentFragment, walkElements } from "./maps.js";
import type { PartyReference } from "./party.js";
import { readStances } from "./stance.js";

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * References to `partyId` in the framework text and (if given) the discussion room. Stances that
 * say `notStated` do not count. Reads Yjs directly; never throws on bad stored values.
 */
export function findPartyReferences(
  framework: Y.Doc,
  discussion: Y.Doc | null,
  partyId: string,
): PartyReference[] {
  const refs: PartyReference[] = [];
  for (const el of walkElements(documentFragment(framework))) {
    if (el.nodeName !== NODE.bracket) continue;
    const bracketId = String(el.getAttribute(ATTR.bracketId));
    for (const option of el.toArray()) {
      if (!("nodeName" in option) || option.nodeName !== NODE.bracketOption) continue;
      const optionId = String(option.getAttribute(ATTR.optionId));
      const attrs = option.getAttributes() as Record<string, unknown>;
      if (attrs[ATTR.proposedBy] === partyId)
        refs.push({ kind: "optionProposer", bracketId, optionId });
      if (asList(attrs[ATTR.supportedBy]).includes(partyId)) {
        refs.push({ kind: "optionSupporter", bracketId, optionId });
      }
      if (asList(attrs[ATTR.opposedBy]).includes(partyId)) {
        refs.push({ kind: "optionOpponent", bracketId, optionId });
      }
    }
  }
  if (discussion) {
    for (const s of readStances(discussion)) {
      if (s.partyId !== partyId) continue;
      if (s.record.valid && s.record.value.stance === "notStated") continue;
      refs.push({ kind: "stance", termId: s.termId });
    }
  }
  return refs;
}
