/**
 * When a term's React view re-renders. It shows the term's attributes (number, category, status,
 * stances, a block suggestion), never its text: ProseMirror draws the text in the view's content
 * element. So typing in a term, or another person's edit in it, does not re-render the view; a
 * changed attribute does. (Each React commit also costs a walk of the focused editor's DOM, to
 * keep the selection: React's `getSelectionInformation`.)
 */
import type { Node as PMNode } from "@tiptap/pm/model";

/** Same attribute values (stored attributes are JSON values: compared as such). */
export function sameAttrs(a: PMNode["attrs"], b: PMNode["attrs"]): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) => a[key] === b[key] || JSON.stringify(a[key]) === JSON.stringify(b[key]),
  );
}

/** The `update` option of the term's `ReactNodeViewRenderer`. */
export function updateTermView({
  oldNode,
  newNode,
  updateProps,
}: {
  oldNode: PMNode;
  newNode: PMNode;
  updateProps: () => void;
}): boolean {
  if (newNode.type !== oldNode.type) return false;
  if (!sameAttrs(oldNode.attrs, newNode.attrs)) updateProps();
  return true;
}
