/**
 * Terms out of view are skipped by the browser (`content-visibility: auto`, framework.css): it
 * does not lay out, paint or hit-test what is inside them. Asking where a position inside a
 * skipped term is (`coordsAtPos`) makes the browser lay that term out for the question, every
 * time; code that places things beside the text (the comments margin) asks for the term's own box
 * instead, which the browser knows without looking inside, and asks again when the term is shown.
 */
import type { EditorView } from "@tiptap/pm/view";

/** The skipped top-level block that holds `pos`, or null when the browser renders it. */
export function skippedBlockAt(view: EditorView, pos: number): HTMLElement | null {
  let node: Node;
  try {
    node = view.domAtPos(pos).node;
  } catch {
    return null;
  }
  const element = node instanceof Element ? node : node.parentElement;
  if (!element || element === view.dom || !view.dom.contains(element)) return null;
  // checkVisibility answers from style alone; browsers (and test DOMs) without it render all
  if (element.checkVisibility?.({ contentVisibilityAuto: true }) !== false) return null;
  let block: Element = element;
  while (block.parentElement && block.parentElement !== view.dom) block = block.parentElement;
  return block instanceof HTMLElement ? block : null;
}

/** Calls `listener` whenever a block of the text is skipped or shown again; returns the undo. */
export function onSkippedChange(dom: HTMLElement, listener: () => void): () => void {
  // the event does not bubble: listened to on the way down
  dom.addEventListener("contentvisibilityautostatechange", listener, true);
  return () => dom.removeEventListener("contentvisibilityautostatechange", listener, true);
}
