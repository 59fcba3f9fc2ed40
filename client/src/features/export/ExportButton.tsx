/**
 * "Export" in the framework's document bar (and Mod+Shift+E): opens the export dialog. Offered to
 * every role that may read the framework (observer and up) once a token for it is held.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { type HeldToken, heldToken, onTokensChanged } from "../../collab/tokens.js";
import { ExportDialog } from "./ExportDialog.js";
import { isApplePlatform, isExportShortcut, mayExport, shortcutLabel } from "./exportAccess.js";
import "./export.css";

function useHeldToken(frameworkId: string): HeldToken | null {
  const snapshot = useSyncExternalStore(onTokensChanged, () =>
    JSON.stringify(heldToken(frameworkId)),
  );
  return JSON.parse(snapshot) as HeldToken | null;
}

export function ExportButton({ frameworkId }: { frameworkId: string }) {
  const held = useHeldToken(frameworkId);
  const allowed = mayExport(held);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const apple = isApplePlatform(navigator.platform);
  const shortcut = shortcutLabel(apple);

  useEffect(() => {
    if (!allowed) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isExportShortcut(event, apple)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [allowed, apple]);

  if (!allowed) return null;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet button-small"
        title={`Export as DOCX, PDF, HTML or Markdown (${shortcut.text})`}
        aria-keyshortcuts={shortcut.aria}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Export
      </button>
      {open && (
        <ExportDialog
          frameworkId={frameworkId}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </>
  );
}
