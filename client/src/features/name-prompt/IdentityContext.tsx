import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { type Identity, MAX_NAME_LENGTH, normalizeDisplayName } from "../../collab/identity.js";
import { nameFixedFor } from "../../collab/tokens.js";
import { loadIdentity, saveIdentity } from "./identityStore.js";
import { NamePrompt } from "./NamePrompt.js";

interface IdentityContextValue {
  identity: Identity;
  rename: (name: string) => void;
}

const IdentityContext = createContext<IdentityContextValue | null>(null);

/**
 * The name this device goes by: the invite's when a first visit comes through an invite link that
 * fixes a name (nobody is asked for a name the mediator already fixed), else asked for once.
 */
function firstIdentity(): Identity | null {
  const saved = loadIdentity();
  if (saved) return saved;
  const fixed = normalizeDisplayName(
    (nameFixedFor(window.location.href) ?? "").slice(0, MAX_NAME_LENGTH),
  );
  return fixed.ok ? saveIdentity(fixed.name, null) : null;
}

/** Asks for a display name on the first visit; everything inside can rely on an identity. */
export function IdentityProvider({ children }: { children: ReactNode }) {
  const [identity, setIdentity] = useState<Identity | null>(firstIdentity);
  const rename = useCallback((name: string) => {
    setIdentity((previous) => saveIdentity(name, previous));
  }, []);
  const value = useMemo(() => (identity ? { identity, rename } : null), [identity, rename]);
  if (!value) {
    return (
      <NamePrompt
        title="Welcome to Parley"
        intro="Before you start: which name should the others see next to your cursor and in the list of people in a document?"
        submitLabel="Continue"
        onSubmit={rename}
      />
    );
  }
  return <IdentityContext.Provider value={value}>{children}</IdentityContext.Provider>;
}

export function useIdentity(): IdentityContextValue {
  const value = useContext(IdentityContext);
  if (!value) throw new Error("useIdentity must be used inside <IdentityProvider>");
  return value;
}
