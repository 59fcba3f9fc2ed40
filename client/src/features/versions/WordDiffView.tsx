/** A word diff inline: deleted words in `<del>`, inserted ones in `<ins>`, spaced as text is. */
import type { WordDiff } from "@parley/shared/versions/wordDiff";
import { Fragment } from "react";
import { diffSegments } from "./comparisonView.js";

export function WordDiffView({ diff }: { diff: WordDiff }) {
  return (
    <span className="word-diff">
      {diffSegments(diff).map((s) => (
        <Fragment key={s.key}>
          {s.gap}
          {s.op === "equal" ? (
            s.text
          ) : s.op === "delete" ? (
            <del>{s.text}</del>
          ) : (
            <ins>{s.text}</ins>
          )}
        </Fragment>
      ))}
    </span>
  );
}
