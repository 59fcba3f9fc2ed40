/**
 * The content the server writes into a new framework, using only yjs, laid out the way
 * y-prosemirror (Tiptap's Collaboration) stores a ProseMirror document: the Y.XmlFragment
 * `default` holds one Y.XmlElement per block node, named after the node type, with the node's
 * attributes as element attributes and its text as Y.XmlText. Clients never seed content.
 */
import * as Y from "yjs";
import { DOCUMENT_FIELD } from "../protocol.js";

export interface InitialContentOptions {
  title: string;
}

/** The heading of the first, empty section of a blank framework. */
export const FIRST_SECTION_HEADING = "1. General";

function heading(level: number, text: string): Y.XmlElement {
  const element = new Y.XmlElement("heading");
  // Tiptap's heading `level` is a number; yjs's default attribute typing only admits strings.
  (element as unknown as Y.XmlElement<{ level: number }>).setAttribute("level", level);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/**
 * Writes a blank framework into an empty doc, in one transaction: the title as a level-1
 * heading, then a level-2 heading "1. General" and an empty paragraph to type into.
 */
export function writeInitialContent(doc: Y.Doc, { title }: InitialContentOptions): void {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => {
    fragment.insert(0, [
      heading(1, title),
      heading(2, FIRST_SECTION_HEADING),
      new Y.XmlElement("paragraph"),
    ]);
  });
}

function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return node
      .toDelta()
      .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
      .join("");
  }
  if (node instanceof Y.XmlElement) return node.toArray().map(plainText).join("");
  return "";
}

/** The plain text of each top-level block of the framework text (for tests and summaries). */
export function blockTexts(doc: Y.Doc): string[] {
  return doc.getXmlFragment(DOCUMENT_FIELD).toArray().map(plainText);
}
