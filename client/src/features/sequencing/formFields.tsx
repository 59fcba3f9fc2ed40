/** Form building blocks shared by the sequencing forms: labelled fields, id checklists, times, bodies. */
import { type BodyRef, describeSpan } from "@parley/shared/sequencing/index";
import { type FormEvent, type ReactNode, useId } from "react";
import { SPAN_UNITS, type SpanValue, type TimeFieldValue } from "./spanFormModel.js";
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

/** An amount and its unit ("10 years", "90 days"); a stored span of several units is shown as a hint. */
export function SpanField({
  label,
  value,
  onChange,
  disabled,
  legend = true,
}: {
  label: string;
  value: SpanValue;
  onChange: (value: SpanValue) => void;
  disabled?: boolean;
  /** Show the label as a legend (false: inside another group, labelled controls only). */
  legend?: boolean;
}) {
  const controls = (
    <>
      <input
        className="text-input seq-days"
        aria-label={`${label}: amount`}
        inputMode="numeric"
        value={value.amount}
        placeholder={value.kept ? describeSpan(value.kept) : undefined}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, amount: e.target.value })}
      />
      <select
        className="text-input seq-unit"
        aria-label={`${label}: unit`}
        value={value.unit}
        disabled={disabled}
        onChange={(e) => {
          const unit = SPAN_UNITS.find((u) => u === e.target.value) ?? "days";
          onChange({ ...value, unit });
        }}
      >
        {SPAN_UNITS.map((u) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </select>
    </>
  );
  if (!legend) return controls;
  return (
    <fieldset className="seq-fieldset">
      <legend className="field-label">{label}</legend>
      <div className="seq-inline">{controls}</div>
    </fieldset>
  );
}

/** "Implementation Day + 30 days", "30 days before Transition Day", "Adoption Day + 10 years". */
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
  const unset = value.milestoneId === "";
  return (
    <fieldset className="seq-fieldset seq-time">
      <legend className="field-label">{label}</legend>
      <div className="seq-inline seq-wrap">
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
        <select
          className="text-input seq-direction"
          aria-label={`${label}: after or before the milestone`}
          value={value.before ? "before" : "after"}
          disabled={unset}
          onChange={(e) => onChange({ ...value, before: e.target.value === "before" })}
        >
          <option value="after">+ (after)</option>
          <option value="before">− (before)</option>
        </select>
        <SpanField
          label={label}
          value={value.span}
          legend={false}
          disabled={unset}
          onChange={(span) => onChange({ ...value, span })}
        />
      </div>
    </fieldset>
  );
}

/** A party of the framework, a body of the sequencing (joint commission, agency…), or a body named in words ("IAEA"). */
export function BodyField({
  label,
  value,
  parties,
  bodies = [],
  onChange,
}: {
  label: string;
  value: BodyRef | null;
  parties: readonly Choice[];
  bodies?: readonly Choice[];
  onChange: (value: BodyRef | null) => void;
}) {
  const selectValue =
    value === null
      ? ""
      : value.kind === "named"
        ? "__named"
        : value.kind === "body"
          ? `body:${value.bodyId}`
          : value.partyId;
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
            else if (v.startsWith("body:")) onChange({ kind: "body", bodyId: v.slice(5) });
            else onChange({ kind: "party", partyId: v });
          }}
        >
          <option value="">Choose…</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          {bodies.map((b) => (
            <option key={b.id} value={`body:${b.id}`}>
              {b.label}
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
