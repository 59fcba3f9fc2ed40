/**
 * The framework text as plain text blocks, read straight from the Y.Doc (no editor, no schema):
 * each paragraph or heading is one block, a bracket shows its options as `[one | other]`. What
 * the cross-framework search reads on the server.
 */
import * as Y from "yjs";
import { documentFragment } from "../model/maps.js";
import { NODE } from "../schema/nodeNames.js";

const BLOCKS: ReadonlySet<string> = new Set([NODE.paragraph, NODE.heading]);

function inlineText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return node
      .toDelta()
      .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
      .join("");
  }
  if (!(node instanceof Y.XmlElement)) return "";
  const parts = node.toArray().map(inlineText);
  if (node.nodeName === NODE.bracket) return `[${parts.join(" | ")}]`;
  return parts.join("");
}

function collect(node: Y.XmlElement | Y.XmlText | Y.XmlHook, out: string[]): void {
  if (!(node instanceof Y.XmlElement)) return;
  if (BLOCKS.has(node.nodeName)) {
    const text = inlineText(node);
    if (text.trim() !== "") out.push(text);
    return;
  }
  for (const child of node.toArray()) collect(child, out);
}

/** The text blocks of the framework, in document order; empty blocks left out. */
export function frameworkTextBlocks(framework: Y.Doc): string[] {
  const out: string[] = [];
  for (const node of documentFragment(framework).toArray()) collect(node, out);
  return out;
}
