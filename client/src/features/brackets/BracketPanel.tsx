/**
 * The bracket(s) around the cursor: each option with its proposer, who supports or opposes it
 * (toggle per party: only one's own party's, or any for a mediator), a button to resolve the
 * bracket by choosing it (after confirming; only when the person may: `mayResolveBracket`), and a
 * form to add an option. Every change goes through the shared model's pure operations; a refused
 * one shows why.
 */
import {
  type ActingAs,
  mayRecordPosition,
  mayResolveBracket,
  partiesWithoutSupport,
} from "@parley/shared/access/frameworkPolicy";
import {
  addBracketOption,
  applyBracketResolution,
  type OptionPosition,
} from "@parley/shared/model/bracket";
import { positionMarksMap } from "@parley/shared/model/maps";
import type { Party } from "@parley/shared/model/party";
import {
  type PositionMark,
  positionMarkKey,
  readPositionMarks,
  recordPosition,
} from "@parley/shared/model/positionMarks";
import type { Result } from "@parley/shared/model/result";
import type { Transaction } from "@tiptap/pm/state";
import { useEditorState } from "@tiptap/react";
import { type FormEvent, useEffect, useState } from "react";
import type * as Y from "yjs";
import { ConfirmDialog } from "../documents/ConfirmDialog.js";
import { useEditable, useFramework, useFrameworkSelector } from "../framework/FrameworkContext.js";
import { partyNameOf } from "../framework/presentation.js";
import { type BracketSummary, bracketsAtSelection, bracketsKey } from "./bracketSelection.js";

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

/** The marks of positions a mediator recorded on a party's behalf, kept up to date. */
function usePositionMarks(framework: Y.Doc): Map<string, PositionMark> {
  const [marks, setMarks] = useState(() => readPositionMarks(framework));
  useEffect(() => {
    const map = positionMarksMap(framework);
    const update = () => setMarks(readPositionMarks(framework));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [framework]);
  return marks;
}

/** The bracket as the policy reads it (options without a usable id count with what they hold). */
function policyView(bracket: BracketSummary) {
  return {
    options: bracket.options.map((o, index) => ({
      optionId: o.optionId ?? `#${index}`,
      proposedBy: o.attrs.proposedBy.valid ? o.attrs.proposedBy.value : null,
      supportedBy: o.attrs.supportedBy.valid ? o.attrs.supportedBy.value : [],
      opposedBy: o.attrs.opposedBy.valid ? o.attrs.opposedBy.value : [],
      nestedParties: o.nestedParties,
    })),
  };
}

function BracketCard({ bracket }: { bracket: BracketSummary }) {
  const { editor, framework, actor, role } = useFramework();
  // Unknown role (no confirmed token): offer everything and let the server decide.
  const acting: ActingAs | null = role === null ? null : { role, party: actor.party };
  const [confirming, setConfirming] = useState<{ optionId: string; index: number } | null>(null);
  const marks = usePositionMarks(framework);
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
    setConfirming(null);
  };
  const view = policyView(bracket);
  const shortNames = (ids: readonly string[]) =>
    ids.map((id) => allParties.find((p) => p.id === id)?.shortName ?? id).join(", ");
  const position = (optionId: string, partyId: string, value: OptionPosition) => {
    // A mediator recording another party's position leaves a visible mark.
    const onBehalf = role === "mediator" && actor.party !== partyId;
    const result = recordPosition(
      editor.view,
      framework,
      { optionId, partyId, position: value },
      { parties: allParties },
      { actor, onBehalf },
    );
    setError(result.ok ? null : result.error.message);
  };

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
          const resolvable =
            acting === null || mayResolveBracket(acting, view, option.optionId).allowed;
          const missing =
            acting === null ? [] : partiesWithoutSupport(view, option.optionId, acting.party);
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
                    byMediator={
                      option.optionId !== null &&
                      (supporters.includes(party.id) || opponents.includes(party.id)) &&
                      marks.has(positionMarkKey(option.optionId, party.id))
                    }
                    disabled={
                      !editable ||
                      option.optionId === null ||
                      (acting !== null && !mayRecordPosition(acting, party.id))
                    }
                    onChange={(value) =>
                      option.optionId && position(option.optionId, party.id, value)
                    }
                  />
                ))}
              </fieldset>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={
                  !editable || option.optionId === null || bracket.bracketId === null || !resolvable
                }
                onClick={() =>
                  option.optionId && setConfirming({ optionId: option.optionId, index })
                }
              >
                Choose option {index + 1}
              </button>
              {editable && !resolvable && missing.length > 0 && (
                <p className="option-contested">
                  Contested: {shortNames(missing)} {missing.length === 1 ? "does" : "do"} not
                  support this option. A mediator resolves it, or every party on the bracket
                  supports it.
                </p>
              )}
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
      {confirming && (
        <ConfirmDialog
          title={`Resolve the bracket with option ${confirming.index + 1}?`}
          confirmLabel={`Resolve with option ${confirming.index + 1}`}
          onConfirm={() => choose(confirming.optionId)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            “{bracket.options[confirming.index]?.text ?? ""}” replaces the bracket in {where}. The
            other wording is dropped from the text:
          </p>
          <ul className="reference-list">
            {bracket.options
              .filter((_, i) => i !== confirming.index)
              .map((o, i) => (
                <li key={o.optionId ?? i}>{o.text === "" ? "(empty)" : `“${o.text}”`}</li>
              ))}
          </ul>
          <p>
            The resolution, who made it and the dropped text stay on record, and the bracket can be
            reopened from Progress → Resolved brackets.
          </p>
        </ConfirmDialog>
      )}
    </article>
  );
}

function PositionToggle({
  party,
  supports,
  opposes,
  byMediator,
  disabled,
  onChange,
}: {
  party: Party;
  supports: boolean;
  opposes: boolean;
  byMediator: boolean;
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
      {byMediator && (
        <span className="position-behalf">recorded by the mediator for {party.shortName}</span>
      )}
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
