/**
 * Reads what an export needs out of the framework's Y.Docs: the text as ProseMirror JSON, the
 * parties, the term statuses, the sequencing records and a version stamp. Works on private
 * copies (see `fromYDoc.ts`): pass docs loaded for the export, not live rooms.
 */
import * as Y from "yjs";
import { listAllParties } from "../model/party.js";
import { effectiveStatus, readTermStatuses } from "../model/term.js";
import type { TermStatus } from "../model/vocabulary.js";
import { readSnapshot } from "../sequencing/snapshot.js";
import type { ExportSource } from "./buildModel.js";
import type { CommentThreadInput } from "./comments.js";
import { frameworkJson } from "./fromYDoc.js";
import { versionStamp } from "./version.js";

export interface FrameworkDocs {
  /** From the framework record (storage). */
  title: string;
  updatedAt: string;
  /** The framework room. */
  framework: Y.Doc;
  /** Comment threads: `threadsFromDiscussion(discussion)` (`threads.ts`), or built in a test. */
  threads: readonly CommentThreadInput[];
}

export function readExportSource(docs: FrameworkDocs): ExportSource {
  const { framework } = docs;
  // The stamp fingerprints the state before conversion (which may drop invalid content).
  const version = versionStamp(docs.updatedAt, Y.encodeStateVector(framework));
  const termStatuses = new Map<string, TermStatus>();
  for (const [termId, record] of readTermStatuses(framework)) {
    const status = effectiveStatus(record);
    if (status.valid) termStatuses.set(termId, status.value);
  }
  return {
    title: docs.title,
    version,
    doc: frameworkJson(framework),
    parties: listAllParties(framework),
    termStatuses,
    threads: docs.threads,
    sequencing: readSnapshot(framework),
  };
}
