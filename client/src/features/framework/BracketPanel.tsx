/**
 * The bracket(s) around the cursor: each option with its proposer, who supports or opposes it
 * (toggle per party), a button to resolve the bracket by choosing it, and a form to add an option.
 * Every change goes through the shared model's pure operations; a refused one shows why.
 */
import {
  addBracketOption,
  applyBracketResolution,
  type OptionPosition,
  setOptionPosition,
} from "@parley/shared/model/bracket";
import type { Party } from "@parley/shared/model/party";
import type { Result } from "@parley/shared/model/result";
import type { Transaction } from "@tiptap/pm/state";
import { useEditorState } from "@tiptap/react";
import { type FormEvent, useState } from "react";
import { type BracketSummary, bracketsAtSelection, bracketsKey } from "./bracketSelection.js";
import { useEditable, useFramework, useFrameworkSelector } from "./FrameworkContext.js";
import { partyNameOf } from "./presentation.js";

export function BracketPanel() {
  const { editor } = useFramework();
  const key = useEditorState({
    editor,
    selector: ({ editor: e }) => bracketsKey(bracketsAtSelection(e.state)),
  });
  const brackets: BracketSummary[] = JSON.parse(key);
  if (brackets.length === 0) return null;
  return (
    <section className="side-panel bracket-panel" aria-label="Bracket at the cursor">
      <h2 className="side-panel-title">Brackets here</h2>
      {brackets.map((b, index) => (
        <BracketCard key={b.bracketId ?? index} bracket={b} />
      ))}
    </section>
  );
}

function BracketCard({ bracket }: { bracket: BracketSummary }) {
  const { editor, framework, actor } = useFramework();
  const parties = useFrameworkSelector((s) => s.parties);
  const allParties = useFrameworkSelector((s) => s.allParties);
  const labels = useFrameworkSelector((s) => s.labels);
  const [error, setError] = useState<string | null>(null);
  const editable = useEditable();
  const where = bracket.termId ? (labels.get(bracket.termId) ?? "a term") : "the text";
  const dispatch = (result: Result<Transaction>) => {
    if (result.ok) {
      editor.view.dispatch(result.value);
      setError(null);
    } else setError(result.error.message);
  };
  const choose = (optionId: string) => {
    if (!bracket.bracketId) return;
    const result = applyBracketResolution(
      editor.view,
      framework,
      { bracketId: bracket.bracketId, optionId },
      { actor },
    );
    setError(result.ok ? null : result.error.message);
  };
  const position = (optionId: string, partyId: string, value: OptionPosition) =>
    dispatch(
      setOptionPosition(
        editor.state,
        { optionId, partyId, position: value },
        { parties: allParties },
      ),
    );

  return (
    <article
      className="bracket-card"
      aria-label={`${bracket.depth > 0 ? "Nested bracket" : "Bracket"} in ${where}`}
    >
      <p className="bracket-card-where">
        {bracket.depth > 0 ? "Nested bracket" : "Bracket"} in {where} · {bracket.options.length}{" "}
        options
      </p>
      <ol className="option-list">
        {bracket.options.map((option, index) => {
          const attrs = option.attrs;
          const proposer = attrs.proposedBy.valid
            ? partyNameOf(attrs.proposedBy.value, allParties)
            : attrs.proposedBy.message;
          const supporters = attrs.supportedBy.valid ? attrs.supportedBy.value : [];
          const opponents = attrs.opposedBy.valid ? attrs.opposedBy.value : [];
          return (
            <li
              key={option.optionId ?? index}
              className="option-item"
              aria-label={`Option ${index + 1}`}
            >
              <div className="option-head">
                <span className="option-number">Option {index + 1}</span>
                <span className="option-proposer">proposed by {proposer}</span>
              </div>
              <p className="option-text">{option.text === "" ? <em>(empty)</em> : option.text}</p>
              {(!attrs.supportedBy.valid || !attrs.opposedBy.valid) && (
                <p className="inline-error">
                  {[attrs.supportedBy, attrs.opposedBy]
                    .flatMap((a) => (a.valid ? [] : [a.message]))
                    .join("; ")}
                </p>
              )}
              <fieldset className="position-grid" aria-label={`Positions on option ${index + 1}`}>
                {parties.map((party) => (
                  <PositionToggle
                    key={party.id}
                    party={party}
                    supports={supporters.includes(party.id)}
                    opposes={opponents.includes(party.id)}
                    disabled={!editable || option.optionId === null}
                    onChange={(value) =>
                      option.optionId && position(option.optionId, party.id, value)
                    }
                  />
                ))}
              </fieldset>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={!editable || option.optionId === null || bracket.bracketId === null}
                onClick={() => option.optionId && choose(option.optionId)}
              >
                Choose option {index + 1}
              </button>
            </li>
          );
        })}
      </ol>
      {editable && bracket.bracketId && (
        <AddOptionForm
          parties={parties}
          onAdd={(text, proposedBy) =>
            bracket.bracketId
              ? addBracketOption(
                  editor.state,
                  { bracketId: bracket.bracketId, text, proposedBy },
                  { parties: allParties },
                )
              : null
          }
          onResult={dispatch}
        />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

function PositionToggle({
  party,
  supports,
  opposes,
  disabled,
  onChange,
}: {
  party: Party;
  supports: boolean;
  opposes: boolean;
  disabled: boolean;
  onChange: (value: OptionPosition) => void;
}) {
  return (
    <div className="position-row">
      <span className="party-dot" style={{ backgroundColor: party.colour }} aria-hidden="true" />
      <span className="position-party">{party.shortName}</span>
      <button
        type="button"
        className="position-button position-support"
        aria-pressed={supports}
        aria-label={`${party.shortName} supports`}
        disabled={disabled}
        onClick={() => onChange(supports ? "neutral" : "support")}
      >
        Supports
      </button>
      <button
        type="button"
        className="position-button position-oppose"
        aria-pressed={opposes}
        aria-label={`${party.shortName} opposes`}
        disabled={disabled}
        onClick={() => onChange(opposes ? "neutral" : "oppose")}
      >
        Opposes
      </button>
    </div>
  );
}

function AddOptionForm({
  parties,
  onAdd,
  onResult,
}: {
  parties: Party[];
  onAdd: (text: string, proposedBy: string | null) => Result<Transaction> | null;
  onResult: (result: Result<Transaction>) => void;
}) {
  const [text, setText] = useState("");
  const [proposer, setProposer] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = onAdd(text, proposer === "" ? null : proposer);
    if (!result) return;
    onResult(result);
    if (result.ok) setText("");
  };
  return (
    <form className="add-option" onSubmit={submit}>
      <input
        className="text-input"
        aria-label="Wording of the new option"
        placeholder="Another wording"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <select
        className="text-input"
        aria-label="Proposed by"
        value={proposer}
        onChange={(event) => setProposer(event.target.value)}
      >
        <option value="">no party</option>
        {parties.map((p) => (
          <option key={p.id} value={p.id}>
            {p.shortName}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small">
        Add option
      </button>
    </form>
  );
}
