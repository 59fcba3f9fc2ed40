/**
 * Where a query occurs in the ProseMirror document: within each paragraph or heading, across
 * marks, in bracket options too (each option searched on its own: a match never spans two
 * options), with the same matching as everywhere else (`shared/search/textMatch.ts`).
 */
import { findMatches } from "@parley/shared/search/textMatch";
import type { Node } from "@tiptap/pm/model";

export interface DocMatch {
  from: number;
  to: number;
}

/** Stands between runs of text that are not adjacent (bracket options, line breaks). */
const GAP = "\u0001";

/** Every match in document order, at most `limit`. */
export function findInDoc(doc: Node, query: string, limit = 1000): DocMatch[] {
  const out: DocMatch[] = [];
  doc.descendants((block, blockPos) => {
    if (out.length >= limit) return false;
    if (!block.isTextblock) return true;
    let text = "";
    const positions: number[] = [];
    let end = -1;
    block.descendants((child, offset) => {
      const start = blockPos + 1 + offset;
      if (child.isText && child.text) {
        if (end !== -1 && start !== end) {
          text += GAP;
          positions.push(-1);
        }
        for (let i = 0; i < child.text.length; i += 1) positions.push(start + i);
        text += child.text;
        end = start + child.text.length;
      } else if (child.isLeaf) {
        text += GAP;
        positions.push(-1);
        end = -1;
      }
      return true;
    });
    for (const range of findMatches(text, query, limit - out.length)) {
      if (text.slice(range.from, range.to).includes(GAP)) continue;
      const from = positions[range.from];
      const last = positions[range.to - 1];
      if (from === undefined || last === undefined) continue;
      out.push({ from, to: last + 1 });
    }
    return false;
  });
  return out;
}
