/** React bindings: the threads of the discussion doc and the anchors in the editor. */
import { collectAnchors, type ThreadAnchor } from "@parley/shared/comments/anchors";
import { observeThreads, readThreads, type ThreadsSnapshot } from "@parley/shared/comments/records";
import type { Editor } from "@tiptap/core";
import { useMemo, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { PANEL_INTERVAL_MS } from "../../collab/oncePerFrame.js";
import { useEditorFrameState } from "../../editor/useEditorFrameState.js";
import { loadAuthorId } from "./authorId.js";

export function useThreads(discussion: Y.Doc): ThreadsSnapshot {
  const store = useMemo(() => {
    let snapshot = readThreads(discussion);
    return {
      subscribe: (listener: () => void) =>
        observeThreads(discussion, () => {
          snapshot = readThreads(discussion);
          listener();
        }),
      getSnapshot: () => snapshot,
    };
  }, [discussion]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

function sameAnchors(a: ThreadAnchor[], b: ThreadAnchor[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return (
      x.threadId === y.threadId &&
      x.text === y.text &&
      x.termId === y.termId &&
      x.spans.length === y.spans.length &&
      x.spans.every((s, j) => s.from === y.spans[j]!.from && s.to === y.spans[j]!.to)
    );
  });
}

/**
 * The comment anchors in the text, read at most once per frame and, while edits stream in, a few
 * times per second (`PANEL_INTERVAL_MS`): any edit before an anchor moves it, so with many writers
 * they move in nearly every frame. A new array only when they moved.
 */
export function useAnchors(editor: Editor): ThreadAnchor[] {
  return useEditorFrameState(editor, (e) => collectAnchors(e.state.doc), sameAnchors, {
    minIntervalMs: PANEL_INTERVAL_MS,
  });
}

/** This browser's author id (read once). */
export function useAuthorId(): string {
  const [id] = useState(() => loadAuthorId());
  return id;
}
