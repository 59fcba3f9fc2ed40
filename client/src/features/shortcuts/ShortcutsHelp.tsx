/**
 * The shortcuts help: Ctrl+/ (Cmd+/ on a Mac) opens a dialog listing every shortcut; Escape or
 * the button closes it. Mounted once in the open framework.
 */
import "./shortcuts.css";
import { useEffect, useId, useRef, useState } from "react";
import { EDITOR_SHORTCUTS, isMac, keyLabel, SHORTCUTS, type Shortcut } from "./shortcutList.js";

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === "/") {
        event.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
  return open ? <ShortcutsDialog onClose={() => setOpen(false)} /> : null;
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const mac = isMac();
  useEffect(() => {
    const previous = document.activeElement;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, [onClose]);
  const rows = (list: readonly Shortcut[]) =>
    list.map((s) => (
      <tr key={s.key}>
        <td>
          <kbd>{keyLabel(s.key, mac)}</kbd>
        </td>
        <td>{s.action}</td>
      </tr>
    ));
  return (
    <div className="modal-backdrop">
      <div
        className="modal shortcuts-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <table className="shortcuts-table">
          <caption className="visually-hidden">Parley's shortcuts</caption>
          <tbody>{rows(Object.values(SHORTCUTS))}</tbody>
        </table>
        <h3 className="shortcuts-subtitle">Editing</h3>
        <table className="shortcuts-table">
          <caption className="visually-hidden">Editing shortcuts</caption>
          <tbody>{rows(EDITOR_SHORTCUTS)}</tbody>
        </table>
        <div className="modal-actions">
          <button ref={closeRef} type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
