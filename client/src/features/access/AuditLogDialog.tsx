/** The audit log for mediators: who connected, changed what, and what was refused, newest first. */
import type { AuditEntry, InviteSummary } from "@parley/shared/api";
import { formatDateTime } from "@parley/shared/format/dates";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { listInvites, readAudit } from "./accessApi.js";
import { type AuditNames, auditDetail, auditNames, auditWhere, auditWho } from "./auditView.js";

const ACTION_LABELS: Record<AuditEntry["action"], string> = {
  connected: "connected",
  disconnected: "disconnected",
  updated: "changed",
  refused: "refused",
  "invite.created": "invite created",
  "invite.revoked": "invite revoked",
  "invite.link": "invite link copied",
  "member.joined": "joined through an invite",
  "framework.created": "framework created",
  "framework.renamed": "framework renamed",
  "bracket.resolved": "bracket resolved",
  "bracket.reopened": "bracket reopened",
  "version.created": "version saved",
  "version.restored": "version restored",
  "version.deleted": "version deleted",
};

export function AuditLogDialog({
  frameworkId,
  parties,
  onClose,
}: {
  frameworkId: string;
  /** The framework's parties, to name them. */
  parties: readonly { id: string; name: string }[];
  onClose: () => void;
}) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invites, setInvites] = useState<InviteSummary[]>([]);
  // Invites name the people of the entries; without them, the entries still show their names.
  useEffect(() => {
    let current = true;
    listInvites(frameworkId).then(
      (list) => current && setInvites(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [frameworkId]);
  const names: AuditNames = useMemo(() => auditNames(invites, parties), [invites, parties]);

  const load = useCallback(
    async (before: number | null) => {
      try {
        const page = await readAudit(frameworkId, { limit: 100, before });
        setEntries((current) => (before && current ? [...current, ...page.entries] : page.entries));
        setNextBefore(page.nextBefore);
      } catch (e) {
        setError(e instanceof Error ? e.message : "The audit log could not be read.");
      }
    },
    [frameworkId],
  );

  useEffect(() => {
    void load(null);
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [load, onClose]);

  return (
    <div className="modal-backdrop">
      <div className="modal audit-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Audit log</h2>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {entries === null && !error && <p className="loading-line">Loading…</p>}
        {entries && (
          <table className="audit-table" aria-label="Audit log entries">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Where</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq} data-action={entry.action}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{auditWho(entry, names)}</td>
                  <td>
                    {ACTION_LABELS[entry.action]}
                    {entry.count > 1 && ` ×${entry.count}`}
                    {entry.bytes > 0 && ` (${entry.bytes} bytes)`}
                  </td>
                  <td>{auditWhere(entry.room, names)}</td>
                  <td>{auditDetail(entry.detail, names)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="modal-actions">
          {nextBefore !== null && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void load(nextBefore)}
            >
              Older entries
            </button>
          )}
          <button ref={closeRef} type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
