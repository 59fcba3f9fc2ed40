/**
 * A thread card: the anchored text (or, detached, the text it was on), the opening message,
 * proposed wording with "Apply", the replies, a reply box, and resolve / reopen with who and when.
 */

import { reopenThread, replyToThread, resolveThread } from "@parley/shared/comments/commands";
import type { Mention, ThreadView } from "@parley/shared/comments/records";
import { forwardRef, useState } from "react";
import { MentionTextarea } from "./MentionTextarea.js";
import { type MessageEnv, MessageView } from "./MessageView.js";
import { mentionsInBody } from "./mentions.js";
import { formatWhen } from "./when.js";

/** What someone has typed into a thread's reply box and not sent yet. */
export interface ReplyDraft {
  body: string;
  mentions: Mention[];
}

const NO_DRAFT: ReplyDraft = { body: "", mentions: [] };

export interface ThreadCardProps {
  view: ThreadView;
  /**
   * Unsent replies by thread id, kept by whoever lists the cards: a card that moves between the
   * margin and a list (its anchor read after the thread arrived, a filter) is a new card, and
   * what was typed into the old one must not vanish with it.
   */
  drafts: Map<string, ReplyDraft>;
  env: MessageEnv;
  /** The text the thread is on now; null when detached. */
  anchorText: string | null;
  focused: boolean;
  /** null: not shown (cannot apply); a string: why it cannot be applied. */
  applyState: "can" | { reason: string } | null;
  onApply: () => string | null;
  onFocus: () => void;
  /** Where it is shown: aligned in the margin, or in a list (resolved, detached). */
  placement: "margin" | "list";
  top?: number;
  termLabel?: string | null;
}

function quoteOf(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export const ThreadCard = forwardRef<HTMLElement, ThreadCardProps>(function ThreadCard(props, ref) {
  const { view, env, focused } = props;
  const { thread, state } = view;
  const { drafts } = props;
  const [draft, setDraftState] = useState(() => drafts.get(thread.threadId) ?? NO_DRAFT);
  const [error, setError] = useState<string | null>(null);
  const reply = draft.body;

  /** Changes the draft from the kept one (two changes in one event both count). */
  function changeDraft(change: (current: ReplyDraft) => ReplyDraft) {
    const next = change(drafts.get(thread.threadId) ?? NO_DRAFT);
    if (next.body === "" && next.mentions.length === 0) drafts.delete(thread.threadId);
    else drafts.set(thread.threadId, next);
    setDraftState(next);
  }
  const detached = props.anchorText === null;
  const author = env.me;

  function sendReply() {
    const result = replyToThread(
      env.discussion,
      thread.threadId,
      { body: reply, mentions: mentionsInBody(reply, draft.mentions) },
      author,
    );
    if (!result.ok) return setError(result.error.message);
    setError(null);
    changeDraft(() => NO_DRAFT);
  }

  function toggleResolved() {
    const result = state.resolved
      ? reopenThread(env.discussion, thread.threadId, author)
      : resolveThread(env.discussion, thread.threadId, author);
    setError(result.ok ? null : result.error.message);
  }

  const lastChange = state.last;
  return (
    <article
      ref={ref}
      className="comment-card"
      data-thread-id={thread.threadId}
      data-focused={focused || undefined}
      data-resolved={state.resolved || undefined}
      data-detached={detached || undefined}
      aria-label={`Comment thread on “${quoteOf(props.anchorText ?? thread.quote)}”`}
      style={props.placement === "margin" ? { top: props.top ?? 0 } : undefined}
      onMouseDown={(event) => {
        if (!(event.target instanceof HTMLElement && event.target.closest("button, textarea, a")))
          props.onFocus();
      }}
      onFocus={props.onFocus}
    >
      <p className="comment-quote">
        {props.termLabel && <span className="comment-term">{props.termLabel}</span>}
        {detached ? (
          <>
            <span className="comment-detached-label">Detached</span> the text it was on was deleted:{" "}
            <q>{quoteOf(thread.quote)}</q>
          </>
        ) : (
          <q>{quoteOf(props.anchorText ?? "")}</q>
        )}
      </p>
      <MessageView
        message={thread}
        messageRef={{ threadId: thread.threadId }}
        env={env}
        onError={setError}
      />
      {thread.proposal !== null && (
        <div className="comment-proposal">
          <span className="comment-proposal-label">Proposed wording</span>
          {props.anchorText !== null && !state.applied && (
            <span className="comment-proposal-old">
              Replaces <del>{props.anchorText}</del>
            </span>
          )}
          <q className="comment-proposal-text">{thread.proposal}</q>
          {props.applyState === "can" && !state.applied && (
            <button
              type="button"
              className="button button-primary button-small"
              onClick={() => setError(props.onApply())}
            >
              Apply wording
            </button>
          )}
          {props.applyState !== null && props.applyState !== "can" && !state.applied && (
            <span className="comment-hint">{props.applyState.reason}</span>
          )}
        </div>
      )}
      {state.applied && (
        <div className="comment-state comment-applied">
          <p>
            Wording applied by {state.applied.by.name} · {formatWhen(state.applied.at)}
          </p>
          {state.applied.replacedText != null && (
            <p className="comment-applied-change">
              Was <del>{state.applied.replacedText}</del>, now{" "}
              <ins>{state.applied.appliedText}</ins>
            </p>
          )}
        </div>
      )}
      {view.replies.length > 0 && (
        <ol className="comment-replies" aria-label="Replies">
          {view.replies.map((r) => (
            <li key={r.replyId}>
              <MessageView
                message={r}
                messageRef={{ threadId: r.threadId, replyId: r.replyId }}
                env={env}
                onError={setError}
              />
            </li>
          ))}
        </ol>
      )}
      {state.resolved && lastChange && lastChange.action === "resolved" && (
        <p className="comment-state">
          Resolved by {lastChange.by.name} · {formatWhen(lastChange.at)}
        </p>
      )}
      {!state.resolved && lastChange?.action === "reopened" && (
        <p className="comment-state">
          Reopened by {lastChange.by.name} · {formatWhen(lastChange.at)}
        </p>
      )}
      {error && (
        <p className="comment-error" role="alert">
          {error}
        </p>
      )}
      {env.canComment && (focused || props.placement === "list") && (
        <div className="comment-reply">
          {!state.resolved && (
            <MentionTextarea
              label="Reply"
              placeholder="Reply… (@ to mention, Ctrl+Enter to send)"
              value={reply}
              onChange={(body) => changeDraft((current) => ({ ...current, body }))}
              onMention={(m) =>
                changeDraft((current) => ({ ...current, mentions: [...current.mentions, m] }))
              }
              candidates={env.candidates}
              onSubmit={sendReply}
              onCancel={() => changeDraft(() => NO_DRAFT)}
            />
          )}
          <div className="comment-actions">
            {!state.resolved && (
              <button
                type="button"
                className="button button-primary button-small"
                disabled={reply.trim() === ""}
                onClick={sendReply}
              >
                Reply
              </button>
            )}
            <button type="button" className="button button-small" onClick={toggleResolved}>
              {state.resolved ? "Reopen" : "Resolve"}
            </button>
          </div>
        </div>
      )}
    </article>
  );
});
