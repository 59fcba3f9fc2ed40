/** "Versions" in the document bar: opens the list of saved versions (any role may read them). */
import { useRef, useState } from "react";
import { useHeldAccess } from "../access/useHeldAccess.js";
import { VersionsDialog } from "./VersionsDialog.js";
import "./versions.css";

export function VersionsButton({ frameworkId }: { frameworkId: string }) {
  const access = useHeldAccess(frameworkId);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  if (!access) return null;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet button-small"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Versions
      </button>
      {open && (
        <VersionsDialog
          frameworkId={frameworkId}
          role={access.role}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </>
  );
}
