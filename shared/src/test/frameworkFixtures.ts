/** Test-only builders of ProseMirror JSON and parties, shared by the model and analysis tests. */
import type { JSONContent } from "@tiptap/core";
import type { Party } from "../model/party.js";
import { TEMPLATE_PARTIES } from "../templates/phasedReciprocal.js";

export const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
export const t = (text: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text, marks } : { type: "text", text };
export const h2 = (text: string): JSONContent => ({
  type: "heading",
  attrs: { level: 2 },
  content: [t(text)],
});
export const option = (
  id: string,
  content: JSONContent[],
  attrs: Record<string, unknown> = {},
): JSONContent => ({
  type: "bracketOption",
  attrs: { optionId: id, proposedBy: null, supportedBy: [], opposedBy: [], ...attrs },
  content,
});
export const bracket = (id: string, options: JSONContent[]): JSONContent => ({
  type: "bracket",
  attrs: { bracketId: id },
  content: options,
});
export const term = (id: string, content: JSONContent[], category = "general"): JSONContent => ({
  type: "term",
  attrs: { termId: id, category },
  content,
});
export const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

export const PARTIES: Party[] = [
  // the template's two delegations
  ...TEMPLATE_PARTIES.slice(0, 2),
  {
    id: "med",
    name: "Mediators",
    shortName: "MED",
    colour: "#2f7d4f",
    kind: "state",
    role: "mediator",
    removedAt: null,
  },
  {
    id: "gone",
    name: "Gone Party",
    shortName: "GP",
    colour: "#777777",
    kind: "bloc",
    role: "party",
    removedAt: "2026-01-01T00:00:00.000Z",
  },
];

export const ACTOR = { name: "Ana Mediator", party: "med" };
export const NOW = new Date("2026-11-26T12:00:00.000Z");
