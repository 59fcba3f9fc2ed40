import type { FrameworkSummary } from "@parley/shared/api";
import { LIMITS } from "@parley/shared/protocol";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { heldToken } from "../../collab/tokens.js";
import { formatRelativeTime, rowActions } from "./frameworkList.js";
import { messageOf } from "./useFrameworkList.js";

interface FrameworkRowProps {
  framework: FrameworkSummary;
  now: Date;
  onRename: (title: string) => Promise<void>;
  onDelete: () => void;
}

/** One framework in the list: open, rename in place, or ask to delete. */
export function FrameworkRow({ framework, now, onRename, onDelete }: FrameworkRowProps) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(framework.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offer = rowActions(heldToken(framework.id)?.access?.role ?? null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      setError("The title cannot be empty.");
      return;
    }
    if (trimmed === framework.title) {
      setEditing(false);
      return;
    }
    setBusy(true);
    try {
      await onRename(trimmed);
      setEditing(false);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (editing) {
    return (
      <li className="framework-row framework-row-editing">
        <form className="rename-form" onSubmit={save} noValidate>
          <label className="visually-hidden" htmlFor={`rename-${framework.id}`}>
            New title for {framework.title}
          </label>
          <input
            id={`rename-${framework.id}`}
            className="text-input"
            value={title}
            maxLength={LIMITS.maxTitleLength}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to rename
            autoFocus
            onChange={(event) => {
              setTitle(event.target.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                setTitle(framework.title);
                setEditing(false);
                setError(null);
              }
            }}
          />
          <button type="submit" className="button button-primary button-small" disabled={busy}>
            Save
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => {
              setTitle(framework.title);
              setEditing(false);
              setError(null);
            }}
          >
            Cancel
          </button>
        </form>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </li>
    );
  }

  return (
    <li className="framework-row">
      <Link to={`/f/${framework.id}`} className="framework-link">
        <span className="framework-title">{framework.title}</span>
        <span className="framework-meta">
          Changed {formatRelativeTime(framework.updatedAt, now)}
        </span>
      </Link>
      <div className="row-actions">
        {offer.rename && (
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label={`Rename ${framework.title}`}
            onClick={() => setEditing(true)}
          >
            Rename
          </button>
        )}
        {offer.delete && (
          <button
            type="button"
            className="button button-quiet button-small button-danger-quiet"
            aria-label={`Delete ${framework.title}`}
            onClick={onDelete}
          >
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
