/**
 * How far the framework is: the share of terms agreed ("nothing is agreed until everything is
 * agreed", so every agreed term stays provisional until the last one is), terms by status and by
 * category, open brackets, and the record of resolved brackets: each with who resolved it, the
 * text that was dropped, its earlier resolutions, and a way to reopen it.
 */
import { computeProgress } from "@parley/shared/analysis/progress";
import { type BracketResolution, reopenBracket } from "@parley/shared/model/bracket";
import { walkJson } from "@parley/shared/model/documentJson";
import type { Party } from "@parley/shared/model/party";
import { TERM_CATEGORIES, TERM_STATUSES, type TermCategory } from "@parley/shared/model/vocabulary";
import { ATTR, NODE } from "@parley/shared/schema/nodeNames";
import type { JSONContent } from "@tiptap/core";
import { useMemo, useState } from "react";
import { useEditable, useFramework, useFrameworkSelector } from "./FrameworkContext.js";
import {
  attributionLabel,
  categoryLabel,
  partyNameOf,
  percent,
  STATUS_TONES,
  statusLabel,
} from "./presentation.js";

export function ProgressPanel() {
  const json = useFrameworkSelector((s) => s.json);
  const terms = useFrameworkSelector((s) => s.terms);
  const statuses = useFrameworkSelector((s) => s.statuses);
  const resolutions = useFrameworkSelector((s) => s.resolutions);
  const allParties = useFrameworkSelector((s) => s.allParties);
  const progress = useMemo(
    () => computeProgress({ doc: json, terms, statuses }),
    [json, terms, statuses],
  );
  const agreed = progress.byStatus.agreed;
  const categories: (TermCategory | "invalid")[] = [...TERM_CATEGORIES, "invalid"];
  const resolved = [...resolutions.values()].flatMap((r) => (r.valid ? [r.value] : []));
  resolved.sort((a, b) => b.at.localeCompare(a.at));
  const open = useMemo(() => openBracketIds(json), [json]);

  return (
    <section className="progress-panel" aria-label="Progress">
      <div className="progress-hero">
        <div className="progress-figure">
          <span className="progress-share" data-testid="share-agreed">
            {percent(progress.shareAgreed)}
          </span>
          <span className="progress-caption">
            of terms agreed ({agreed} of {progress.liveTerms})
            {progress.byStatus.agreedAdReferendum > 0 &&
              ` · ${progress.byStatus.agreedAdReferendum} more agreed ad referendum`}
          </span>
        </div>
        <div
          className="progress-bar"
          role="progressbar"
          aria-label="Share of terms agreed"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress.shareAgreed * 100)}
        >
          <span
            className="progress-bar-adref"
            style={{ width: percent(progress.shareAgreedAdReferendum).replace(" ", "") }}
          />
          <span
            className="progress-bar-agreed"
            style={{ width: percent(progress.shareAgreed).replace(" ", "") }}
          />
        </div>
        <p className="progress-note">
          {progress.everythingAgreed
            ? "Everything is agreed: the framework can be closed."
            : "Nothing is agreed until everything is agreed: agreed terms stay provisional."}{" "}
          <strong data-testid="open-brackets">
            {progress.openBrackets} open {progress.openBrackets === 1 ? "bracket" : "brackets"}
          </strong>
          .
        </p>
      </div>

      <h3>Terms by status</h3>
      <ul className="status-counts">
        {TERM_STATUSES.map((s) => (
          <li key={s} className={`chip tone-${STATUS_TONES[s]}`}>
            {statusLabel(s)} <strong>{progress.byStatus[s]}</strong>
          </li>
        ))}
        {progress.byStatus.invalid > 0 && (
          <li className="chip tone-invalid">
            Invalid status <strong>{progress.byStatus.invalid}</strong>
          </li>
        )}
      </ul>

      <h3>Terms by category</h3>
      <table className="category-table">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Terms</th>
            <th scope="col">Agreed</th>
            <th scope="col">Under discussion</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => {
            const counts = progress.byCategory[c];
            const total = Object.values(counts).reduce((a, b) => a + b, 0);
            if (c === "invalid" && total === 0) return null;
            return (
              <tr key={c}>
                <th scope="row">{c === "invalid" ? "Invalid category" : categoryLabel(c)}</th>
                <td>{total}</td>
                <td>{counts.agreed}</td>
                <td>{counts.underDiscussion}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>Resolved brackets</h3>
      {resolved.length === 0 ? (
        <p className="empty-note">No bracket resolved yet.</p>
      ) : (
        <ul className="resolution-list">
          {resolved.map((r) => (
            <ResolutionItem
              key={r.bracketId}
              record={r}
              isOpen={open.has(r.bracketId)}
              parties={allParties}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The ids of the brackets in the text. */
function openBracketIds(json: JSONContent): Set<string> {
  const out = new Set<string>();
  walkJson(json, (node) => {
    const id: unknown = node.attrs?.[ATTR.bracketId];
    if (node.type === NODE.bracket && typeof id === "string") out.add(id);
    return true;
  });
  return out;
}

function ResolutionLine({
  entry,
  parties,
}: {
  entry: Omit<BracketResolution, "earlier">;
  parties: readonly Party[];
}) {
  const dropped = entry.options.filter((o) => o.optionId !== entry.optionId);
  return (
    <>
      “{entry.text}” chosen
      {entry.proposedBy ? ` (proposed by ${partyNameOf(entry.proposedBy, parties)})` : ""}; dropped{" "}
      {dropped.length > 0 ? dropped.map((o) => `“${o.text}”`).join(", ") : "nothing"}{" "}
      <span className="resolution-meta">
        — resolved by {attributionLabel(entry.by, entry.at, parties)}
        {entry.reopened &&
          `; reopened by ${attributionLabel(entry.reopened.by, entry.reopened.at, parties)}`}
      </span>
    </>
  );
}

function ResolutionItem({
  record,
  isOpen,
  parties,
}: {
  record: BracketResolution;
  isOpen: boolean;
  parties: readonly Party[];
}) {
  const { editor, framework, actor } = useFramework();
  const editable = useEditable();
  const [error, setError] = useState<string | null>(null);
  const reopen = () => {
    const result = reopenBracket(
      editor.view,
      framework,
      { bracketId: record.bracketId },
      { actor },
    );
    setError(result.ok ? null : result.error.message);
  };
  return (
    <li aria-label={`Resolution of bracket ${record.bracketId}`}>
      <ResolutionLine entry={record} parties={parties} />
      {isOpen ? (
        <span className="chip tone-progress">open again</span>
      ) : (
        editable && (
          <button type="button" className="button button-small" onClick={reopen}>
            Reopen bracket
          </button>
        )
      )}
      {(record.earlier ?? []).length > 0 && (
        <ol className="resolution-history" aria-label="Earlier resolutions">
          {(record.earlier ?? []).map((entry) => (
            <li key={entry.at}>
              <ResolutionLine entry={entry} parties={parties} />
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
