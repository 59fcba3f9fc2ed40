import { type FormEvent, useId, useState } from "react";
import { MAX_NAME_LENGTH, normalizeDisplayName } from "../../collab/identity.js";

interface NamePromptProps {
  title: string;
  intro: string;
  submitLabel: string;
  initialName?: string;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
}

/** The display-name form, shown as a modal dialog. */
export function NamePrompt(props: NamePromptProps) {
  const [value, setValue] = useState(props.initialName ?? "");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const titleId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = normalizeDisplayName(value);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    props.onSubmit(checked.name);
  }

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <form onSubmit={submit} noValidate>
          <h2 id={titleId}>{props.title}</h2>
          <p className="modal-intro">{props.intro}</p>
          <label className="field-label" htmlFor={inputId}>
            Your name
          </label>
          <input
            id={inputId}
            className="text-input"
            value={value}
            maxLength={MAX_NAME_LENGTH + 10}
            autoComplete="name"
            placeholder="e.g. Amira Haddad, Mediation team"
            // biome-ignore lint/a11y/noAutofocus: the dialog has a single field and exists to fill it
            autoFocus
            aria-invalid={error !== null}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(event) => {
              setValue(event.target.value);
              setError(null);
            }}
          />
          {error && (
            <p id={`${inputId}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
          <p className="field-hint">Kept on this device only. You can change it at any time.</p>
          <div className="modal-actions">
            {props.onCancel && (
              <button type="button" className="button button-quiet" onClick={props.onCancel}>
                Cancel
              </button>
            )}
            <button type="submit" className="button button-primary">
              {props.submitLabel}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
