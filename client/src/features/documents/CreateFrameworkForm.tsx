import { LIMITS } from "@parley/shared/protocol";
import { type FormEvent, useState } from "react";
import { messageOf } from "./useFrameworkList.js";

export type FrameworkTemplate = "blank" | "phased-reciprocal";

/** "New framework": a title and a starting point (blank or a template), then into the editor. */
export function CreateFrameworkForm({
  onCreate,
}: {
  onCreate: (title: string, template: FrameworkTemplate) => Promise<void>;
}) {
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<FrameworkTemplate>("blank");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      setError("Give the framework a working title, e.g. “Sequencing non-paper”.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onCreate(trimmed, template);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <form className="create-form" onSubmit={submit} noValidate>
      <label htmlFor="new-framework-title" className="field-label">
        New framework
      </label>
      <div className="create-row">
        <input
          id="new-framework-title"
          className="text-input"
          placeholder="Working title, e.g. Framework on sequencing and verification"
          value={title}
          maxLength={LIMITS.maxTitleLength}
          aria-invalid={error !== null}
          onChange={(event) => {
            setTitle(event.target.value);
            setError(null);
          }}
        />
        <select
          className="text-input template-select"
          aria-label="Start from"
          value={template}
          onChange={(event) => setTemplate(event.target.value as FrameworkTemplate)}
        >
          <option value="blank">Blank framework</option>
          <option value="phased-reciprocal">Phased reciprocal framework</option>
        </select>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create"}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
