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
 * `remoteIntervalMs` spaces only the reads after other people's edits and caret moves
 * (`isFromOthers`),
 * for what follows this person's selection (toolbar, commands): their own typing and selecting
 * still show in the next frame.
 */
import type { Editor } from "@tiptap/core";
import type { Transaction } from "@tiptap/pm/state";
import { useEffect, useRef, useState } from "react";
import { type FrameTask, oncePerFrame } from "../collab/oncePerFrame.js";
import { isFromOthers } from "./remoteTransaction.js";

export function useEditorFrameState<T>(
  editor: Editor,
  selector: (editor: Editor) => T,
  equal: (a: T, b: T) => boolean = Object.is,
  options: { minIntervalMs?: number; remoteIntervalMs?: number } = {},
): T {
  const { minIntervalMs = 0, remoteIntervalMs = minIntervalMs } = options;
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const equalRef = useRef(equal);
  equalRef.current = equal;
  const [value, setValue] = useState(() => selector(editor));
  const shown = useRef(value);
  shown.current = value;
  useEffect(() => {
    const update = () => {
      if (editor.isDestroyed) return;
      const next = selectorRef.current(editor);
      // no state update when the value reads the same (React would still render once)
      if (equalRef.current(shown.current, next)) return;
      shown.current = next;
      setValue(next);
    };
    const reads = transactionReads(update, { minIntervalMs, remoteIntervalMs });
    const onTransaction = ({ transaction }: { transaction: Transaction }) =>
      reads.after(transaction);
    // what changed between the first render and this subscription (or another editor) is read too
    reads.local.schedule();
    editor.on("transaction", onTransaction);
    return () => {
      editor.off("transaction", onTransaction);
      reads.cancel();
    };
  }, [editor, minIntervalMs, remoteIntervalMs]);
  return value;
}

/**
 * When `read` runs after transactions: once per frame, at most every `minIntervalMs`; after
 * other people's edits and caret moves at most every `remoteIntervalMs` (a local transaction meanwhile still
 * reads in the next frame).
 */
export function transactionReads(
  read: () => void,
  options: { minIntervalMs: number; remoteIntervalMs: number },
): { local: FrameTask; after(transaction: Transaction): void; cancel(): void } {
  const local = oncePerFrame(read, { minIntervalMs: options.minIntervalMs });
  const remote =
    options.remoteIntervalMs === options.minIntervalMs
      ? local
      : oncePerFrame(read, { minIntervalMs: options.remoteIntervalMs });
  return {
    local,
    after(transaction) {
      if (isFromOthers(transaction)) remote.schedule();
      else local.schedule();
    },
    cancel() {
      local.cancel();
      remote.cancel();
    },
  };
}

/** Same flat record (each field compared with `Object.is`): for selectors that return one. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}
