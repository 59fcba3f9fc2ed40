/**
 * The parties of the framework: add, edit, remove. Removing a party that stances or bracket
 * options still refer to asks first and lists what refers to it. Every write goes through the
 * shared model, which refuses invalid values with a message shown here.
 */

import { mayManageParties } from "@parley/shared/access/frameworkPolicy";
import {
  addParty,
  PARTY_KINDS,
  PARTY_ROLES,
  type Party,
  type PartyInput,
  type PartyReference,
  removeParty,
  updateParty,
} from "@parley/shared/model/party";
import { findPartyReferences } from "@parley/shared/model/partyReferences";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "../documents/ConfirmDialog.js";
import { useEditable, useFramework, useFrameworkSelector } from "../framework/FrameworkContext.js";
import { PopoverFormEnd } from "../framework/PopoverFormEnd.js";
import { describeReferences } from "./referenceText.js";

const KIND_LABELS: Record<PartyInput["kind"], string> = {
  state: "State",
  organisation: "Organisation",
  bloc: "Bloc",
};

const ROLE_LABELS: Record<PartyInput["role"], string> = {
  party: "Party",
  mediator: "Mediator",
  guarantor: "Guarantor",
  verifier: "Verifier",
  observer: "Observer",
};

export function PartiesPanel() {
  const { framework, discussion, role, actor } = useFramework();
  const parties = useFrameworkSelector((s) => s.parties);
  const stored = useFrameworkSelector((s) => s.storedParties);
  const labels = useFrameworkSelector((s) => s.labels);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ party: Party; refs: PartyReference[] } | null>(null);
  // The text only while the removal dialog lists references: not a re-render per edit otherwise
  const json = useFrameworkSelector((s) => (removing ? s.json : null));
  const [error, setError] = useState<string | null>(null);
  // Parties are the mediators' to manage (the server refuses anyone else's change); unknown role
  // (no confirmed token): offer it and let the server decide.
  const editable =
    useEditable() && (role === null || mayManageParties({ role, party: actor.party }));
  const invalid = stored.filter((s) => !s.party.valid);

  const remove = (party: Party, confirmed: boolean) => {
    const refs = findPartyReferences(framework, discussion, party.id);
    const result = removeParty(framework, party.id, { references: refs, confirmed });
    if (result.ok) {
      setRemoving(null);
      setError(null);
    } else if (result.error.code === "partyReferenced") setRemoving({ party, refs });
    else setError(result.error.message);
  };

  return (
    <section className="side-panel parties-panel" aria-label="Parties">
      <div className="side-panel-head">
        <h2 className="side-panel-title">Parties</h2>
        {editable && !adding && (
          <button type="button" className="button button-small" onClick={() => setAdding(true)}>
            Add party
          </button>
        )}
      </div>
      {parties.length === 0 && !adding && <p className="empty-note">No parties yet.</p>}
      <ul className="party-list">
        {parties.map((party) =>
          editing === party.id ? (
            <li key={party.id}>
              <PartyForm
                initial={party}
                submitLabel="Save"
                onSubmit={(input) => updateParty(framework, party.id, input)}
                onDone={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={party.id} className="party-item" aria-label={party.name}>
              <span
                className="party-swatch"
                style={{ backgroundColor: party.colour }}
                aria-hidden="true"
              >
                {party.shortName}
              </span>
              <span className="party-text">
                <span className="party-name">{party.name}</span>
                <span className="party-meta">
                  {ROLE_LABELS[party.role]} · {KIND_LABELS[party.kind]}
                </span>
              </span>
              {editable && (
                <span className="party-actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Edit ${party.name}`}
                    onClick={() => setEditing(party.id)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="link-button link-danger"
                    aria-label={`Remove ${party.name}`}
                    onClick={() => remove(party, false)}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          ),
        )}
        {invalid.map((s) => (
          <li key={s.id} className="party-item party-invalid">
            <span className="party-swatch" aria-hidden="true">
              ?
            </span>
            <span className="party-text">
              <span className="party-name">{s.id}</span>
              <span className="party-meta">{s.party.valid ? "" : s.party.message}</span>
            </span>
          </li>
        ))}
      </ul>
      {adding && (
        <PartyForm
          submitLabel="Add party"
          onSubmit={(input) => addParty(framework, input)}
          onDone={() => setAdding(false)}
        />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.party.name}?`}
          confirmLabel="Remove party"
          onConfirm={() => remove(removing.party, true)}
          onCancel={() => setRemoving(null)}
        >
          <p>
            {removing.party.name} is still referred to. Its stances and positions stay on record
            under its name, but it can no longer take new ones:
          </p>
          <ul className="reference-list">
            {describeReferences(removing.refs, json ?? { type: "doc" }, labels).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </section>
  );
}

const BLANK: PartyInput = {
  name: "",
  shortName: "",
  colour: "#1f6feb",
  kind: "state",
  role: "party",
};

interface FormProps {
  initial?: PartyInput;
  submitLabel: string;
  onSubmit: (input: PartyInput) => { ok: true } | { ok: false; error: { message: string } };
  onDone: () => void;
}

function PartyForm({ initial, submitLabel, onSubmit, onDone }: FormProps) {
  const [input, setInput] = useState<PartyInput>(() => ({ ...BLANK, ...initial }));
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof PartyInput>(key: K, value: PartyInput[K]) => {
    setInput((current) => ({ ...current, [key]: value }));
    setError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = onSubmit(input);
    if (result.ok) onDone();
    else setError(result.error.message);
  };
  return (
    <form className="party-form" aria-label={submitLabel} onSubmit={submit} noValidate>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          className="text-input"
          value={input.name}
          onChange={(e) => set("name", e.target.value)}
        />
      </label>
      <div className="party-form-row">
        <label className="field">
          <span className="field-label">Short name</span>
          <input
            className="text-input"
            value={input.shortName}
            onChange={(e) => set("shortName", e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Colour</span>
          <span className="colour-field">
            <input
              type="color"
              aria-label="Colour picker"
              value={/^#[0-9a-fA-F]{6}$/.test(input.colour) ? input.colour : "#000000"}
              onChange={(e) => set("colour", e.target.value)}
            />
            <input
              className="text-input"
              aria-label="Colour (#rrggbb)"
              value={input.colour}
              onChange={(e) => set("colour", e.target.value)}
            />
          </span>
        </label>
      </div>
      <div className="party-form-row">
        <ChoiceField
          label="Kind"
          value={input.kind}
          choices={PARTY_KINDS}
          labels={KIND_LABELS}
          onChange={(kind) => set("kind", kind)}
        />
        <ChoiceField
          label="Role"
          value={input.role}
          choices={PARTY_ROLES}
          labels={ROLE_LABELS}
          onChange={(role) => set("role", role)}
        />
      </div>
      <PopoverFormEnd error={error} onCancel={onDone} submitLabel={submitLabel} />
    </form>
  );
}

/** A labelled select over a fixed list of values (a party's kind, its role). */
function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  choices: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T) => void;
}) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <select
        className="text-input"
        value={props.value}
        onChange={(e) => {
          const chosen = props.choices.find((c) => c === e.target.value);
          if (chosen !== undefined) props.onChange(chosen);
        }}
      >
        {props.choices.map((c) => (
          <option key={c} value={c}>
            {props.labels[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
