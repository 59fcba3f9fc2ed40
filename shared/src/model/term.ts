/**
 * Terms: attribute reading and the status of each term. The text of a term lives in the document
 * (`schema/term.ts`); its status and history live in the framework room's `termStatus` map keyed
 * by `termId` (one record per term, replaced whole: two concurrent status changes on one term
 * resolve last-writer-wins, and every client converges on the same record).
 */

import type * as Y from "yjs";
import { z } from "zod";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { actorSchema, attribution, type WriteOptions } from "./actor.js";
import { type Checked, checked, describe } from "./attr.js";
import { isId } from "./ids.js";
import { documentFragment, termStatusMap, walkElements } from "./maps.js";
import { err, ok, type Result } from "./result.js";
import {
  STATUS_LABELS,
  type TermCategory,
  type TermStatus,
  termCategorySchema,
  termStatusSchema,
} from "./vocabulary.js";

/** Attributes of a `term` node as read from JSON, a PM node or a Y.XmlElement: never throws. */
export interface TermAttrs {
  termId: Checked<string>;
  category: Checked<TermCategory>;
}

const termIdSchema = z.string().refine(isId, "malformed id");

export function readTermAttrs(attrs: Record<string, unknown> | null | undefined): TermAttrs {
  return {
    termId: checked(termIdSchema, attrs?.[ATTR.termId], "term id"),
    category: checked(termCategorySchema, attrs?.[ATTR.category] ?? "general", "category"),
  };
}

/** Ids of the terms in the framework text, read straight from Yjs (no ProseMirror needed). */
export function termIdsInDoc(framework: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const el of walkElements(documentFragment(framework))) {
    if (el.nodeName !== NODE.term) continue;
    const id: unknown = el.getAttribute(ATTR.termId);
    if (isId(id)) ids.add(id);
  }
  return ids;
}

export const statusChangeSchema = z.object({
  status: termStatusSchema,
  by: actorSchema,
  at: z.string().min(1),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const termStatusRecordSchema = z.object({
  status: termStatusSchema,
  by: actorSchema,
  at: z.string().min(1),
  /** Every change, oldest first (the last entry is the current status); at most 200 kept. */
  history: z.array(statusChangeSchema),
});
export type TermStatusRecord = z.infer<typeof termStatusRecordSchema>;

const MAX_HISTORY = 200;

/** The stored status record of a term: null if never set (the term counts as `proposed`). */
export function readTermStatus(framework: Y.Doc, termId: string): Checked<TermStatusRecord> | null {
  const raw = termStatusMap(framework).get(termId);
  if (raw === undefined) return null;
  return checked(termStatusRecordSchema, raw, `status of term ${termId}`);
}

/** All stored status records, keyed by termId (including terms no longer in the text). */
export function readTermStatuses(framework: Y.Doc): Map<string, Checked<TermStatusRecord>> {
  const out = new Map<string, Checked<TermStatusRecord>>();
  termStatusMap(framework).forEach((raw, termId) => {
    out.set(termId, checked(termStatusRecordSchema, raw, `status of term ${termId}`));
  });
  return out;
}

/** The effective status: the stored one, `proposed` if none, or the invalid marker. */
export function effectiveStatus(
  record: Checked<TermStatusRecord> | null | undefined,
): Checked<TermStatus> {
  if (!record) return { valid: true, value: "proposed" };
  if (record.valid) return { valid: true, value: record.value.status };
  const rawStatus =
    typeof record.raw === "object" && record.raw !== null && "status" in record.raw
      ? record.raw.status
      : record.raw;
  return { valid: false, raw: rawStatus, message: record.message };
}

/**
 * Sets a term's status and appends the change to its history. Refuses (and writes nothing) an
 * unknown status, a term that is not in the text, or an invalid actor. Setting the current status
 * again is accepted and writes nothing.
 */
export function setTermStatus(
  framework: Y.Doc,
  termId: string,
  status: unknown,
  options: WriteOptions,
): Result<TermStatusRecord> {
  const parsed = termStatusSchema.safeParse(status);
  if (!parsed.success) {
    return err(
      "unknownStatus",
      `Unknown status ${describe(status)}: use one of ${Object.values(STATUS_LABELS).join(", ")}.`,
    );
  }
  const actor = actorSchema.safeParse(options.actor);
  if (!actor.success) return err("invalid", "Who made this change is missing or invalid.");
  if (!termIdsInDoc(framework).has(termId)) {
    return err("unknownTerm", `There is no term "${termId}" in this framework.`);
  }
  const current = readTermStatus(framework, termId);
  if (current?.valid && current.value.status === parsed.data) return ok(current.value);
  const change: StatusChange = {
    status: parsed.data,
    ...attribution({ ...options, actor: actor.data }),
  };
  const history = current?.valid ? current.value.history : [];
  const record: TermStatusRecord = { ...change, history: [...history, change].slice(-MAX_HISTORY) };
  termStatusMap(framework).set(termId, record);
  return ok(record);
}

/** Subscribes to status changes; returns the unsubscribe function. */
export function observeTermStatuses(framework: Y.Doc, listener: () => void): () => void {
  const map = termStatusMap(framework);
  const handler = () => listener();
  map.observe(handler);
  return () => map.unobserve(handler);
}
