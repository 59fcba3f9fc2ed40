/**
 * Typed writes of sequencing records into the framework Y.Doc. Every add / update is validated
 * in full first — shape (zod), then references (every party, term, step, milestone and mechanism
 * named must exist; nothing depends on itself) — and only then written, in one transaction, with
 * who changed it and when. A refused write returns `{ ok: false, error }` and changes nothing.
 */

import type * as Y from "yjs";
import type { z } from "zod";
import { issuesOf } from "../format/validationMessages.js";
import { type EditAuthor, newId } from "./common.js";
import { indexContext, type SequencingContext } from "./context.js";
import { GuaranteeInput } from "./guarantee.js";
import { MechanismInput } from "./mechanism.js";
import { MilestoneInput } from "./milestone.js";
import { ProposalInput } from "./proposal.js";
import { type IncomingRef, outgoingRefs, referencesTo, targetExists } from "./refs.js";
import { fail, ok, type Result, type SequencingIssue } from "./result.js";
import {
  indexSnapshot,
  RECORD_SCHEMAS,
  type RecordKind,
  type RecordTypes,
  readSnapshot,
  sequencingMap,
} from "./snapshot.js";
import { StepInput } from "./step.js";

/** What every write needs: who is writing, and the framework's parties and terms. */
export interface WriteOptions {
  author: EditAuthor;
  context: SequencingContext;
  /** Clock for the change stamp; defaults to the current time. */
  now?: () => Date;
  /** Passed to `doc.transact` as the origin (e.g. for an UndoManager's tracked origins). */
  origin?: unknown;
}

const INPUT_SCHEMAS: { [K in RecordKind]: z.ZodType } = {
  milestone: MilestoneInput,
  step: StepInput,
  mechanism: MechanismInput,
  guarantee: GuaranteeInput,
  proposal: ProposalInput,
};

const ID_PREFIX: { [K in RecordKind]: string } = {
  milestone: "ms",
  step: "step",
  mechanism: "mech",
  guarantee: "guar",
  proposal: "prop",
};

const KIND_LABEL: { [K in RecordKind]: string } = {
  milestone: "milestone",
  step: "step",
  mechanism: "verification mechanism",
  guarantee: "guarantee",
  proposal: "proposal",
};

function zodIssues(error: z.ZodError): SequencingIssue[] {
  return issuesOf(error);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates a complete candidate record (shape and references) and writes it. */
function validateAndWrite<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  candidate: unknown,
  opts: WriteOptions,
): Result<RecordTypes[K]> {
  const parsedInput = INPUT_SCHEMAS[kind].safeParse(candidate);
  if (!parsedInput.success) return fail("invalid_input", zodIssues(parsedInput.error));
  const now = (opts.now ?? (() => new Date()))();
  const stamped = {
    ...(parsedInput.data as object),
    changed: {
      by: { name: opts.author.name, partyId: opts.author.partyId },
      at: now.toISOString(),
    },
  };
  const parsed = RECORD_SCHEMAS[kind].safeParse(stamped);
  if (!parsed.success) return fail("invalid_input", zodIssues(parsed.error));
  const record = parsed.data;

  const idx = indexSnapshot(readSnapshot(doc));
  const ctx = indexContext(opts.context);
  const self: SequencingIssue[] = [];
  const unknown: SequencingIssue[] = [];
  for (const ref of outgoingRefs(kind, record)) {
    if (ref.kind === kind && ref.id === record.id) {
      self.push({
        path: ref.path,
        message: `a ${KIND_LABEL[kind]} cannot refer to itself (${ref.relation} itself)`,
      });
    } else if (!targetExists(ref.kind, ref.id, idx, ctx)) {
      unknown.push({ path: ref.path, message: `unknown ${ref.kind} "${ref.id}"` });
    }
  }
  if (self.length > 0) return fail("self_reference", [...self, ...unknown]);
  if (unknown.length > 0) return fail("unknown_reference", unknown);
  const roleIssue = verifierRoleIssue(record, ctx);
  if (roleIssue) return fail("invalid_input", [roleIssue]);

  doc.transact(() => {
    sequencingMap(doc, kind).set(record.id, record);
  }, opts.origin);
  return ok(record);
}

function verifierRoleIssue(
  record: RecordTypes[RecordKind],
  ctx: ReturnType<typeof indexContext>,
): SequencingIssue | null {
  if (!("body" in record) || record.body.kind !== "party") return null;
  const party = ctx.party(record.body.partyId);
  if (!party || party.role === undefined || party.role === "verifier") return null;
  return {
    path: "body.partyId",
    message: `"${ctx.partyName(party.id)}" has the role ${party.role}, not verifier: give it the verifier role or name the body instead`,
  };
}

/** Adds a record; the id is generated unless `input.id` is given (and unused). */
export function addRecord<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  input: unknown,
  opts: WriteOptions,
): Result<RecordTypes[K]> {
  if (!isObject(input)) return fail("invalid_input", [{ path: "", message: "expected an object" }]);
  const id = typeof input.id === "string" ? input.id : newId(ID_PREFIX[kind]);
  if (sequencingMap(doc, kind).has(id)) {
    return fail("duplicate_id", [
      { path: "id", message: `a ${KIND_LABEL[kind]} "${id}" already exists` },
    ]);
  }
  return validateAndWrite(doc, kind, { ...input, id }, opts);
}

/** Changes some fields of a record; the whole result is validated again. The id cannot change. */
export function updateRecord<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  id: string,
  patch: unknown,
  opts: WriteOptions,
): Result<RecordTypes[K]> {
  const existing = sequencingMap(doc, kind).get(id);
  if (!isObject(existing)) {
    return fail("not_found", [{ path: "", message: `no ${KIND_LABEL[kind]} "${id}"` }]);
  }
  if (!isObject(patch)) return fail("invalid_input", [{ path: "", message: "expected an object" }]);
  if ("id" in patch && patch.id !== id) {
    return fail("invalid_input", [{ path: "id", message: "the id of a record cannot change" }]);
  }
  const { changed: _changed, ...fields } = existing;
  return validateAndWrite(doc, kind, { ...fields, ...patch, id }, opts);
}

export interface Removal<K extends RecordKind> {
  /** The record as it was stored; null if the stored value was invalid (an old or hostile client). */
  removed: RecordTypes[K] | null;
  /** What referred to it and now dangles (shown by the dangling-reference check). */
  referencedBy: IncomingRef[];
}

/**
 * Removes a record. Removal is never refused because of references (a concurrent client can
 * create them anyway); call `referencesTo(readSnapshot(doc), kind, id)` first to ask the user.
 */
export function removeRecord<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  id: string,
  opts: Pick<WriteOptions, "origin"> = {},
): Result<Removal<K>> {
  const map = sequencingMap(doc, kind);
  if (!map.has(id))
    return fail("not_found", [{ path: "", message: `no ${KIND_LABEL[kind]} "${id}"` }]);
  const parsed = RECORD_SCHEMAS[kind].safeParse(map.get(id));
  const removed = parsed.success ? parsed.data : null;
  const referencedBy = referencesTo(readSnapshot(doc), kind, id);
  doc.transact(() => {
    map.delete(id);
  }, opts.origin);
  return ok({ removed, referencedBy });
}
