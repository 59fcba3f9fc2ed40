import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { Identity } from "../../collab/identity.js";
import { loadIdentity, saveIdentity } from "./identityStore.js";
import { NamePrompt } from "./NamePrompt.js";

interface IdentityContextValue {
  identity: Identity;
  rename: (name: string) => void;
}

const IdentityContext = createContext<IdentityContextValue | null>(null);

/** Asks for a display name on the first visit; everything inside can rely on an identity. */
export function IdentityProvider({ children }: { children: ReactNode }) {
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity());
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
