/**
 * The pieces a suggestion is made of, read from a ProseMirror document: each text node carrying a
 * `suggestInsert` or `suggestDelete` mark is one text part, each block with a `suggestion`
 * attribute one block part. A suggestion is every part with the same id (a replacement: a delete
 * part and an insert part).
 */
import type { Mark, Node as PMNode } from "@tiptap/pm/model";
import {
  BLOCK_SUGGESTION_ATTR,
  SUGGEST_DELETE_MARK,
  SUGGEST_INSERT_MARK,
} from "../schema/nodeNames.js";
import {
  type BlockSuggestion,
  readBlockSuggestion,
  type SuggestionAttrs,
  suggestionAttrsSchema,
} from "../schema/suggestion.js";

/** The id key of parts whose attributes are malformed (they cannot be decided by id). */
export const MALFORMED_ID = "#malformed";

export interface TextPart {
  type: "insert" | "delete";
  /** The suggestion id, or `MALFORMED_ID` when the mark's attributes are not valid. */
  id: string;
  /** The mark's attributes when valid, else null. */
  attrs: SuggestionAttrs | null;
  mark: Mark;
  /** Every mark of the text node (formatting, comments, the other suggestion mark). */
  nodeMarks: readonly Mark[];
  text: string;
  from: number;
  to: number;
}

export interface BlockPart {
  type: "block";
  id: string;
  attrs: BlockSuggestion;
  node: PMNode;
  /** Position of the block (before its opening token) and after its end. */
  from: number;
  to: number;
}

export type SuggestionPart = TextPart | BlockPart;

/** A suggestion mark's attributes when valid, else null. */
export function readMarkAttrs(mark: Mark): SuggestionAttrs | null {
  const parsed = suggestionAttrsSchema.safeParse(mark.attrs);
  return parsed.success ? parsed.data : null;
}

export function isSuggestionMark(mark: Mark): boolean {
  return mark.type.name === SUGGEST_INSERT_MARK || mark.type.name === SUGGEST_DELETE_MARK;
}

/** The block suggestion of a node, or null (absent or malformed). */
export function blockSuggestionOf(node: PMNode): BlockSuggestion | null {
  const raw: unknown = node.attrs[BLOCK_SUGGESTION_ATTR];
  return raw == null ? null : readBlockSuggestion(raw);
}

/**
 * Every suggestion part of `node`'s content, in document order. `offset`: the position of the
 * content's start (0 for a document; a node's position + 1 for its content).
 */
export function suggestionParts(node: PMNode, offset = 0): SuggestionPart[] {
  const parts: SuggestionPart[] = [];
  node.nodesBetween(0, node.content.size, (child, pos) => {
    const from = pos + offset;
    if (child.isText) {
      for (const mark of child.marks) {
        if (!isSuggestionMark(mark)) continue;
        const attrs = readMarkAttrs(mark);
        parts.push({
          type: mark.type.name === SUGGEST_INSERT_MARK ? "insert" : "delete",
          id: attrs?.id ?? MALFORMED_ID,
          attrs,
          mark,
          nodeMarks: child.marks,
          text: child.text ?? "",
          from,
          to: from + child.nodeSize,
        });
      }
      return false;
    }
    const block = blockSuggestionOf(child);
    if (block) {
      parts.push({
        type: "block",
        id: block.id,
        attrs: block,
        node: child,
        from,
        to: from + child.nodeSize,
      });
    }
    return true;
  });
  return parts;
}

/** Parts grouped by suggestion id, groups in order of their first part. */
export function groupParts(parts: readonly SuggestionPart[]): Map<string, SuggestionPart[]> {
  const groups = new Map<string, SuggestionPart[]>();
  for (const part of parts) {
    const group = groups.get(part.id);
    if (group) group.push(part);
    else groups.set(part.id, [part]);
  }
  return groups;
}
