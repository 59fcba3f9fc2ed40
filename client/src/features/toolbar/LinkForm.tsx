import type { Editor } from "@tiptap/core";
import { type FormEvent, useState } from "react";
import { normalizeLinkHref } from "./linkHref.js";

/** The link field under the toolbar: add, change or remove the link at the selection. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const existing = editor.getAttributes("link").href;
  const [value, setValue] = useState(typeof existing === "string" ? existing : "");
  const [error, setError] = useState<string | null>(null);

  function apply(event: FormEvent) {
    event.preventDefault();
    const checked = normalizeLinkHref(value);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      editor
        .chain()
        .focus()
        .insertContent({
          type: "text",
          text: checked.href.replace(/^mailto:/, ""),
          marks: [{ type: "link", attrs: { href: checked.href } }],
        })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href: checked.href }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  }

  return (
    <form
      className="link-form"
      onSubmit={apply}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          editor.commands.focus();
          onClose();
        }
      }}
      noValidate
    >
      <label htmlFor="link-href" className="link-form-label">
        Link address
      </label>
      <input
        id="link-href"
        className="text-input"
        value={value}
        placeholder="https://…"
        // biome-ignore lint/a11y/noAutofocus: the form opens on request (button or Ctrl+K) to type an address
        autoFocus
        aria-invalid={error !== null}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="button button-primary button-small">
        Apply
      </button>
      {typeof existing === "string" && (
        <button type="button" className="button button-quiet button-small" onClick={remove}>
          Remove link
        </button>
      )}
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => {
          editor.commands.focus();
          onClose();
        }}
      >
        Cancel
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
