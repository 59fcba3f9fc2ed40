/**
 * The document bar's actions (share, role, export, …). On a wide screen they sit in the bar; on a
 * narrow one (CSS: `max-width: 1100px`) they fold behind a Menu button and open as a list under
 * it, so the title, the connection state and the people stay readable.
 */
import "./header.css";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";

export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);

  // A click outside or Escape closes it; a dialog opened from it stays open.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target;
      if (!(target instanceof Node) || ref.current?.contains(target)) return;
      if (target instanceof Element && target.closest("[role='dialog'], .modal-backdrop")) return;
      setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="header-menu" ref={ref} data-open={open ? "true" : "false"}>
      <button
        type="button"
        className="button button-small header-menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <div className="header-menu-items" id={id}>
        {children}
      </div>
    </div>
  );
}
