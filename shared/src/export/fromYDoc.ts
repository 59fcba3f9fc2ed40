/**
 * Y.Doc → ProseMirror JSON with the shared schema, for export. Works on the doc it is given and
 * may change it: y-tiptap deletes content the schema cannot hold while converting, so pass a
 * private copy (the server loads a fresh Y.Doc from storage for each export), never a live room.
 */
import { type AnyExtension, getSchema, type JSONContent } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { documentFragment } from "../model/maps.js";
import { documentExtensions } from "../schema/extensions.js";

/** The schema the export reads the text with: the document schema (comment marks included). */
export function exportExtensions(): AnyExtension[] {
  return documentExtensions();
}

let cached: Schema | null = null;

export function exportSchema(): Schema {
  cached ??= getSchema(exportExtensions());
  return cached;
}

/** The framework text as ProseMirror JSON (`{ type: "doc", content: [...] }`). */
export function frameworkJson(framework: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(
    documentFragment(framework),
    exportSchema(),
  ).toJSON() as JSONContent;
}
