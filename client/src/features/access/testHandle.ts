/**
 * A small, documented test hook: the open framework's Y.Docs on `window.parleyTest`, so that an
 * end-to-end test can force an edit the UI would not allow (and check the server drops it). It
 * grants nothing: whatever a page can do to its own Y.Doc, the server checks against the token.
 */
import { type OpenedSession, onSessionOpen } from "../../collab/sessionHooks.js";

export type ParleyTestHandle = OpenedSession;

declare global {
  interface Window {
    parleyTest?: ParleyTestHandle;
  }
}

/** Puts every session opened from now on on `window.parleyTest` (called once, at startup). */
export function exposeSessionsForTests(): () => void {
  return onSessionOpen(exposeForTests);
}

function exposeForTests(handle: ParleyTestHandle): () => void {
  window.parleyTest = handle;
  return () => {
    if (window.parleyTest === handle) delete window.parleyTest;
  };
}
