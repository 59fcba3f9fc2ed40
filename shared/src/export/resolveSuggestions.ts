/**
 * The text with every pending suggestion accepted, or every one rejected ("original"), on
 * ProseMirror JSON: what the export builds its model from for `suggestions=accepted|original`.
 * Pure; the input is not changed.
 *
 * Text: accepted drops text marked for deletion and keeps insertions as plain text; original
 * drops inserted text and keeps text marked for deletion. Blocks (the `suggestion` attribute):
 * a proposed term or list item is removed when rejected, one proposed for removal is removed when
 * accepted; a paragraph or heading whose break is rejected (kind insert, original) or accepted
 * for removal (kind delete, accepted) is joined to the text block before it (kept as it is when
 * there is none). The attribute itself is cleared either way.
 */
import type { JSONContent } from "@tiptap/core";
import { NODE } from "../schema/nodeNames.js";
import {
  BLOCK_SUGGESTION_ATTR,
  readBlockSuggestion,
  SUGGEST_DELETE_MARK,
  SUGGEST_INSERT_MARK,
} from "../schema/suggestion.js";

export type ResolvedView = "accepted" | "original";

const TEXT_BLOCKS: ReadonlySet<string> = new Set([NODE.paragraph, NODE.heading]);

/** Drops the node (null) or returns it without the suggestion mark the view resolves. */
function resolveMarks(node: JSONContent, view: ResolvedView): JSONContent | null {
  const marks = node.marks;
  if (!marks?.some((m) => m.type === SUGGEST_INSERT_MARK || m.type === SUGGEST_DELETE_MARK))
    return node;
  const [gone, kept] =
    view === "accepted"
      ? [SUGGEST_DELETE_MARK, SUGGEST_INSERT_MARK]
      : [SUGGEST_INSERT_MARK, SUGGEST_DELETE_MARK];
  if (marks.some((m) => m.type === gone)) return null;
  const rest = marks.filter((m) => m.type !== kept);
  const { marks: _dropped, ...bare } = node;
  return rest.length > 0 ? { ...bare, marks: rest } : bare;
}

function withoutSuggestionAttr(node: JSONContent): JSONContent {
  if (node.attrs?.[BLOCK_SUGGESTION_ATTR] == null) return node;
  return { ...node, attrs: { ...node.attrs, [BLOCK_SUGGESTION_ATTR]: null } };
}

function resolveContent(content: readonly JSONContent[], view: ResolvedView): JSONContent[] {
  const out: JSONContent[] = [];
  for (const child of content) {
    const kept = resolveMarks(child, view);
    if (kept === null) continue;
    const node = withoutSuggestionAttr(
      kept.content ? { ...kept, content: resolveContent(kept.content, view) } : kept,
    );
    const block = readBlockSuggestion(child.attrs?.[BLOCK_SUGGESTION_ATTR]);
    const goes =
      block !== null &&
      ((view === "accepted" && block.kind === "delete") ||
        (view === "original" && block.kind === "insert"));
    if (goes) {
      if (!TEXT_BLOCKS.has(child.type ?? "")) continue;
      const previous = out.at(-1);
      if (previous && TEXT_BLOCKS.has(previous.type ?? "")) {
        previous.content = [...(previous.content ?? []), ...(node.content ?? [])];
        continue;
      }
    }
    // A copy: a later block may be joined into it (above), and the input stays untouched.
    out.push(node === child ? { ...node } : node);
  }
  return out;
}

/** The document as it reads with every suggestion accepted, or with every one rejected. */
export function resolveSuggestions(doc: JSONContent, view: ResolvedView): JSONContent {
  return { ...doc, content: resolveContent(doc.content ?? [], view) };
}

/** How many distinct suggestions (by id) the document holds: text marks and block attributes. */
export function countSuggestions(doc: JSONContent): number {
  const ids = new Set<string>();
  let anonymous = 0;
  const stack: JSONContent[] = [doc];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const mark of node.marks ?? []) {
      if (mark.type !== SUGGEST_INSERT_MARK && mark.type !== SUGGEST_DELETE_MARK) continue;
      const id: unknown = mark.attrs?.id;
      if (typeof id === "string") ids.add(id);
      else anonymous++;
    }
    const block = readBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION_ATTR]);
    if (block) ids.add(block.id);
    for (const child of node.content ?? []) stack.push(child);
  }
  return ids.size + anonymous;
}
