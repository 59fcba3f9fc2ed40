/** The new-thread card: the quoted selection, the comment, optionally a proposed wording. */
import type { Mention } from "@parley/shared/comments/records";
import { forwardRef, useState } from "react";
import { MentionTextarea } from "./MentionTextarea.js";
import { type MentionCandidate, mentionsInBody } from "./mentions.js";

interface ComposerProps {
  quote: string;
  /** Its place in the margin; undefined until measured (it is drawn hidden until then). */
  top: number | undefined;
  candidates: readonly MentionCandidate[];
  error: string | null;
  onSubmit: (input: { body: string; proposal: string | null; mentions: Mention[] }) => void;
  onCancel: () => void;
}

export const Composer = forwardRef<HTMLFormElement, ComposerProps>(function Composer(props, ref) {
  const [body, setBody] = useState("");
  const [mentions, setMentions] = useState<Mention[]>([]);
  const [proposing, setProposing] = useState(false);
  const [proposal, setProposal] = useState("");

  function submit() {
    props.onSubmit({
      body,
      proposal: proposing && proposal.trim() !== "" ? proposal : null,
      mentions: mentionsInBody(body, mentions),
    });
  }

  return (
    <form
      ref={ref}
      className="comment-card comment-composer"
      aria-label="New comment"
      style={props.top === undefined ? { visibility: "hidden" } : { top: props.top }}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p className="comment-quote">
        <q>{props.quote.length > 120 ? `${props.quote.slice(0, 117)}…` : props.quote}</q>
      </p>
      <MentionTextarea
        label="Comment"
        placeholder="Comment… (@ to mention, Ctrl+Enter to send)"
        value={body}
        onChange={setBody}
        onMention={(m) => setMentions((all) => [...all, m])}
        candidates={props.candidates}
        onSubmit={submit}
        onCancel={props.onCancel}
      />
      {proposing ? (
        <label className="comment-proposal-field">
          <span>Proposed wording (replaces the quoted text)</span>
          <input
            className="text-input"
            value={proposal}
            onChange={(event) => setProposal(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                submit();
              }
            }}
          />
        </label>
      ) : (
        <button type="button" className="comment-link-button" onClick={() => setProposing(true)}>
          Propose wording…
        </button>
      )}
      {props.error && (
        <p className="comment-error" role="alert">
          {props.error}
        </p>
      )}
      <div className="comment-actions">
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={body.trim() === ""}
        >
          Comment
        </button>
        <button type="button" className="button button-small" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
});
