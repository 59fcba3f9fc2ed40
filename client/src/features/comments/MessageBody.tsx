import type { Mention } from "@parley/shared/comments/records";
import { Fragment, type ReactNode } from "react";
import { type BodySegment, bodySegments } from "./messageBodyParts.js";

function renderSegment(segment: BodySegment, key: string): ReactNode {
  switch (segment.kind) {
    case "text":
      return <Fragment key={key}>{segment.text}</Fragment>;
    case "break":
      return <br key={key} />;
    case "link":
      return (
        <a key={key} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
          {segment.text}
        </a>
      );
    case "mention":
      return (
        <span
          key={key}
          className={`comment-mention comment-mention-${segment.mention.kind}`}
          title={segment.mention.kind === "party" ? "Party" : "Person"}
        >
          {segment.text}
        </span>
      );
  }
}

/** A comment body as React text and elements: never HTML. */
export function MessageBody({ body, mentions }: { body: string; mentions: readonly Mention[] }) {
  return (
    <p className="comment-body">
      {bodySegments(body, mentions).map((segment, index) =>
        renderSegment(segment, `${index}-${segment.kind}`),
      )}
    </p>
  );
}
