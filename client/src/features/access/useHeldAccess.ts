/** React access to the token held for a framework and what it grants (null until checked). */
import type { AccessInfo } from "@parley/shared/api";
import { useSyncExternalStore } from "react";
import { heldToken, onTokensChanged } from "../../collab/tokens.js";

export function useHeldAccess(frameworkId: string): AccessInfo | null {
  const snapshot = useSyncExternalStore(onTokensChanged, () =>
    JSON.stringify(heldToken(frameworkId)?.access ?? null),
  );
  return JSON.parse(snapshot) as AccessInfo | null;
}
