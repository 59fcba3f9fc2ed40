/**
 * A comparison by provision: the summary line, who made the changes (by party), the options
 * dropped without a resolution (the "no option dropped" check), then each changed term with the
 * kinds of change and its word diff, the bracket changes, and the sequencing records field by
 * field.
 */
import type {
  BracketChange,
  Comparison,
  RecordChange,
  TermChange,
} from "@parley/shared/versions/comparison";
import { AuthorChips } from "./AuthorChips.js";
import {
  comparisonAuthors,
  fieldValueText,
  isEmptyComparison,
  OPTION_KIND_LABELS,
  type PartyLook,
  partyLabel,
  partyLook,
  RECORD_KIND_LABELS,
  stanceText,
  statusText,
  TERM_KIND_LABELS,
  termHeading,
} from "./comparisonView.js";
import { WordDiffView } from "./WordDiffView.js";

export function ComparisonView({ comparison }: { comparison: Comparison }) {
  const look = partyLook(comparison.parties);
  return (
    <div className="comparison">
      <p className="comparison-summary" role="status">
        {comparison.summary}
      </p>
      {!comparison.exact && (
        <p className="comparison-note">
          Some text was too long to compare word by word exactly; those changes are shown coarser.
        </p>
      )}
      <p className="comparison-authors">
        <AuthorChips actors={comparisonAuthors(comparison)} parties={look} />
      </p>
      {isEmptyComparison(comparison) && <p className="versions-empty">Nothing changed.</p>}
      {comparison.droppedOptions.length > 0 && (
        <section className="comparison-section dropped-options" aria-label="Dropped options">
          <h2>Options dropped without resolution</h2>
          <ul>
            {comparison.droppedOptions.map((d) => (
              <li key={`${d.bracketId}:${d.optionId}`} className="dropped-option">
                <span className="flag">Dropped</span> {d.termLabel ?? "A bracket"}: “{d.text}”
                {d.proposedBy && <> (proposed by {partyLabel(look.names, d.proposedBy)})</>}{" "}
                <AuthorChips actors={d.by} parties={look} verb="removed by" />
              </li>
            ))}
          </ul>
        </section>
      )}
      {comparison.terms.length > 0 && (
        <section className="comparison-section" aria-label="Terms">
          <h2>Terms</h2>
          {comparison.terms.map((term) => (
            <TermChangeView key={term.termId} change={term} look={look} />
          ))}
        </section>
      )}
      {comparison.brackets.length > 0 && (
        <section className="comparison-section" aria-label="Brackets">
          <h2>Brackets</h2>
          {comparison.brackets.map((bracket) => (
            <BracketChangeView key={bracket.bracketId} change={bracket} look={look} />
          ))}
        </section>
      )}
      {comparison.sequencing.length > 0 && (
        <section className="comparison-section" aria-label="Sequencing">
          <h2>Sequencing</h2>
          {comparison.sequencing.map((record) => (
            <RecordChangeView
              key={`${record.recordKind}:${record.id}`}
              change={record}
              look={look}
            />
          ))}
        </section>
      )}
    </div>
  );
}

function TermChangeView({ change, look }: { change: TermChange; look: PartyLook }) {
  return (
    <article
      className="change-card term-change"
      aria-label={termHeading(change)}
      data-term={change.termId}
      data-kinds={change.kinds.join(" ")}
    >
      <header className="change-head">
        <h3>{termHeading(change)}</h3>
        {change.kinds.map((kind) => (
          <span key={kind} className={`change-kind change-kind-${kind}`}>
            {TERM_KIND_LABELS[kind]}
          </span>
        ))}
        <AuthorChips actors={change.by} parties={look} />
      </header>
      <p className="change-text">
        {change.textDiff ? <WordDiffView diff={change.textDiff} /> : change.text}
      </p>
      <dl className="change-details">
        {change.category && (
          <>
            <dt>Category</dt>
            <dd>
              {change.category.from} → {change.category.to}
            </dd>
          </>
        )}
        {change.status && (
          <>
            <dt>Status</dt>
            <dd>
              {statusText(change.status.from)} → {statusText(change.status.to)}{" "}
              <AuthorChips actors={change.status.by} parties={look} />
            </dd>
          </>
        )}
        {change.stances.map((stance) => (
          <div key={stance.partyId} className="stance-change">
            <dt>Stance of {partyLabel(look.names, stance.partyId)}</dt>
            <dd>
              {stanceText(stance.from)} → {stanceText(stance.to)}{" "}
              <AuthorChips actors={stance.by} parties={look} />
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

function BracketChangeView({ change, look }: { change: BracketChange; look: PartyLook }) {
  return (
    <article className="change-card bracket-change" data-bracket={change.bracketId}>
      <header className="change-head">
        <h3>Bracket in {change.termLabel ?? "the text"}</h3>
        {change.kinds.map((kind) => (
          <span key={kind} className="change-kind">
            {kind === "optionsChanged" ? "options changed" : kind}
          </span>
        ))}
        <AuthorChips actors={change.by} parties={look} />
      </header>
      <ul className="option-changes">
        {change.options.map((option) => (
          <li key={option.optionId} className="option-change" data-kinds={option.kinds.join(" ")}>
            {option.kinds.map((kind) => (
              <span key={kind} className={`change-kind change-kind-option-${kind}`}>
                {OPTION_KIND_LABELS[kind]}
              </span>
            ))}{" "}
            “{option.textDiff ? <WordDiffView diff={option.textDiff} /> : option.text}”
            {option.proposedBy && <> (proposed by {partyLabel(look.names, option.proposedBy)})</>}{" "}
            <AuthorChips actors={option.by} parties={look} />
          </li>
        ))}
      </ul>
      {change.resolution && (
        <p className="bracket-resolution">
          Resolved with “{change.resolution.text}” by {change.resolution.by.name}
          {change.resolution.by.party && ` (${partyLabel(look.names, change.resolution.by.party)})`}
        </p>
      )}
    </article>
  );
}

function RecordChangeView({ change, look }: { change: RecordChange; look: PartyLook }) {
  return (
    <article className="change-card record-change" data-record={change.id}>
      <header className="change-head">
        <h3>
          {RECORD_KIND_LABELS[change.recordKind]}: {change.name}
        </h3>
        <span className={`change-kind change-kind-${change.kind}`}>{change.kind}</span>
        <AuthorChips actors={change.by} parties={look} />
      </header>
      {change.fields.length > 0 && (
        <table className="field-changes">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {change.fields.map((field) => (
              <tr key={field.field}>
                <th scope="row">{field.field}</th>
                <td>
                  <del>{fieldValueText(field.from)}</del>
                </td>
                <td>
                  <ins>{fieldValueText(field.to)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
