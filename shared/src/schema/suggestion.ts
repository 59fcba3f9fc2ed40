/**
 * Suggestion mode's marks and block attribute: the one definition of a tracked change.
 *
 * - `suggestInsert`: text someone proposes to add. Rejecting removes it; accepting drops the mark.
 * - `suggestDelete`: existing text someone proposes to remove (drawn struck through, still there).
 *   Accepting removes the text; rejecting drops the mark.
 * - A replacement is one suggestion: the deleted and the inserted part carry the same `id`.
 * - Block suggestions (a new paragraph break, a joined paragraph, a new or removed term or list
 *   item) live in the node attribute `suggestion` as a JSON string (y-prosemirror syncs node
 *   attributes but not marks on non-text nodes; a string compares by value, so it is not rewritten
 *   on every sync). `kind: "insert"` on a block means "this block (and the break before it) is
 *   proposed"; `kind: "delete"` means "this block is proposed for removal" (for a paragraph: joined
 *   to the one before).
 *
 * Attributes of both marks and of a block suggestion: `id` (`s-…`, `model/ids.ts`), `author`
 * (display name), `party` (party id or null), `member` (member id of the author, or null), `at`
 * (ISO 8601). Marks of one type exclude each other (`excludes` default): a span has at most one
 * insertion and one deletion suggestion. `inclusive: false`: typing next to a suggestion in
 * Editing mode does not extend it.
 *
 * HTML: `<ins data-suggestion="s-…" data-author=… data-party=… data-member=… data-at=…>` and
 * `<del …>` likewise; blocks carry `data-suggestion` with the JSON.
 */
import { Extension, Mark, mergeAttributes } from "@tiptap/core";
import { z } from "zod";
import { ID_PATTERN } from "../model/ids.js";
import {
  BLOCK_SUGGESTION_ATTR,
  SUGGEST_DELETE_MARK,
  SUGGEST_INSERT_MARK,
  SUGGESTIBLE_BLOCKS,
} from "./nodeNames.js";

export { BLOCK_SUGGESTION_ATTR, SUGGEST_DELETE_MARK, SUGGEST_INSERT_MARK, SUGGESTIBLE_BLOCKS };

/** Who proposed a suggestion and when: the attributes of a suggestion mark or block. */
export const suggestionAttrsSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  author: z.string().trim().min(1).max(120),
  party: z.string().regex(ID_PATTERN).nullable(),
  member: z.string().min(1).max(64).nullable(),
  at: z.string().min(1).max(40),
});
export type SuggestionAttrs = z.infer<typeof suggestionAttrsSchema>;

export const blockSuggestionSchema = suggestionAttrsSchema.extend({
  kind: z.enum(["insert", "delete"]),
});
export type BlockSuggestion = z.infer<typeof blockSuggestionSchema>;

/** Reads a block's `suggestion` attribute; null when absent or malformed. */
export function readBlockSuggestion(value: unknown): BlockSuggestion | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return null;
  try {
    const parsed = blockSuggestionSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The attribute value for a block suggestion. */
export function writeBlockSuggestion(suggestion: BlockSuggestion): string {
  return JSON.stringify(blockSuggestionSchema.parse(suggestion));
}

function suggestionMarkAttributes() {
  const attr = (name: string, data: string) => ({
    default: null,
    parseHTML: (el: HTMLElement) => el.getAttribute(data),
    renderHTML: (attrs: Record<string, unknown>) =>
      attrs[name] == null ? {} : { [data]: String(attrs[name]) },
  });
  return {
    id: attr("id", "data-suggestion"),
    author: attr("author", "data-author"),
    party: attr("party", "data-party"),
    member: attr("member", "data-member"),
    at: attr("at", "data-at"),
  };
}

export const SuggestInsertMark = Mark.create({
  name: SUGGEST_INSERT_MARK,
  inclusive: false,
  spanning: true,
  addAttributes: suggestionMarkAttributes,
  parseHTML() {
    return [{ tag: "ins[data-suggestion]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["ins", mergeAttributes({ class: "suggestion suggestion-insert" }, HTMLAttributes), 0];
  },
});

export const SuggestDeleteMark = Mark.create({
  name: SUGGEST_DELETE_MARK,
  inclusive: false,
  spanning: true,
  addAttributes: suggestionMarkAttributes,
  parseHTML() {
    return [{ tag: "del[data-suggestion]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["del", mergeAttributes({ class: "suggestion suggestion-delete" }, HTMLAttributes), 0];
  },
});

/** The `suggestion` attribute on the block types that can be suggested. */
export const BlockSuggestions = Extension.create({
  name: "blockSuggestions",
  addGlobalAttributes() {
    return [
      {
        types: [...SUGGESTIBLE_BLOCKS],
        attributes: {
          [BLOCK_SUGGESTION_ATTR]: {
            default: null,
            parseHTML: (el) => el.getAttribute("data-suggestion"),
            renderHTML: (attrs) => {
              const value = attrs[BLOCK_SUGGESTION_ATTR];
              const parsed = readBlockSuggestion(value);
              return parsed === null
                ? {}
                : { "data-suggestion": String(value), "data-suggestion-kind": parsed.kind };
            },
          },
        },
      },
    ];
  },
});
