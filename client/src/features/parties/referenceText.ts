/**
 * Plain sentences for what still refers to a party ("Stance on Art. 3.2", "Proposed an option in
 * a bracket in Art. 1.1"), so the person removing it knows what they are about to orphan. Pure.
 */
import { walkJson } from "@parley/shared/model/documentJson";
import type { PartyReference } from "@parley/shared/model/party";
import { ATTR, NODE } from "@parley/shared/schema/nodeNames";
import type { JSONContent } from "@tiptap/core";

/** bracketId → the id of the term that holds it (null for a bracket outside any term). */
export function bracketTerms(doc: JSONContent): Map<string, string | null> {
  const out = new Map<string, string | null>();
  walkJson(doc, (node, ancestors) => {
    if (node.type === NODE.bracket) {
      const id: unknown = node.attrs?.[ATTR.bracketId];
      const term = [...ancestors].reverse().find((a) => a.type === NODE.term);
      const termId: unknown = term?.attrs?.[ATTR.termId];
      if (typeof id === "string" && !out.has(id)) {
        out.set(id, typeof termId === "string" ? termId : null);
      }
    }
    return true;
  });
  return out;
}

const VERBS: Record<Exclude<PartyReference["kind"], "stance">, string> = {
  optionProposer: "Proposed an option",
  optionSupporter: "Supports an option",
  optionOpponent: "Opposes an option",
};

/** One sentence per reference, in the given order, duplicates merged with a count. */
export function describeReferences(
  references: readonly PartyReference[],
  doc: JSONContent,
  labels: ReadonlyMap<string, string>,
): string[] {
  const brackets = bracketTerms(doc);
  const where = (termId: string | null | undefined) =>
    termId ? (labels.get(termId) ?? "a term no longer in the text") : "the text outside terms";
  const counts = new Map<string, number>();
  for (const ref of references) {
    const sentence =
      ref.kind === "stance"
        ? `Stance on ${where(ref.termId)}`
        : `${VERBS[ref.kind]} in a bracket in ${where(brackets.get(ref.bracketId))}`;
    counts.set(sentence, (counts.get(sentence) ?? 0) + 1);
  }
  return [...counts].map(([sentence, n]) => (n > 1 ? `${sentence} (${n}×)` : sentence));
}
