/**
 * Anchors read straight from a framework's Y.Doc, without an editor (server, export, tests):
 * the Yjs text → ProseMirror document with the shared schema → `collectAnchors`.
 */
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { DOCUMENT_FIELD } from "../protocol.js";
import { documentExtensions } from "../schema/extensions.js";
import { collectAnchors, type ThreadAnchor } from "./anchors.js";

let schema: Schema | null = null;

/** The ProseMirror schema of the framework text (built once). */
export function documentSchema(): Schema {
  schema ??= getSchema(documentExtensions());
  return schema;
}

export function collectAnchorsFromDoc(framework: Y.Doc): ThreadAnchor[] {
  const root = yXmlFragmentToProseMirrorRootNode(
    framework.getXmlFragment(DOCUMENT_FIELD),
    documentSchema(),
  );
  return collectAnchors(root);
}
