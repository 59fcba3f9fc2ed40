/**
 * The versions of a framework: the list (name, author, time, size, kind), "Save version" for
 * drafters and mediators, and for mediators restore (after a confirmation; the server saves a
 * "before restore" version first) and delete. Each version opens read-only or compares with now.
 */

import type { Role } from "@parley/shared/access/roles";
import { formatDateTime } from "@parley/shared/format/dates";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { ConfirmDialog } from "../documents/ConfirmDialog.js";
import { SaveVersionForm } from "./SaveVersionForm.js";
import { comparisonRoute, versionRoute } from "./versionRoutes.js";
import { formatSize, KIND_LABELS, versionPermissions } from "./versionRows.js";
import { deleteVersion, listVersions, NOW, restoreVersion } from "./versionsApi.js";
import type { VersionSummary } from "./versionWire.js";

type Pending =
  | { kind: "restore"; version: VersionSummary }
  | { kind: "delete"; version: VersionSummary };

function errorText(error: unknown, fallback: string): string {
  return error instanceof Error ? error.message : fallback;
}

export function VersionsDialog({
  frameworkId,
  role,
  onClose,
}: {
  frameworkId: string;
  role: Role | null;
  onClose: () => void;
}) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [pendingError, setPendingError] = useState<string | null>(null);
  const permissions = versionPermissions(role);

  const load = useCallback(async () => {
    try {
      setVersions(await listVersions(frameworkId));
      setError(null);
    } catch (e) {
      setError(errorText(e, "The versions could not be read."));
    }
  }, [frameworkId]);

  useEffect(() => {
    void load();
    closeRef.current?.focus();
  }, [load]);

  useEffect(() => {
    if (pending) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose, pending]);

  const confirm = async () => {
    if (!pending || busy) return;
    setBusy(true);
    setPendingError(null);
    try {
      if (pending.kind === "restore") {
        const restored = await restoreVersion(frameworkId, pending.version.id);
        setNotice(
          restored.changed
            ? `Restored “${pending.version.name}”. The framework as it was just before is kept as “${restored.saved.name}”.`
            : `“${pending.version.name}” is already what the framework holds: nothing changed.`,
        );
      } else {
        await deleteVersion(frameworkId, pending.version.id);
        setNotice(`Deleted “${pending.version.name}”.`);
      }
      setPending(null);
      await load();
    } catch (e) {
      setPendingError(errorText(e, "The server refused."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal versions-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <h2 id={titleId}>Versions</h2>
        <p className="modal-intro">
          A version keeps the whole framework as it stands: the text with its terms and brackets,
          the sequencing, the stances and the threads (never a delegation's private notes).
        </p>
        {permissions.canSave && (
          <SaveVersionForm
            frameworkId={frameworkId}
            onSaved={(saved) => {
              setNotice(`Saved “${saved.name}”.`);
              void load();
            }}
          />
        )}
        {notice && (
          <p className="versions-notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {versions === null && !error && <p className="loading-line">Loading…</p>}
        {versions !== null && versions.length === 0 && (
          <p className="versions-empty">No versions yet.</p>
        )}
        {versions !== null && versions.length > 0 && (
          <table className="versions-table" aria-label="Saved versions">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
                <th scope="col">Size</th>
                <th scope="col">Kind</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-version={v.id}>
                  <th scope="row">
                    <span className="version-name">{v.name}</span>
                    {v.note && <span className="version-note">{v.note}</span>}
                  </th>
                  <td>{v.by.name}</td>
                  <td>{formatDateTime(v.at)}</td>
                  <td>{formatSize(v.size)}</td>
                  <td>{KIND_LABELS[v.kind]}</td>
                  <td className="version-actions">
                    <Link
                      className="button button-quiet button-small"
                      to={versionRoute(frameworkId, v.id)}
                      aria-label={`Open ${v.name}`}
                    >
                      Open
                    </Link>
                    <Link
                      className="button button-quiet button-small"
                      to={comparisonRoute(frameworkId, v.id, NOW)}
                      aria-label={`Compare ${v.name} with now`}
                    >
                      Compare with now
                    </Link>
                    {permissions.canRestore && (
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        aria-label={`Restore ${v.name}`}
                        onClick={() => setPending({ kind: "restore", version: v })}
                      >
                        Restore
                      </button>
                    )}
                    {permissions.canDelete && (
                      <button
                        type="button"
                        className="button button-danger-quiet button-small"
                        aria-label={`Delete ${v.name}`}
                        onClick={() => setPending({ kind: "delete", version: v })}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="modal-actions">
          <button ref={closeRef} type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {pending && (
        <ConfirmDialog
          title={
            pending.kind === "restore"
              ? `Restore “${pending.version.name}”?`
              : `Delete “${pending.version.name}”?`
          }
          confirmLabel={pending.kind === "restore" ? "Restore" : "Delete version"}
          // (ConfirmDialog's busy label speaks of deleting.)
          busy={busy && pending.kind === "delete"}
          error={pendingError}
          onConfirm={() => void confirm()}
          onCancel={() => {
            setPending(null);
            setPendingError(null);
          }}
        >
          {pending.kind === "restore" ? (
            <p>
              The text, the sequencing and the stances go back to this version for everyone, as new
              edits: the framework as it is now is first saved as a version “before restore”, so
              nothing is lost.
            </p>
          ) : (
            <p>The version is deleted for everyone. The framework itself does not change.</p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
