/**
 * A version's stored room states applied into fresh Y.Docs that belong to nobody: no provider,
 * no local copy, never the live documents. What the read-only view of a version renders from;
 * whatever happens to these documents (a view that writes, a node the schema drops) goes
 * nowhere. Destroy them when the view goes.
 */
import * as Y from "yjs";
import type { VersionStates } from "./versionWire.js";

export interface ThrowawayDocs {
  framework: Y.Doc;
  discussion: Y.Doc;
  destroy(): void;
}

/** Throws if the stored bytes are not a Yjs update (the view shows it as unreadable). */
export function throwawayDocsOf(states: VersionStates): ThrowawayDocs {
  const framework = new Y.Doc();
  const discussion = new Y.Doc();
  try {
    Y.applyUpdate(framework, states.framework, "version");
    if (states.discussion.byteLength > 0) Y.applyUpdate(discussion, states.discussion, "version");
  } catch (error) {
    framework.destroy();
    discussion.destroy();
    throw error;
  }
  return {
    framework,
    discussion,
    destroy() {
      framework.destroy();
      discussion.destroy();
    },
  };
}
