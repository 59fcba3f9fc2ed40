/** One message of a thread (the opening one or a reply): author, party, time, body, own actions. */

import {
  deleteMessage,
  editMessage,
  isOwnMessage,
  type ThreadWriter,
} from "@parley/shared/comments/commands";
import type {
  Mention,
  MessageRef,
  ReplyRecord,
  ThreadRecord,
} from "@parley/shared/comments/records";
import { formatDateTime } from "@parley/shared/format/dates";
import type { Party } from "@parley/shared/model/party";
import { useState } from "react";
import type * as Y from "yjs";
import { initialsOf } from "../../collab/identity.js";
import { MentionTextarea } from "./MentionTextarea.js";
import { MessageBody } from "./MessageBody.js";
import { type MentionCandidate, mentionsInBody } from "./mentions.js";
import { formatWhen } from "./when.js";

export interface MessageEnv {
  me: ThreadWriter;
  discussion: Y.Doc;
  parties: ReadonlyMap<string, Party>;
  candidates: readonly MentionCandidate[];
  /** May write to the discussion at all (observers may not). */
  canComment: boolean;
}

export function PartyChip({
  partyId,
  parties,
}: {
  partyId: string | null;
  parties: ReadonlyMap<string, Party>;
}) {
  if (partyId === null) return null;
  const party = parties.get(partyId);
  return (
    <span className="comment-party" title={party?.name ?? partyId}>
      <span className="comment-party-dot" style={{ background: party?.colour ?? "#9ca3af" }} />
      {party?.shortName ?? partyId}
    </span>
  );
}

export function MessageView({
  message,
  messageRef,
  env,
  onError,
}: {
  message: ThreadRecord | ReplyRecord;
  messageRef: MessageRef;
  env: MessageEnv;
  onError: (message: string | null) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [mentions, setMentions] = useState<Mention[]>([]);
  const own = env.canComment && isOwnMessage(message, env.me) && message.deletedAt === null;

  function save() {
    if (draft === null) return;
    const result = editMessage(
      env.discussion,
      messageRef,
      { body: draft, mentions: mentionsInBody(draft, [...message.mentions, ...mentions]) },
      env.me,
    );
    if (!result.ok) return onError(result.error.message);
    onError(null);
    setDraft(null);
  }

  function remove() {
    const result = deleteMessage(env.discussion, messageRef, env.me);
    onError(result.ok ? null : result.error.message);
  }

  return (
    <div className="comment-message" data-own={own || undefined}>
      <div className="comment-meta">
        <span className="comment-avatar" aria-hidden="true">
          {initialsOf(message.by.name)}
        </span>
        <span className="comment-author">{message.by.name}</span>
        <PartyChip partyId={message.by.party} parties={env.parties} />
        <time className="comment-time" dateTime={message.at} title={formatDateTime(message.at)}>
          {formatWhen(message.at)}
        </time>
        {message.editedAt !== null && message.deletedAt === null && (
          <span className="comment-edited">edited</span>
        )}
      </div>
      {message.deletedAt !== null ? (
        <p className="comment-body comment-deleted">Message deleted.</p>
      ) : draft !== null ? (
        <div className="comment-edit">
          <MentionTextarea
            label="Edit message"
            value={draft}
            onChange={setDraft}
            onMention={(m) => setMentions((all) => [...all, m])}
            candidates={env.candidates}
            onSubmit={save}
            onCancel={() => setDraft(null)}
            autoFocus
          />
          <div className="comment-actions">
            <button type="button" className="button button-primary button-small" onClick={save}>
              Save
            </button>
            <button type="button" className="button button-small" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <MessageBody body={message.body} mentions={message.mentions} />
      )}
      {own && draft === null && (
        <div className="comment-own-actions">
          <button
            type="button"
            className="comment-link-button"
            onClick={() => setDraft(message.body)}
          >
            Edit
          </button>
          <button type="button" className="comment-link-button" onClick={remove}>
            Delete
          </button>
        </div>
      )}
    </div>
  );
}
