/** Looks a framework up over REST before opening it: found, not found, or server unreachable. */
import type { FrameworkSummary } from "@parley/shared/api";
import { useEffect, useRef, useState } from "react";
import { ApiRequestError, getFramework, personalizeToken } from "../api/frameworks.js";
import { readRecentFrameworks, rememberFramework } from "../collab/recentFrameworks.js";

export type FrameworkMeta =
  | { kind: "loading" }
  | { kind: "found"; framework: FrameworkSummary }
  | { kind: "not-found" }
  /** The server could not be reached: open from this device's copy, with the last known title. */
  | { kind: "unreachable"; title: string | null }
  /** `code`: the API error code (e.g. `token_revoked`), when the server answered one. */
  | { kind: "error"; message: string; code?: string | null };

/** `name`: the display name to join with when the held token is an invite link's (exchanged first). */
export function useFrameworkMeta(id: string, name: string): FrameworkMeta {
  const [meta, setMeta] = useState<FrameworkMeta>({ kind: "loading" });
  // Read when the framework is opened; a later rename does not open it again.
  const nameRef = useRef(name);
  nameRef.current = name;
  useEffect(() => {
    let current = true;
    setMeta({ kind: "loading" });
    personalizeToken(id, nameRef.current)
      .then(() => getFramework(id))
      .then(
        (framework) => {
          if (!current) return;
          rememberFramework(framework);
          setMeta({ kind: "found", framework });
        },
        (error: unknown) => {
          if (!current) return;
          if (error instanceof ApiRequestError && error.code === "not_found") {
            setMeta({ kind: "not-found" });
          } else if (
            error instanceof ApiRequestError &&
            (error.code === "unreachable" || (error.status !== null && error.status >= 500))
          ) {
            const recent = readRecentFrameworks().find((r) => r.id === id);
            setMeta({ kind: "unreachable", title: recent?.title ?? null });
          } else {
            setMeta({
              kind: "error",
              message:
                error instanceof Error ? error.message : "The framework could not be opened.",
              code: error instanceof ApiRequestError ? error.code : null,
            });
          }
        },
      );
    return () => {
      current = false;
    };
  }, [id]);
  return meta;
}
