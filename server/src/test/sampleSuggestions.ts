/**
 * Pending suggestions on the sample framework (`fixtures.ts`), for the rendered samples of the
 * export docs: a replacement and a deletion by the Second Party's member, an insertion by the
 * First Party's.
 */
import { documentFragment, walkElements } from "@parley/shared/model/maps";
import { SUGGEST_DELETE_MARK, SUGGEST_INSERT_MARK } from "@parley/shared/schema/suggestion";
import * as Y from "yjs";

const LEILA = { author: "Leila Karimi", party: "party-a", member: "m-leila" };
const JOHN = { author: "John Miller", party: "party-b", member: "m-john" };

/** The plain text of a Y.XmlText (its `toString()` writes formatting as tags). */
function plain(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
    .join("");
}

/** The Y.XmlText holding `phrase`, and where it starts. */
function find(doc: Y.Doc, phrase: string): { text: Y.XmlText; at: number } {
  for (const el of walkElements(documentFragment(doc))) {
    for (const child of el.toArray()) {
      if (!(child instanceof Y.XmlText)) continue;
      const at = plain(child).indexOf(phrase);
      if (at >= 0) return { text: child, at };
    }
  }
  throw new Error(`no text "${phrase}" in the sample`);
}

export function addSampleSuggestions(doc: Y.Doc): void {
  doc.transact(() => {
    const replace = { id: "s-sample01", ...JOHN, at: "2026-11-23T09:10:00.000Z" };
    const days = find(doc, "within 14 days");
    days.text.format(days.at + "within ".length, 2, { [SUGGEST_DELETE_MARK]: replace });
    days.text.insert(days.at + "within 14".length, "30", { [SUGGEST_INSERT_MARK]: replace });

    const insert = { id: "s-sample02", ...LEILA, at: "2026-11-23T11:45:00.000Z" };
    const taken = find(doc, "taken simultaneously");
    taken.text.insert(taken.at + "taken simultaneously".length, " and verifiably", {
      [SUGGEST_INSERT_MARK]: insert,
    });

    const remove = { id: "s-sample03", ...JOHN, at: "2026-11-24T08:30:00.000Z" };
    const phrase = " while this framework is implemented";
    const force = find(doc, phrase);
    force.text.format(force.at, phrase.length, { [SUGGEST_DELETE_MARK]: remove });
  });
}
