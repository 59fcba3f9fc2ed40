/** Form building blocks shared by the sequencing forms: labelled fields, id checklists, times, bodies. */
import type { BodyRef } from "@parley/shared/sequencing/index";
import { type FormEvent, type ReactNode, useId } from "react";
import type { TimeFieldValue } from "./stepFormModel.js";
import { toggleId } from "./stepFormModel.js";

export interface Choice {
  id: string;
  label: string;
}

export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="seq-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}

export function SelectField({
  label,
  value,
  choices,
  empty,
  onChange,
  disabled,
}: {
  label: string;
  value: string;
  choices: readonly Choice[];
  /** Label of the "none" option; omit to require a choice. */
  empty?: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const known = value === "" || choices.some((c) => c.id === value);
  return (
    <Field label={label}>
      {(id) => (
        <select
          id={id}
          className="text-input"
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        >
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {empty === undefined && value === "" ? (
            <option value="" disabled>
              Choose…
            </option>
          ) : null}
          {!known && <option value={value}>unknown “{value}”</option>}
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TextField({
  label,
  value,
  onChange,
  multiline,
  placeholder,
  hint,
  list,
  type = "text",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  placeholder?: string;
  hint?: string;
  list?: string;
  type?: "text" | "date";
}) {
  return (
    <Field label={label} hint={hint}>
      {(id) =>
        multiline ? (
          <textarea
            id={id}
            className="text-input seq-textarea"
            value={value}
            placeholder={placeholder}
            rows={3}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            id={id}
            type={type}
            className="text-input"
            value={value}
            placeholder={placeholder}
            list={list}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

/** A list of checkboxes over ids ("Waits for steps"). */
export function IdChecklist({
  legend,
  choices,
  selected,
  onChange,
  emptyText,
}: {
  legend: string;
  choices: readonly Choice[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  emptyText: string;
}) {
  const unknown = selected.filter((id) => !choices.some((c) => c.id === id));
  return (
    <fieldset className="seq-fieldset">
      <legend className="field-label">{legend}</legend>
      {choices.length === 0 && unknown.length === 0 ? (
        <p className="field-hint">{emptyText}</p>
      ) : (
        <div className="seq-checklist">
          {[...choices, ...unknown.map((id) => ({ id, label: `deleted “${id}”` }))].map((c) => (
            <label key={c.id} className="seq-check">
              <input
                type="checkbox"
                checked={selected.includes(c.id)}
                onChange={(e) => onChange(toggleId(selected, c.id, e.target.checked))}
              />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** "Milestone + days" ("Implementation Day + 30 days"). */
export function TimeField({
  label,
  value,
  milestones,
  onChange,
}: {
  label: string;
  value: TimeFieldValue;
  milestones: readonly Choice[];
  onChange: (value: TimeFieldValue) => void;
}) {
  const id = useId();
  return (
    <fieldset className="seq-fieldset seq-time">
      <legend className="field-label">{label}</legend>
      <div className="seq-inline">
        <select
          className="text-input"
          aria-label={`${label}: milestone`}
          value={value.milestoneId}
          onChange={(e) => onChange({ ...value, milestoneId: e.target.value })}
        >
          <option value="">not set</option>
          {milestones.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <span className="seq-plus" aria-hidden="true">
          +
        </span>
        <input
          id={id}
          className="text-input seq-days"
          aria-label={`${label}: days after the milestone`}
          inputMode="numeric"
          value={value.offsetDays}
          disabled={value.milestoneId === ""}
          onChange={(e) => onChange({ ...value, offsetDays: e.target.value })}
        />
        <span className="seq-days-unit">days</span>
      </div>
    </fieldset>
  );
}

/** A party of the framework, or a body named in words ("IAEA"). */
export function BodyField({
  label,
  value,
  parties,
  onChange,
}: {
  label: string;
  value: BodyRef | null;
  parties: readonly Choice[];
  onChange: (value: BodyRef | null) => void;
}) {
  const selectValue = value === null ? "" : value.kind === "party" ? value.partyId : "__named";
  return (
    <fieldset className="seq-fieldset">
      <legend className="field-label">{label}</legend>
      <div className="seq-inline">
        <select
          className="text-input"
          aria-label={`${label}: party or named body`}
          value={selectValue}
          onChange={(e) => {
            const v = e.target.value;
            if (v === "") onChange(null);
            else if (v === "__named") onChange({ kind: "named", name: "" });
            else onChange({ kind: "party", partyId: v });
          }}
        >
          <option value="">Choose…</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="__named">Another body (name it)…</option>
        </select>
        {value?.kind === "named" && (
          <input
            className="text-input"
            aria-label={`${label}: name`}
            placeholder="e.g. IAEA"
            value={value.name}
            onChange={(e) => onChange({ kind: "named", name: e.target.value })}
          />
        )}
      </div>
    </fieldset>
  );
}

/** The frame of every record form: title, fields, the refusal message, and the actions. */
export function FormShell({
  title,
  error,
  onSubmit,
  onCancel,
  onRemove,
  submitLabel,
  extraActions,
  children,
}: {
  title: string;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  onRemove?: () => void;
  submitLabel: string;
  extraActions?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="seq-form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <div className="seq-form-head">
        <h3 id={titleId}>{title}</h3>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
          Close
        </button>
      </div>
      <div className="seq-form-body">{children}</div>
      {error && (
        <p className="seq-refusal" role="alert">
          {error}
        </p>
      )}
      <div className="seq-form-actions">
        {onRemove && (
          <button
            type="button"
            className="button button-quiet button-danger-quiet button-small"
            onClick={onRemove}
          >
            Remove
          </button>
        )}
        <span className="seq-spacer" />
        {extraActions}
        <button type="submit" className="button button-primary button-small">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
