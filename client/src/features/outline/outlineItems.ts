/**
 * The document outline: every heading with its level, text and position. Pure over a
 * ProseMirror node, so it is computed from the editor state on each change.
 */
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

export interface OutlineEntry {
  /** Position of the heading node in the document (for selection and scrolling). */
  pos: number;
  level: number;
  text: string;
  /** How far to indent: levels relative to the shallowest heading in the document (0-based). */
  depth: number;
}

export function extractOutline(doc: ProseMirrorNode): OutlineEntry[] {
  const headings: Omit<OutlineEntry, "depth">[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === "heading") {
      const level = Number(node.attrs.level) || 1;
      const text = node.textContent.replace(/\s+/g, " ").trim();
      headings.push({ pos, level, text });
      return false;
    }
    // headings only live at the top level or inside block containers, never inside text
    return !node.isTextblock;
  });
  const top = Math.min(...headings.map((h) => h.level));
  return headings.map((h) => ({ ...h, depth: h.level - top }));
}

/** Text shown for an empty heading, so the entry stays clickable. */
export const UNTITLED_HEADING = "Untitled section";
