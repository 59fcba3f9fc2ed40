/**
 * A textarea for comment bodies: Ctrl/Cmd+Enter sends, Escape cancels, and `@` offers the people
 * and parties of the framework (arrow keys + Enter or a click pick one).
 */
import type { Mention } from "@parley/shared/comments/records";
import { type KeyboardEvent, useId, useRef, useState } from "react";
import {
  insertMention,
  type MentionCandidate,
  mentionQueryAt,
  suggestMentions,
} from "./mentions.js";

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onMention: (mention: Mention) => void;
  candidates: readonly MentionCandidate[];
  onSubmit: () => void;
  onCancel: () => void;
  placeholder?: string;
  autoFocus?: boolean;
}

export function MentionTextarea(props: Props) {
  const { value, onChange, candidates } = props;
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = query ? suggestMentions(candidates, query.query) : [];

  function refreshQuery(text: string, caret: number) {
    setQuery(mentionQueryAt(text, caret));
    setActive(0);
  }

  function pick(candidate: MentionCandidate) {
    const textarea = ref.current;
    if (!query || !textarea) return;
    const next = insertMention(
      value,
      query.start,
      textarea.selectionStart,
      candidate.mention.label,
    );
    onChange(next.text);
    props.onMention(candidate.mention);
    setQuery(null);
    requestAnimationFrame(() => {
      textarea.focus();
      textarea.setSelectionRange(next.caret, next.caret);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const chosen = suggestions[active];
        if (chosen) pick(chosen);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      props.onSubmit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      props.onCancel();
    }
  }

  return (
    <div className="mention-field">
      <textarea
        ref={ref}
        className="text-input comment-textarea"
        aria-label={props.label}
        placeholder={props.placeholder}
        // biome-ignore lint/a11y/noAutofocus: the composer opens on request, typing starts at once
        autoFocus={props.autoFocus}
        value={value}
        rows={3}
        aria-controls={suggestions.length > 0 ? listId : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          refreshQuery(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(event) =>
          refreshQuery(event.currentTarget.value, event.currentTarget.selectionStart)
        }
      />
      {suggestions.length > 0 && (
        <div id={listId} className="mention-suggestions" role="listbox" aria-label="Mention">
          {suggestions.map((candidate, index) => (
            <div
              key={`${candidate.mention.kind}:${candidate.mention.label}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className="mention-option"
              onMouseDown={(event) => {
                event.preventDefault();
                pick(candidate);
              }}
            >
              <span className="mention-option-label">@{candidate.mention.label}</span>
              <span className="mention-option-kind">{candidate.description}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
