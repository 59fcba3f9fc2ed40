import { useState } from "react";
import { Link, Outlet } from "react-router";
import { initialsOf } from "../collab/identity.js";
import { useIdentity } from "../features/name-prompt/IdentityContext.js";
import { NamePrompt } from "../features/name-prompt/NamePrompt.js";

/** The frame around every page: the brand, and who I am (click to change the name). */
export function AppShell() {
  const { identity, rename } = useIdentity();
  const [editingName, setEditingName] = useState(false);
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
          onClick={() => setEditingName(true)}
          title="Change the name others see"
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
          initialName={identity.name}
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
