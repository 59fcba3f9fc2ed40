/**
 * Where a term view shows its editable text: Tiptap's `NodeViewContent`, except that the text's
 * element is moved into place without saving and restoring the DOM selection when the editor does
 * not have focus.
 *
 * Why: Tiptap's own ref reads `getSelection().rangeCount` for every node view it mounts, to put the
 * selection back after the move; in the profile those few calls take seconds, which reads as
 * Chromium bringing the whole document's layout up to date before answering. A
 * framework of 200 terms mounts 200 views on load, each one after the previous view's move made
 * the layout dirty again: 200 layouts of a growing document (3.3 of the 5.9 s of script in a
 * profile of loading the 200-term framework). The selection only needs keeping while the person is
 * in the editor (a term created while typing); without focus ProseMirror puts the selection back
 * from its own state when the editor is focused.
 */
import type { Editor } from "@tiptap/core";
import { useReactNodeView } from "@tiptap/react";
import { useCallback } from "react";

/**
 * Moves the node view's content element (Tiptap's `[data-node-view-content-react]`, which waits
 * beside the React wrapper until React renders) into `target`. False when it is not where Tiptap
 * leaves it (then Tiptap's ref does the move).
 */
export function placeContentWithoutSelection(target: HTMLElement): boolean {
  const wrapper = target.closest("[data-node-view-wrapper]");
  const host = wrapper?.parentElement;
  if (!host) return false;
  const content = Array.from(host.children).find(
    (child) => child !== wrapper && child.hasAttribute("data-node-view-content-react"),
  );
  if (!content) return false;
  if (target.firstChild !== content) target.appendChild(content);
  return true;
}

/** Renders what Tiptap's `NodeViewContent` renders (its ref cannot be wrapped: it sets its own). */
export function TermBody({ editor, className }: { editor: Editor; className: string }) {
  const { nodeViewContentRef, nodeViewContentChildren } = useReactNodeView();
  const ref = useCallback(
    (element: HTMLElement | null) => {
      if (element && !editor.isDestroyed && !editor.view.hasFocus())
        placeContentWithoutSelection(element);
      // a no-op when the content is in place; otherwise Tiptap moves it and keeps the selection
      nodeViewContentRef?.(element);
    },
    [editor, nodeViewContentRef],
  );
  return (
    <div
      ref={ref}
      className={className}
      data-node-view-content=""
      style={{ whiteSpace: "pre-wrap" }}
    >
      {nodeViewContentChildren}
    </div>
  );
}
