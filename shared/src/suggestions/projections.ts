/**
 * What a document would be with suggestions decided, as pure functions on ProseMirror nodes (the
 * views and the export read them; the server's rule compares original views):
 *
 * - `acceptedView`: every suggestion accepted; `originalView`: every suggestion rejected;
 *   `projectSuggestions(doc, choose)`: each suggestion as `choose` says (null: left pending).
 *
 * Decisions, as the suggestion contract has them:
 * - text: accept insert → drop the mark; reject insert → remove the text; accept delete → remove
 *   the text; reject delete → drop the mark.
 * - block `insert`: accept → clear the attribute. Reject: a new term or list item is removed
 *   whole; a paragraph or heading is joined into the previous textblock (its own suggested text,
 *   decided by its marks, goes). Without a previous textblock it stays (attribute cleared), or
 *   goes when it is empty and not its parent's only child.
 * - block `delete`: reject → clear the attribute. Accept: a term or list item is removed whole; a
 *   paragraph or heading is joined into the previous textblock as above.
 *
 * A container left without the children its type needs (a list whose only item went) goes too;
 * an empty document keeps one empty paragraph.
 */
import type { JSONContent } from "@tiptap/core";
import { Fragment, type Mark, type Node as PMNode, type Schema } from "@tiptap/pm/model";
import {
  BLOCK_SUGGESTION_ATTR,
  NODE,
  SUGGEST_DELETE_MARK,
  SUGGEST_INSERT_MARK,
} from "../schema/nodeNames.js";
import { blockSuggestionOf, readMarkAttrs } from "./parts.js";

export type SuggestionDecision = "accept" | "reject";

/**
 * Which way a suggestion goes, or null to leave it pending. `id` is null for a mark whose
 * attributes are malformed.
 */
export type ChooseDecision = (id: string | null) => SuggestionDecision | null;

const ALL_ACCEPTED: ChooseDecision = () => "accept";
const ALL_REJECTED: ChooseDecision = () => "reject";

/** Whether a block with a decided suggestion of `kind` leaves the text (or is joined). */
export function blockOutcome(
  kind: "insert" | "delete",
  decision: SuggestionDecision,
): "keep" | "remove" {
  return (kind === "insert") === (decision === "accept") ? "keep" : "remove";
}

/** Whether a removed block of this type is joined into the previous textblock (else dropped). */
export function joinsWhenRemoved(node: PMNode): boolean {
  return node.isTextblock;
}

function projectText(node: PMNode, choose: ChooseDecision): PMNode | null {
  let marks: readonly Mark[] = node.marks;
  for (const mark of node.marks) {
    const name = mark.type.name;
    if (name !== SUGGEST_INSERT_MARK && name !== SUGGEST_DELETE_MARK) continue;
    const decision = choose(readMarkAttrs(mark)?.id ?? null);
    if (decision === null) continue;
    const insert = name === SUGGEST_INSERT_MARK;
    if (insert === (decision === "reject")) return null;
    marks = mark.removeFromSet(marks);
  }
  return marks === node.marks ? node : node.mark(marks);
}

function withoutSuggestionAttr(node: PMNode, content: Fragment): PMNode {
  return node.type.create({ ...node.attrs, [BLOCK_SUGGESTION_ATTR]: null }, content, node.marks);
}

function isEmptyBlock(node: PMNode): boolean {
  return node.content.size === 0;
}

function projectChildren(parent: PMNode, choose: ChooseDecision): PMNode[] {
  const out: PMNode[] = [];
  parent.forEach((child) => {
    if (child.isText) {
      const text = projectText(child, choose);
      if (text) out.push(text);
      return;
    }
    const content = child.isLeaf
      ? child.content
      : Fragment.fromArray(projectChildren(child, choose));
    const block = blockSuggestionOf(child);
    const decision = block ? choose(block.id) : null;
    if (!block || decision === null) {
      const kept = content === child.content ? child : child.copy(content);
      if (kept.isLeaf || kept.isTextblock || kept.type.validContent(kept.content)) out.push(kept);
      return;
    }
    const cleared = withoutSuggestionAttr(child, content);
    if (blockOutcome(block.kind, decision) === "keep") {
      out.push(cleared);
      return;
    }
    if (!joinsWhenRemoved(child)) return;
    const previous = out.at(-1);
    if (previous?.isTextblock && previous.type.validContent(previous.content.append(content))) {
      out[out.length - 1] = previous.copy(previous.content.append(content));
      return;
    }
    if (isEmptyBlock(cleared) && parent.childCount > 1) return;
    out.push(cleared);
  });
  return out;
}

/** `doc` with each suggestion decided as `choose` says. Returns `doc` itself when nothing changes. */
export function projectSuggestions(doc: PMNode, choose: ChooseDecision): PMNode {
  const children = projectChildren(doc, choose);
  const content = Fragment.fromArray(children);
  if (content.eq(doc.content)) return doc;
  if (content.size === 0 && doc.type.contentMatch.defaultType) {
    const paragraph = doc.type.schema.nodes[NODE.paragraph] ?? doc.type.contentMatch.defaultType;
    return doc.copy(Fragment.from(paragraph.create()));
  }
  return doc.copy(content);
}

/** Every suggestion accepted. */
export function acceptedView(doc: PMNode): PMNode {
  return projectSuggestions(doc, ALL_ACCEPTED);
}

/** Every suggestion rejected: the text as it was before anyone suggested anything. */
export function originalView(doc: PMNode): PMNode {
  return projectSuggestions(doc, ALL_REJECTED);
}

/** The same projections on ProseMirror JSON (the export reads the text as JSON). */
export function projectJson(
  json: JSONContent,
  schema: Schema,
  view: "accepted" | "original",
): JSONContent {
  const doc = schema.nodeFromJSON(json);
  return (view === "accepted" ? acceptedView(doc) : originalView(doc)).toJSON() as JSONContent;
}
