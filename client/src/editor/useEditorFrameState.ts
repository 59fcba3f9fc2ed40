/**
 * Like Tiptap's `useEditorState`, for what is read from the whole document (outline, comment
 * anchors, suggestions): the selector runs at most once per animation frame after transactions,
 * not on every one, and the component re-renders only when the selected value changed
 * (`equal`). Under many remote writers the editor sees dozens of transactions per second; a panel
 * needs to be right when the frame is painted, not in between.
 *
 * `minIntervalMs` (`PANEL_INTERVAL_MS` for the panels beside the text) also spaces the reads: a
 * single edit shows in the next frame, a stream of remote edits a few times per second (each
 * re-render is a React commit, which walks the focused editor's DOM: see `oncePerFrame`).
 */
import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";
import { oncePerFrame } from "../collab/oncePerFrame.js";

export function useEditorFrameState<T>(
  editor: Editor,
  selector: (editor: Editor) => T,
  equal: (a: T, b: T) => boolean = Object.is,
  options: { minIntervalMs?: number } = {},
): T {
  const { minIntervalMs = 0 } = options;
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const equalRef = useRef(equal);
  equalRef.current = equal;
  const [value, setValue] = useState(() => selector(editor));
  const shown = useRef(value);
  shown.current = value;
  useEffect(() => {
    const read = oncePerFrame(
      () => {
        if (editor.isDestroyed) return;
        const next = selectorRef.current(editor);
        // no state update when the value reads the same (React would still render once)
        if (equalRef.current(shown.current, next)) return;
        shown.current = next;
        setValue(next);
      },
      { minIntervalMs },
    );
    // what changed between the first render and this subscription (or another editor) is read too
    read.schedule();
    editor.on("transaction", read.schedule);
    return () => {
      editor.off("transaction", read.schedule);
      read.cancel();
    };
  }, [editor, minIntervalMs]);
  return value;
}

/** Same flat record (each field compared with `Object.is`): for selectors that return one. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}
