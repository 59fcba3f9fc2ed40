/** A term's status as a chip that is also the control: pick a status, everyone sees it at once. */
import type { Party } from "@parley/shared/model/party";
import { effectiveStatus, type StatusChange, setTermStatus } from "@parley/shared/model/term";
import { TERM_STATUSES } from "@parley/shared/model/vocabulary";
import { useState } from "react";
import { useFramework, useFrameworkSelector } from "../framework/FrameworkContext.js";
import {
  attributionLabel,
  invalidLabel,
  STATUS_TONES,
  statusLabel,
} from "../framework/presentation.js";

const INVALID = "__invalid__";

/** The last changes of a status, newest first, for the chip's hover text. */
export function statusHistoryText(
  history: readonly StatusChange[],
  parties: readonly Party[],
  limit = 5,
): string {
  const recent = history.slice(-limit).reverse();
  const lines = recent.map(
    (change) =>
      `${statusLabel(change.status)} — ${attributionLabel(change.by, change.at, parties)}`,
  );
  const older = history.length - recent.length;
  if (older > 0) lines.push(`… and ${older} earlier ${older === 1 ? "change" : "changes"}`);
  return lines.join("\n");
}

export function StatusChip({
  termId,
  label,
  editable,
}: {
  termId: string;
  label: string;
  /** False while the text is read-only (not yet synced, or no right to edit). */
  editable: boolean;
}) {
  const { framework, actor } = useFramework();
  const record = useFrameworkSelector((s) => s.statuses.get(termId));
  const parties = useFrameworkSelector((s) => s.allParties);
  const [error, setError] = useState<string | null>(null);
  const status = effectiveStatus(record);
  const tone = status.valid ? STATUS_TONES[status.value] : "invalid";
  const title =
    record?.valid === true
      ? `Status set by ${attributionLabel(record.value.by, record.value.at, parties)}\n\nHistory:\n${statusHistoryText(record.value.history, parties)}`
      : record
        ? record.message
        : "No status recorded yet: a new term counts as proposed";

  return (
    <span className="status-chip-wrap">
      <select
        className={`chip status-chip tone-${tone}`}
        aria-label={`Status of ${label}`}
        title={title}
        value={status.valid ? status.value : INVALID}
        disabled={!editable}
        onChange={(event) => {
          const result = setTermStatus(framework, termId, event.target.value, { actor });
          setError(result.ok ? null : result.error.message);
        }}
      >
        {!status.valid && (
          <option value={INVALID} disabled>
            {invalidLabel(status.raw)}
          </option>
        )}
        {TERM_STATUSES.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </select>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
