/**
 * The category a new term takes: its section's. A section runs from a level-2 heading to the
 * next one. The section's category is that of the nearest term before the new one in the same
 * section, else of the nearest after it; in a section without terms, the category the heading
 * names ("3. Security assurances"); otherwise `general`.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { CATEGORY_LABELS, TERM_CATEGORIES, type TermCategory } from "./vocabulary.js";

function isSectionHeading(node: PMNode): boolean {
  return node.type.name === NODE.heading && Number(node.attrs.level) === 2;
}

function categoryOf(node: PMNode): TermCategory | null {
  let found: TermCategory | null = null;
  node.descendants((child) => {
    if (found !== null) return false;
    if (child.type.name !== NODE.term) return true;
    const raw: unknown = child.attrs[ATTR.category];
    found = TERM_CATEGORIES.find((c) => c === raw) ?? null;
    return false;
  });
  if (node.type.name === NODE.term) {
    const raw: unknown = node.attrs[ATTR.category];
    return TERM_CATEGORIES.find((c) => c === raw) ?? null;
  }
  return found;
}

/** "3. Security assurances" → `securityAssurances`; null when the heading names no category. */
export function categoryNamedBy(heading: string): TermCategory | null {
  const text = heading
    .replace(/^[\s\d.)\-–—]+/, "")
    .trim()
    .toLowerCase();
  return TERM_CATEGORIES.find((c) => CATEGORY_LABELS[c].toLowerCase() === text) ?? null;
}

/** The category for a term inserted at top-level position `index` (0 = before the first block). */
export function sectionCategoryAt(doc: PMNode, index: number): TermCategory {
  const blocks: PMNode[] = [];
  doc.forEach((child) => {
    blocks.push(child);
  });
  let start = 0;
  for (let i = Math.min(index, blocks.length) - 1; i >= 0; i--) {
    if (isSectionHeading(blocks[i]!)) {
      start = i;
      break;
    }
  }
  let end = blocks.length;
  for (let i = Math.max(index, start + 1); i < blocks.length; i++) {
    if (isSectionHeading(blocks[i]!)) {
      end = i;
      break;
    }
  }
  for (let i = Math.min(index, end) - 1; i >= start; i--) {
    const category = categoryOf(blocks[i]!);
    if (category) return category;
  }
  for (let i = index; i < end; i++) {
    const category = categoryOf(blocks[i]!);
    if (category) return category;
  }
  const heading = blocks[start];
  if (heading && isSectionHeading(heading))
    return categoryNamedBy(heading.textContent) ?? "general";
  return "general";
}

/** The category for a term inserted at document position `pos` (after its top-level block). */
export function sectionCategory(doc: PMNode, pos: number): TermCategory {
  const $pos = doc.resolve(Math.min(Math.max(0, pos), doc.content.size));
  return sectionCategoryAt(doc, $pos.depth > 0 ? $pos.index(0) + 1 : $pos.index(0));
}
