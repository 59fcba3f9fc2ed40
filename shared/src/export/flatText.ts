/**
 * The text of a subtree of ProseMirror JSON, collected without recursion: what the export shows
 * of content nested deeper than it renders structure for (`MAX_EXPORT_DEPTH`), so no document,
 * however deep, makes a renderer recurse without bound.
 */
import type { JSONContent } from "@tiptap/core";

export function flatText(root: JSONContent): string {
  const parts: string[] = [];
  const stack: JSONContent[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "text") {
      parts.push(node.text ?? "");
      continue;
    }
    // Blocks and breaks separate words; reverse so children come off the stack in order.
    parts.push(" ");
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** How many nodes of `type` the subtree holds (itself included), without recursion. */
export function countNodes(root: JSONContent, type: string): number {
  let count = 0;
  const stack: JSONContent[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === type) count++;
    for (const child of node.content ?? []) stack.push(child);
  }
  return count;
}
