/**
 * A word diff as runs of text for a writer that marks insertions and deletions (Word's tracked
 * changes): each space sits where it belongs in both readings, so accepting every change gives
 * exactly the later text and rejecting every change the earlier one, spaced as `spaceBetween`
 * spaces them. Adjacent runs of the same kind are merged.
 */
import { spaceBetween, type WordDiff, type WordOp } from "./wordDiff.js";

export interface DiffSegment {
  op: WordOp;
  text: string;
}

export function diffSegments(diff: WordDiff): DiffSegment[] {
  const out: DiffSegment[] = [];
  const push = (op: WordOp, text: string) => {
    if (text === "") return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  // The last word of the earlier text and of the later one, written so far.
  let before: string | null = null;
  let after: string | null = null;
  for (const chunk of diff.chunks) {
    for (const word of chunk.words) {
      if (chunk.op === "delete") {
        push("delete", `${spaceBetween(before, word) ? " " : ""}${word}`);
        before = word;
      } else if (chunk.op === "insert") {
        push("insert", `${spaceBetween(after, word) ? " " : ""}${word}`);
        after = word;
      } else {
        const inBefore = spaceBetween(before, word);
        const inAfter = spaceBetween(after, word);
        if (inBefore && inAfter) push("equal", " ");
        else if (inBefore) push("delete", " ");
        else if (inAfter) push("insert", " ");
        push("equal", word);
        before = word;
        after = word;
      }
    }
  }
  return out;
}

/** The text a reader sees once every change is accepted ("after") or rejected ("before"). */
export function segmentsText(segments: readonly DiffSegment[], side: "before" | "after"): string {
  const gone: WordOp = side === "after" ? "delete" : "insert";
  return segments
    .filter((s) => s.op !== gone)
    .map((s) => s.text)
    .join("");
}
