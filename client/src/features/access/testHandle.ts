/**
 * A small, documented test hook: the open framework's Y.Docs on `window.parleyTest`, so that an
 * end-to-end test can force an edit the UI would not allow (and check the server drops it). It
 * grants nothing: whatever a page can do to its own Y.Doc, the server checks against the token.
 */
import type * as Y from "yjs";

export interface ParleyTestHandle {
  frameworkId: string;
  doc: Y.Doc;
  discussion: Y.Doc;
}

declare global {
  interface Window {
    parleyTest?: ParleyTestHandle;
  }
}

export function exposeForTests(handle: ParleyTestHandle): () => void {
  window.parleyTest = handle;
  return () => {
    if (window.parleyTest === handle) delete window.parleyTest;
  };
}
