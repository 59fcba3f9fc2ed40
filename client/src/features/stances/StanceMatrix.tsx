/**
 * Terms × parties at a glance: each cell the party's stance (accepts / with conditions / rejects /
 * not stated), each row summed up (agreed by all / conditions stand / blocked / stances missing).
 * Hover a cell for the condition and who recorded it; a stance the mediator recorded on a party's
 * behalf says so in the cell.
 */
import { buildStanceMatrix, type RowSummary } from "@parley/shared/analysis/stanceMatrix";
import { STANCES } from "@parley/shared/model/vocabulary";
import { type CSSProperties, useMemo } from "react";
import { useFrameworkSelector } from "../framework/FrameworkContext.js";
import {
  categoryLabel,
  invalidLabel,
  onBehalfLabel,
  STANCE_SHORT,
  STANCE_SYMBOLS,
  STANCE_TONES,
  SUMMARY_LABELS,
  SUMMARY_TONES,
  stanceCellTitle,
  stanceLabel,
} from "../framework/presentation.js";

const SUMMARY_ORDER: RowSummary[] = ["allAccept", "conditions", "blocked", "incomplete"];

export function StanceMatrix() {
  const terms = useFrameworkSelector((s) => s.terms);
  const parties = useFrameworkSelector((s) => s.parties);
  const allParties = useFrameworkSelector((s) => s.allParties);
  const stances = useFrameworkSelector((s) => s.stances);
  const matrix = useMemo(
    () => buildStanceMatrix({ terms, parties, stances }),
    [terms, parties, stances],
  );
  if (matrix.rows.length === 0) {
    return (
      <p className="empty-note">No terms yet: insert a term in the text to see stances here.</p>
    );
  }
  return (
    <section className="stance-matrix" aria-label="Stance matrix">
      <header className="matrix-head">
        <h2>Stance matrix</h2>
        <p>
          {matrix.rows.length} {matrix.rows.length === 1 ? "term" : "terms"} ×{" "}
          {matrix.parties.length} {matrix.parties.length === 1 ? "party" : "parties"}
        </p>
        <ul className="matrix-legend" aria-label="Legend">
          {STANCES.map((s) => (
            <li key={s}>
              <span className={`legend-symbol tone-${STANCE_TONES[s]}`} aria-hidden="true">
                {STANCE_SYMBOLS[s]}
              </span>
              {stanceLabel(s)}
            </li>
          ))}
        </ul>
      </header>
      <div className="matrix-summary">
        {SUMMARY_ORDER.map((key) => (
          <div key={key} className={`summary-tile tone-${SUMMARY_TONES[key]}`}>
            <span className="summary-count">{matrix.totals[key]}</span>
            <span className="summary-label">{SUMMARY_LABELS[key]}</span>
          </div>
        ))}
      </div>
      {matrix.parties.length === 0 ? (
        <p className="empty-note">No negotiating parties yet: add them in the Parties panel.</p>
      ) : (
        <table className="matrix-table">
          <thead>
            <tr>
              <th scope="col" className="matrix-term-col">
                Term
              </th>
              {matrix.parties.map((p) => (
                <th
                  key={p.id}
                  scope="col"
                  className="matrix-party-col"
                  title={p.name}
                  style={{ "--party": p.colour } as CSSProperties}
                >
                  <span className="matrix-party">{p.shortName}</span>
                  <span className="matrix-party-name">{p.name}</span>
                </th>
              ))}
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.termId} data-summary={row.summary}>
                <th scope="row" className="matrix-term">
                  <span className="matrix-term-label">{row.label}</span>
                  <span className="matrix-term-category">
                    {row.category.valid
                      ? categoryLabel(row.category.value)
                      : `category ${invalidLabel(row.category.raw)}`}
                  </span>
                  <span className="matrix-term-text">{row.text}</span>
                </th>
                {matrix.parties.map((p) => {
                  const cell = row.cells[p.id];
                  if (!cell) return <td key={p.id} />;
                  const title = stanceCellTitle(p, cell, allParties);
                  const behalf =
                    cell.kind === "stance" && cell.by
                      ? onBehalfLabel(cell.by, p, allParties)
                      : null;
                  if (cell.kind === "invalid") {
                    return (
                      <td key={p.id} className="matrix-cell tone-invalid" title={title}>
                        <span className="cell-symbol">⚠</span>
                        <span className="cell-text">{invalidLabel(cell.raw)}</span>
                      </td>
                    );
                  }
                  return (
                    <td
                      key={p.id}
                      className={`matrix-cell tone-${STANCE_TONES[cell.stance]}`}
                      title={title}
                      data-stance={cell.stance}
                    >
                      <span className="cell-symbol" aria-hidden="true">
                        {STANCE_SYMBOLS[cell.stance]}
                      </span>
                      <span className="cell-text">{STANCE_SHORT[cell.stance]}</span>
                      {cell.condition && <span className="cell-condition">{cell.condition}</span>}
                      {behalf && <span className="cell-behalf">{behalf}</span>}
                    </td>
                  );
                })}
                <td className="matrix-summary-cell">
                  <span className={`chip tone-${SUMMARY_TONES[row.summary]}`}>
                    {SUMMARY_LABELS[row.summary]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
