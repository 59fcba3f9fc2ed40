import { useState } from "react";
import { Link, Outlet, useMatch } from "react-router";
import { identityInFramework, initialsOf } from "../collab/identity.js";
import { useHeldAccess } from "../features/access/useHeldAccess.js";
import { useIdentity } from "../features/name-prompt/IdentityContext.js";
import { NamePrompt } from "../features/name-prompt/NamePrompt.js";

/** The frame around every page: the brand, and who I am (click to change the name). */
export function AppShell() {
  const { identity: device, rename } = useIdentity();
  const [editingName, setEditingName] = useState(false);
  // In a framework, I am who my token says: its name (fixed by the invite, or chosen when I
  // joined) and my member's colour, as everyone else sees me there.
  const frameworkId = useMatch("/f/:id")?.params.id ?? "";
  const access = useHeldAccess(frameworkId);
  const identity = identityInFramework(device, access);
  const fixedName = access?.name ?? null;
  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand" aria-label="Parley — all frameworks">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <span className="brand-name">Parley</span>
        </Link>
        <button
          type="button"
          className="me-chip"
          onClick={() => {
            if (fixedName === null) setEditingName(true);
          }}
          aria-disabled={fixedName !== null}
          title={
            fixedName === null
              ? "Change the name others see"
              : "Your name in this framework is fixed by your invite"
          }
        >
          <span className="avatar" style={{ backgroundColor: identity.colour }} aria-hidden="true">
            {initialsOf(identity.name)}
          </span>
          <span className="me-name">{identity.name}</span>
        </button>
      </header>
      <Outlet />
      {editingName && (
        <NamePrompt
          title="Change your name"
          intro="This is the name the others see next to your cursor and in the list of people."
          submitLabel="Save name"
          initialName={device.name}
          onSubmit={(name) => {
            rename(name);
            setEditingName(false);
          }}
          onCancel={() => setEditingName(false)}
        />
      )}
    </div>
  );
}
