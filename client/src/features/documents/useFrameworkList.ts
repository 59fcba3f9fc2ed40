/** The document list's data: load, create, rename, delete, with errors a person can read. */
import type { FrameworkSummary } from "@parley/shared/api";
import { useCallback, useEffect, useState } from "react";
import { clearDocument } from "y-indexeddb";
import {
  ApiRequestError,
  createFramework,
  deleteFramework,
  listFrameworks,
  renameFramework,
} from "../../api/frameworks.js";
import { forgetFramework, rememberFramework } from "../../collab/recentFrameworks.js";
import { localDatabaseName } from "../../collab/room.js";

export type ListState =
  | { kind: "loading" }
  | { kind: "ready"; frameworks: FrameworkSummary[] }
  | { kind: "unreachable"; message: string }
  | { kind: "error"; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

export function useFrameworkList() {
  const [state, setState] = useState<ListState>({ kind: "loading" });

  const reload = useCallback(async () => {
    try {
      setState({ kind: "ready", frameworks: await listFrameworks() });
    } catch (error) {
      setState(
        error instanceof ApiRequestError && error.code === "unreachable"
          ? { kind: "unreachable", message: error.message }
          : { kind: "error", message: messageOf(error) },
      );
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const replace = (updated: FrameworkSummary) =>
    setState((s) =>
      s.kind === "ready"
        ? { ...s, frameworks: s.frameworks.map((f) => (f.id === updated.id ? updated : f)) }
        : s,
    );

  return {
    state,
    reload,
    create: async (title: string, template: "blank" | "phased-reciprocal" = "blank") => {
      const created = await createFramework({ title, template });
      rememberFramework(created);
      return created;
    },
    rename: async (id: string, title: string) => {
      const renamed = await renameFramework(id, title);
      rememberFramework(renamed);
      replace(renamed);
    },
    remove: async (id: string) => {
      await deleteFramework(id);
      forgetFramework(id);
      await clearDocument(localDatabaseName(id)).catch(() => {});
      await clearDocument(localDatabaseName(`${id}/discussion`)).catch(() => {});
      setState((s) =>
        s.kind === "ready" ? { ...s, frameworks: s.frameworks.filter((f) => f.id !== id) } : s,
      );
    },
  };
}

export { messageOf };
