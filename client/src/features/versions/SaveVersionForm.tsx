/** "Save version": a name (required) and an optional note, for drafters and mediators. */
import { type FormEvent, useId, useState } from "react";
import { MAX_VERSION_NAME, MAX_VERSION_NOTE, versionInputError } from "./versionRows.js";
import { saveVersion } from "./versionsApi.js";
import type { VersionSummary } from "./versionWire.js";

export function SaveVersionForm({
  frameworkId,
  onSaved,
}: {
  frameworkId: string;
  onSaved: (version: VersionSummary) => void;
}) {
  const nameId = useId();
  const noteId = useId();
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const problem = versionInputError(name, note);
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      const saved = await saveVersion(frameworkId, { name: name.trim(), note: note.trim() });
      setName("");
      setNote("");
      onSaved(saved);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The version could not be saved.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="save-version" aria-label="Save version" onSubmit={(e) => void submit(e)}>
      <label className="field-label" htmlFor={nameId}>
        Version name
      </label>
      <input
        id={nameId}
        className="text-input"
        value={name}
        maxLength={MAX_VERSION_NAME}
        placeholder="Rev. 2 — after the Doha round"
        aria-invalid={error !== null}
        onChange={(e) => setName(e.target.value)}
      />
      <label className="field-label" htmlFor={noteId}>
        Note (optional)
      </label>
      <textarea
        id={noteId}
        className="text-input"
        rows={2}
        value={note}
        maxLength={MAX_VERSION_NOTE}
        onChange={(e) => setNote(e.target.value)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? "Saving…" : "Save version"}
      </button>
    </form>
  );
}
