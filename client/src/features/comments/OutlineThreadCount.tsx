/**
 * The count of open threads shown beside each section of the outline (the terms under a heading;
 * the tooltip breaks it down by term). One subscription for the whole outline.
 */
import type { Editor } from "@tiptap/core";
import { type ReactNode, useCallback } from "react";
import type * as Y from "yjs";
import { useAnchors, useThreads } from "./hooks.js";

interface OutlineEntryLike {
  pos: number;
}

/** `(entry, next) => badge` for the outline: open anchored threads between the two headings. */
export function useOutlineThreadCounts(
  editor: Editor,
  discussion: Y.Doc,
): (entry: OutlineEntryLike, next: OutlineEntryLike | undefined) => ReactNode {
  const { threads } = useThreads(discussion);
  const anchors = useAnchors(editor);
  return useCallback(
    (entry, next) => {
      const openIds = new Set(
        threads.filter((v) => !v.state.resolved).map((v) => v.thread.threadId),
      );
      const inSection = anchors.filter(
        (a) =>
          openIds.has(a.threadId) &&
          a.from > entry.pos &&
          (next === undefined || a.from < next.pos),
      );
      if (inSection.length === 0) return null;
      const perTerm = new Map<string, number>();
      for (const a of inSection) {
        const key = a.termId ?? "outside terms";
        perTerm.set(key, (perTerm.get(key) ?? 0) + 1);
      }
      const terms = perTerm.size - (perTerm.has("outside terms") ? 1 : 0);
      const title = `${inSection.length} open comment thread${inSection.length === 1 ? "" : "s"}${
        terms > 0 ? ` on ${terms} term${terms === 1 ? "" : "s"}` : ""
      }`;
      return (
        <span className="outline-thread-count" title={title} data-open-threads={inSection.length}>
          {inSection.length}
          <span className="visually-hidden"> open comments</span>
        </span>
      );
    },
    [threads, anchors],
  );
}
