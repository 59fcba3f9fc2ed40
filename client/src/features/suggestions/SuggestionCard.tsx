/**
 * A suggestion in the margin, beside the comment threads: what it changes in one line, who
 * proposed it (in their party's colour) and when, and Accept / Reject (drafters, mediators),
 * Withdraw (its author) and Reply (a comment thread on the same words, `ThreadCard`).
 */
import type { Party } from "@parley/shared/model/party";
import type { SuggestionRecord } from "@parley/shared/suggestions/list";
import { forwardRef, type ReactNode } from "react";
import { formatWhen } from "../comments/when.js";

export interface SuggestionCardProps {
  record: SuggestionRecord;
  party: Party | null;
  focused: boolean;
  top?: number;
  canDecide: boolean;
  canWithdraw: boolean;
  canReply: boolean;
  busy: boolean;
  onAccept: () => void;
  onReject: () => void;
  onWithdraw: () => void;
  onReply: () => void;
  onFocus: () => void;
}

export const SuggestionCard = forwardRef<HTMLElement, SuggestionCardProps>(
  function SuggestionCard(props, ref) {
    const { record, party } = props;
    return (
      <article
        ref={ref}
        className="comment-card suggestion-card"
        data-suggestion-id={record.id}
        data-kind={record.kind}
        data-party={record.party ?? undefined}
        data-focused={props.focused || undefined}
        aria-label={`Suggestion: ${record.summary}`}
        style={{
          top: props.top ?? 0,
          ...(party ? { ["--party" as string]: party.colour } : {}),
        }}
        onMouseDown={(event) => {
          if (!(event.target instanceof HTMLElement && event.target.closest("button"))) {
            props.onFocus();
          }
        }}
      >
        <p className="suggestion-summary">{record.summary}</p>
        <p className="suggestion-byline">
          <span className="suggestion-author">{record.author}</span>
          {party && <span className="suggestion-party">{party.shortName}</span>}
          <span className="suggestion-when">{formatWhen(record.at)}</span>
        </p>
        {(props.canDecide || props.canWithdraw || props.canReply) && (
          <div className="comment-actions">
            {props.canDecide && (
              <>
                <DecisionButton primary busy={props.busy} onClick={props.onAccept}>
                  Accept
                </DecisionButton>
                <DecisionButton busy={props.busy} onClick={props.onReject}>
                  Reject
                </DecisionButton>
              </>
            )}
            {props.canWithdraw && !props.canDecide && (
              <DecisionButton busy={props.busy} onClick={props.onWithdraw}>
                Withdraw
              </DecisionButton>
            )}
            {props.canReply && (
              <button type="button" className="comment-link-button" onClick={props.onReply}>
                Reply
              </button>
            )}
          </div>
        )}
      </article>
    );
  },
);

/** Accept, Reject or Withdraw: a small button, disabled while a decision is on its way. */
function DecisionButton(props: {
  primary?: boolean;
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={props.primary ? "button button-primary button-small" : "button button-small"}
      disabled={props.busy}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
