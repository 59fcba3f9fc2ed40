/**
 * Which Yjs client wrote each stretch of the text, in ProseMirror positions: the shared text
 * (`Y.XmlFragment`) walked alongside the editor's document. Every Yjs item carries the client id
 * that created it; the server binds client ids to principals, so the id says who wrote it
 * (`GET /authorship`). Pure: reads both trees, writes neither.
 *
 * The two trees mirror each other (y-prosemirror keeps them so): an element is a node of the same
 * type, and one `XmlText` is a run of adjacent text nodes. When they disagree (a moment between a
 * remote change and its rendering), the walk gives up with null and the caller keeps what it had.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";

export interface AuthorRun {
  from: number;
  to: number;
  client: number;
}

function textRuns(text: Y.XmlText, start: number, out: AuthorRun[]): void {
  let pos = start;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const end = pos + item.length;
    if (item.content instanceof Y.ContentString) {
      const last = out[out.length - 1];
      if (last && last.client === item.id.client && last.to === pos) last.to = end;
      else out.push({ from: pos, to: end, client: item.id.client });
    }
    pos = end;
  }
}

/** Walks the children of `y` and `node` (whose content starts at `start`); false on a mismatch. */
function walk(
  y: Y.XmlFragment | Y.XmlElement,
  node: PMNode,
  start: number,
  out: AuthorRun[],
): boolean {
  let index = 0;
  let pos = start;
  for (const child of y.toArray()) {
    if (child instanceof Y.XmlText) {
      const length = child.length;
      let covered = 0;
      while (covered < length) {
        const text = node.maybeChild(index);
        if (!text?.isText) return false;
        covered += text.nodeSize;
        index += 1;
      }
      if (covered !== length) return false;
      textRuns(child, pos, out);
      pos += length;
    } else if (child instanceof Y.XmlElement) {
      const pm = node.maybeChild(index);
      if (!pm || pm.type.name !== child.nodeName) return false;
      if (!pm.isLeaf && !walk(child, pm, pos + 1, out)) return false;
      pos += pm.nodeSize;
      index += 1;
    } else {
      return false;
    }
  }
  return index === node.childCount;
}

/** The runs of text by client id, in document order, or null if the trees disagree. */
export function authorRuns(fragment: Y.XmlFragment, doc: PMNode): AuthorRun[] | null {
  const out: AuthorRun[] = [];
  return walk(fragment, doc, 0, out) ? out : null;
}
