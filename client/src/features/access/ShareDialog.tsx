/**
 * The mediator's share dialog: make an invite link for a role (and party, and name), copy it, see
 * every invite of the framework with its status, copy an active invite's link again, and revoke
 * one after a confirmation (its holders are disconnected at once and the link stops working).
 * The viewer's own invite is marked "(you)"; the last mediator invite offers no revoke.
 */

import { ROLE_LABELS, ROLES, type Role } from "@parley/shared/access/roles";
import type { InviteSummary } from "@parley/shared/api";
import { formatDate } from "@parley/shared/format/dates";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { copyInviteLink, createInvite, listInvites, revokeInvite } from "./accessApi.js";
import {
  DEFAULT_INVITE,
  describeInvite,
  INVITE_DAY_CHOICES,
  type InviteFormValues,
  inviteRequest,
} from "./inviteForm.js";
import { type InviteRow, inviteRows } from "./inviteRows.js";
import { useHeldAccess } from "./useHeldAccess.js";

export interface PartyChoice {
  id: string;
  name: string;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

export function ShareDialog({
  frameworkId,
  parties,
  onClose,
}: {
  frameworkId: string;
  parties: readonly PartyChoice[];
  onClose: () => void;
}) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [values, setValues] = useState<InviteFormValues>(DEFAULT_INVITE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [invites, setInvites] = useState<InviteSummary[] | null>(null);
  /** The invite whose revoke awaits confirmation. */
  const [confirming, setConfirming] = useState<string | null>(null);
  /** The invite whose link was copied last. */
  const [copiedInvite, setCopiedInvite] = useState<string | null>(null);
  const ownInviteId = useHeldAccess(frameworkId)?.inviteId ?? null;

  const reload = useCallback(async () => {
    try {
      setInvites(await listInvites(frameworkId));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [frameworkId]);

  useEffect(() => {
    void reload();
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [reload, onClose]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const created = await createInvite(frameworkId, inviteRequest(values));
      setLink(created.url);
      await reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(invite: InviteSummary) {
    setError(null);
    setConfirming(null);
    try {
      await revokeInvite(frameworkId, invite.id);
    } catch (e) {
      // E.g. the server's refusal to revoke the last mediator invite: said as it is.
      setError(messageOf(e));
    }
    await reload();
  }

  async function copyLink(invite: InviteSummary) {
    setError(null);
    setCopiedInvite(null);
    try {
      const url = await copyInviteLink(frameworkId, invite.id);
      await navigator.clipboard.writeText(url);
      setCopiedInvite(invite.id);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const inviteLabel = (invite: InviteSummary) =>
    `${ROLE_LABELS[invite.role]} invite${invite.name ? ` for ${invite.name}` : ""}`;

  function rowActions({ invite, active, own, keepReason }: InviteRow) {
    if (!active) return null;
    if (confirming === invite.id) {
      return (
        <span className="invite-confirm">
          <span>
            {own
              ? "Revoke your own invite? You lose access at once."
              : "Revoke? Its holders lose access at once."}
          </span>
          <button
            type="button"
            className="button button-danger button-small"
            onClick={() => void revoke(invite)}
          >
            Yes, revoke
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => setConfirming(null)}
          >
            Keep
          </button>
        </span>
      );
    }
    return (
      <span className="invite-actions">
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Copy link of ${inviteLabel(invite)}`}
          onClick={() => void copyLink(invite)}
        >
          {copiedInvite === invite.id ? "Link copied" : "Copy link"}
        </button>
        {keepReason === null ? (
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label={`Revoke ${inviteLabel(invite)}`}
            onClick={() => {
              setError(null);
              setConfirming(invite.id);
            }}
          >
            Revoke
          </button>
        ) : (
          <span className="invite-kept">{keepReason}</span>
        )}
      </span>
    );
  }

  const partyName = (id: string | null) =>
    id === null ? null : (parties.find((p) => p.id === id)?.name ?? id);

  return (
    <div className="modal-backdrop">
      <div className="modal share-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Share this framework</h2>
        <p className="modal-intro">
          Each link carries a role and, for a delegation, its party. Links work until they expire or
          you revoke them.
        </p>
        <form className="share-form" onSubmit={submit}>
          <label className="field-label">
            Role
            <select
              value={values.role}
              onChange={(e) => setValues({ ...values, role: e.target.value as Role })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </label>
          <label className="field-label">
            Party
            <select
              value={values.party}
              onChange={(e) => setValues({ ...values, party: e.target.value })}
            >
              <option value="">No party</option>
              {parties.map((party) => (
                <option key={party.id} value={party.id}>
                  {party.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field-label">
            Name (optional)
            <input
              className="text-input"
              value={values.name}
              maxLength={120}
              placeholder="Fixed for everyone using the link"
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
          </label>
          <label className="field-label">
            Expires after
            <select
              value={values.days}
              onChange={(e) => setValues({ ...values, days: Number(e.target.value) })}
            >
              {INVITE_DAY_CHOICES.map((days) => (
                <option key={days} value={days}>
                  {days === 1 ? "1 day" : `${days} days`}
                </option>
              ))}
            </select>
          </label>
          <p className="field-hint">{describeInvite(values, partyName(values.party || null))}</p>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Creating…" : "Create invite link"}
          </button>
        </form>
        {link && (
          <div className="share-link">
            <label className="field-label">
              Invite link
              <input className="text-input" readOnly value={link} aria-label="Invite link" />
            </label>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                navigator.clipboard.writeText(link).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <h3 className="share-subhead">Invites</h3>
        {invites === null ? (
          <p className="loading-line">Loading invites…</p>
        ) : (
          <ul className="invite-list" aria-label="Invites">
            {inviteRows(invites, ownInviteId).map((row) => {
              const { invite } = row;
              return (
                <li
                  key={invite.id}
                  className="invite-row"
                  data-status={invite.status}
                  data-own={row.own || undefined}
                >
                  <span>
                    <strong>{ROLE_LABELS[invite.role]}</strong>
                    {invite.party && ` · ${partyName(invite.party)}`}
                    {invite.name && ` · ${invite.name}`}
                    {row.own && <span className="invite-you"> (you)</span>}
                  </span>
                  <span className="invite-meta">
                    {invite.status === "active"
                      ? `until ${formatDate(invite.expiresAt)}`
                      : invite.status}
                  </span>
                  {rowActions(row)}
                </li>
              );
            })}
          </ul>
        )}
        <div className="modal-actions">
          <button ref={closeRef} type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
