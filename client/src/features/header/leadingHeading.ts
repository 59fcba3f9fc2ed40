/**
 * The framework's title lives in two places: the stored title (the list, the header, the file
 * name) and, usually, the level-1 heading at the top of the text (the outline, and the export's
 * title). Renaming from the header changes both, so they agree; these helpers find that heading.
 */
import type { Node as PMNode } from "@tiptap/pm/model";

/** The leading level-1 heading: its text and range, or null when the text starts otherwise. */
export function leadingHeading(doc: PMNode): { text: string; from: number; to: number } | null {
  const first = doc.firstChild;
  if (first?.type.name !== "heading" || Number(first.attrs.level) !== 1) return null;
  return { text: first.textContent, from: 1, to: 1 + first.content.size };
}
