/**
 * The `term` node: a numbered clause of the framework, a block holding paragraphs and lists.
 *
 * Attributes (validated on read by `readTermAttrs` in `model/term.ts`, never on load, so a bad
 * stored value still opens):
 * - `termId`: stable id (`t-…`), assigned and de-duplicated by the `StructuralIds` extension;
 * - `category`: one of `TERM_CATEGORIES` (default `general`; `insertTerm` takes the section's).
 * Status and stances are not attributes: they live in Y.Maps keyed by `termId` (see model/).
 *
 * HTML: `<section data-type="term" data-term-id="…" data-category="…">…</section>`.
 */

import { mergeAttributes, Node } from "@tiptap/core";
import { sectionCategory } from "../model/sectionCategory.js";
import type { TermCategory } from "../model/vocabulary.js";
import { ATTR, NODE } from "./nodeNames.js";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    term: {
      /** Inserts an empty term (one paragraph) after the current block; it gets its id at once. */
      insertTerm: (attrs?: { category?: TermCategory }) => ReturnType;
      /** Sets the category of the term around the selection (or at `pos`). */
      setTermCategory: (category: TermCategory, pos?: number) => ReturnType;
    };
  }
}

function stringAttr(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

export const Term = Node.create({
  name: NODE.term,
  group: "block",
  content: "(paragraph | bulletList | orderedList)+",
  defining: true,
  isolating: true,

  addAttributes() {
    return {
      [ATTR.termId]: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-term-id"),
        renderHTML: (attrs) => {
          const id = stringAttr(attrs[ATTR.termId]);
          return id === undefined ? {} : { "data-term-id": id };
        },
      },
      [ATTR.category]: {
        default: "general",
        parseHTML: (el) => el.getAttribute("data-category") ?? "general",
        renderHTML: (attrs) => ({ "data-category": stringAttr(attrs[ATTR.category]) ?? "general" }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'section[data-type="term"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["section", mergeAttributes({ "data-type": "term", class: "term" }, HTMLAttributes), 0];
  },

  addCommands() {
    return {
      insertTerm:
        (attrs) =>
        ({ state, chain }) => {
          const { $to } = state.selection;
          // After the top-level block that holds the selection.
          const pos = $to.depth > 0 ? $to.after(1) : $to.pos;
          return chain()
            .insertContentAt(pos, {
              type: NODE.term,
              attrs: {
                [ATTR.termId]: null,
                [ATTR.category]: attrs?.category ?? sectionCategory(state.doc, $to.pos),
              },
              content: [{ type: NODE.paragraph }],
            })
            .setTextSelection(pos + 2)
            .run();
        },
      setTermCategory:
        (category, pos) =>
        ({ state, tr, dispatch }) => {
          const $pos = state.doc.resolve(pos ?? state.selection.from);
          for (let depth = $pos.depth; depth >= 0; depth--) {
            if ($pos.node(depth).type.name === NODE.term) {
              const at = depth === 0 ? 0 : $pos.before(depth);
              if (dispatch) tr.setNodeAttribute(at, ATTR.category, category);
              return true;
            }
          }
          if ($pos.nodeAfter?.type.name === NODE.term) {
            if (dispatch) tr.setNodeAttribute($pos.pos, ATTR.category, category);
            return true;
          }
          return false;
        },
    };
  },
});
