/**
 * What other parts of the client attach to every open framework session, without `collab/`
 * knowing them: a hook runs when a session opens and returns what undoes it when it closes.
 * Features register at startup (`main.tsx`); `collab/` imports nothing from `features/`.
 */
import type * as Y from "yjs";

/** What a hook sees of an open session: the framework and its two Y.Docs. */
export interface OpenedSession {
  frameworkId: string;
  doc: Y.Doc;
  discussion: Y.Doc;
}

export type SessionHook = (session: OpenedSession) => () => void;

const hooks = new Set<SessionHook>();

/** Runs `hook` for every session opened from now on; returns what unregisters it. */
export function onSessionOpen(hook: SessionHook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Runs the registered hooks for a session that just opened; returns their cleanups. */
export function runSessionHooks(session: OpenedSession): (() => void)[] {
  return [...hooks].map((hook) => hook(session));
}
