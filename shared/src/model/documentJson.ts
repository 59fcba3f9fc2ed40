/**
 * Pure reading of a framework's text as ProseMirror JSON (`editor.getJSON()` on the client,
 * `yXmlFragmentToProseMirrorRootNode(...).toJSON()` on the server): terms with their display
 * numbers, and brackets. No Tiptap, no Yjs.
 */
import type { JSONContent } from "@tiptap/core";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { type Checked, checked } from "./attr.js";
import { isId } from "./ids.js";
import { type TermCategory, termCategorySchema } from "./vocabulary.js";

/** Visits every node depth first in document order; `visit` returns false to skip children. */
/** Without recursion: a stored document can nest deeper than the call stack. */
export function walkJson(
  root: JSONContent,
  visit: (node: JSONContent, ancestors: readonly JSONContent[]) => boolean | undefined,
  ancestors: JSONContent[] = [],
): void {
  if (visit(root, ancestors) === false) return;
  const base = ancestors.length;
  ancestors.push(root);
  // next[d]: the index of the next child to visit of ancestors[base + d].
  const next: number[] = [0];
  while (next.length > 0) {
    const depth = next.length - 1;
    const index = next[depth] ?? 0;
    const child = ancestors[base + depth]?.content?.[index];
    if (child === undefined) {
      next.pop();
      ancestors.pop();
      continue;
    }
    next[depth] = index + 1;
    if (visit(child, ancestors) === false) continue;
    ancestors.push(child);
    next.push(0);
  }
}

/** Nodes nested deeper than this add nothing to `plainText` (it recurses once per level). */
export const MAX_PLAIN_TEXT_DEPTH = 256;

/** The plain text of a node (brackets show every option as `[a / b]`). */
export function plainText(node: JSONContent, depth = 0): string {
  if (node.type === NODE.text) return node.text ?? "";
  if (depth >= MAX_PLAIN_TEXT_DEPTH) return "…";
  const inner = (child: JSONContent) => plainText(child, depth + 1);
  if (node.type === NODE.bracket) {
    return `[${(node.content ?? []).map(inner).join(" / ")}]`;
  }
  const parts = (node.content ?? []).map(inner);
  const isBlockContainer = (node.content ?? []).some(
    (c) => c.type !== NODE.text && c.type !== NODE.bracket && c.type !== "hardBreak",
  );
  return parts.join(isBlockContainer ? "\n" : "");
}

export interface TermPlace {
  /** The stored id; `null` if missing or malformed (the editor repairs it on the next change). */
  termId: string | null;
  /** 1-based number of the level-2 heading (section) above the term; 0 before the first one. */
  section: number;
  /** 1-based index of the term within its section. */
  index: number;
  /** Display number: `Art. 3.2`, or `Art. 2` for a term before the first section heading. */
  label: string;
  category: Checked<TermCategory>;
  /** Open (unresolved) brackets inside the term, nested ones included. */
  openBrackets: number;
  /** The term's plain text (for previews, matrix rows). */
  text: string;
}

export function termLabel(section: number, index: number): string {
  return section > 0 ? `Art. ${section}.${index}` : `Art. ${index}`;
}

/** Counts the bracket nodes inside `node` (itself included), nested ones too. */
export function countBrackets(node: JSONContent): number {
  let count = 0;
  walkJson(node, (n) => {
    if (n.type === NODE.bracket) count++;
    return true;
  });
  return count;
}

/**
 * Every term in document order with its display number: the section is the count of level-2
 * headings before it, the index counts terms since that heading. Never throws on bad attributes.
 */
export function listTerms(doc: JSONContent): TermPlace[] {
  const out: TermPlace[] = [];
  let section = 0;
  let index = 0;
  walkJson(doc, (node) => {
    if (node.type === NODE.heading && Number(node.attrs?.level) === 2) {
      section++;
      index = 0;
      return false;
    }
    if (node.type === NODE.term) {
      index++;
      const rawId: unknown = node.attrs?.[ATTR.termId];
      out.push({
        termId: isId(rawId) ? rawId : null,
        section,
        index,
        label: termLabel(section, index),
        category: checked(termCategorySchema, node.attrs?.[ATTR.category] ?? "general", "category"),
        openBrackets: countBrackets(node),
        text: plainText(node),
      });
    }
    return true;
  });
  return out;
}

/** termId → display label (`Art. 3.2`), for the terms that have a valid id. */
export function termNumbers(doc: JSONContent): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of listTerms(doc))
    if (t.termId !== null && !out.has(t.termId)) out.set(t.termId, t.label);
  return out;
}
