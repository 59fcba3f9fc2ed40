/**
 * Typed writes of sequencing records into the framework Y.Doc. Every add / update is validated
 * in full first — shape (zod), then references (every party, term, step, milestone and mechanism
 * named must exist; nothing depends on itself) — and only then written, in one transaction, with
 * who changed it and when. A refused write returns `{ ok: false, error }` and changes nothing.
 */

import type * as Y from "yjs";
import type { z } from "zod";
import { issuesOf, type ValidationIssue } from "../format/validationMessages.js";
import { type WriteOptions as ActorWriteOptions, attribution } from "../model/actor.js";
import { newId } from "../model/ids.js";
import { errIssues, type InputError, ok, type Result } from "../model/result.js";
import { BodyInput } from "./body.js";
import { indexContext, type SequencingContext } from "./context.js";
import { GuaranteeInput } from "./guarantee.js";
import { MechanismInput } from "./mechanism.js";
import { MilestoneInput } from "./milestone.js";
import { ProposalInput } from "./proposal.js";
import { type IncomingRef, outgoingRefs, referencesTo, targetExists } from "./refs.js";
import { SideInput } from "./side.js";
import {
  indexSnapshot,
  RECORD_SCHEMAS,
  type RecordKind,
  type RecordTypes,
  readSnapshot,
  sequencingMap,
} from "./snapshot.js";
import { StepInput, stepActors } from "./step.js";

/**
 * What every write needs: who is writing (`actor`), the clock for the change stamp (`now`,
 * defaults to the current time), and the framework's parties and terms.
 */
export interface WriteOptions extends ActorWriteOptions {
  context: SequencingContext;
  /** Passed to `doc.transact` as the origin (e.g. for an UndoManager's tracked origins). */
  origin?: unknown;
}

/** A sequencing write's result: refusals carry their issues, located in the input. */
export type SequencingResult<T> = Result<T, InputError>;

const INPUT_SCHEMAS: { [K in RecordKind]: z.ZodType } = {
  milestone: MilestoneInput,
  step: StepInput,
  mechanism: MechanismInput,
  guarantee: GuaranteeInput,
  proposal: ProposalInput,
  side: SideInput,
  body: BodyInput,
};

const ID_PREFIX: { [K in RecordKind]: string } = {
  milestone: "ms",
  step: "step",
  mechanism: "mech",
  guarantee: "guar",
  proposal: "prop",
  side: "side",
  body: "body",
};

const KIND_LABEL: { [K in RecordKind]: string } = {
  milestone: "milestone",
  step: "step",
  mechanism: "verification mechanism",
  guarantee: "guarantee",
  proposal: "proposal",
  side: "side",
  body: "body",
};

function zodIssues(error: z.ZodError): ValidationIssue[] {
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
): SequencingResult<RecordTypes[K]> {
  const parsedInput = INPUT_SCHEMAS[kind].safeParse(candidate);
  if (!parsedInput.success) return errIssues("invalid", zodIssues(parsedInput.error));
  const stamped = { ...(parsedInput.data as object), changed: attribution(opts) };
  const parsed = RECORD_SCHEMAS[kind].safeParse(stamped);
  if (!parsed.success) return errIssues("invalid", zodIssues(parsed.error));
  const record = parsed.data;

  const idx = indexSnapshot(readSnapshot(doc));
  const ctx = indexContext(opts.context);
  const self: ValidationIssue[] = [];
  const unknown: ValidationIssue[] = [];
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
  if (self.length > 0) return errIssues("selfReference", [...self, ...unknown]);
  if (unknown.length > 0) return errIssues("unknownReference", unknown);
  const roleIssue = verifierRoleIssue(record, ctx);
  if (roleIssue) return errIssues("invalid", [roleIssue]);
  const shapeIssue = recordIssue(kind, record, idx);
  if (shapeIssue) return errIssues(shapeIssue.code, [shapeIssue.issue]);

  doc.transact(() => {
    sequencingMap(doc, kind).set(record.id, record);
  }, opts.origin);
  return ok(record);
}

/** Rules across records: a step has an actor and a unique number; a party is on one side only. */
function recordIssue(
  kind: RecordKind,
  record: RecordTypes[RecordKind],
  idx: ReturnType<typeof indexSnapshot>,
): { code: "invalid" | "duplicate"; issue: ValidationIssue } | null {
  if (kind === "step" && "action" in record) {
    if (stepActors(record).length === 0) {
      return {
        code: "invalid",
        issue: { path: "actors", message: "a step needs at least one actor (a party or a body)" },
      };
    }
    const number = record.number;
    if (number !== null) {
      const other = idx.snapshot.steps.find((s) => s.id !== record.id && s.number === number);
      if (other) {
        return {
          code: "duplicate",
          issue: {
            path: "number",
            message: `step number "${number}" is already used by another step`,
          },
        };
      }
    }
  }
  if (kind === "side" && "partyIds" in record) {
    const seen = new Set<string>();
    for (const [i, partyId] of record.partyIds.entries()) {
      if (seen.has(partyId)) {
        return {
          code: "invalid",
          issue: { path: `partyIds.${i}`, message: "a party is listed twice" },
        };
      }
      seen.add(partyId);
      const other = idx.snapshot.sides.find(
        (s) => s.id !== record.id && s.partyIds.includes(partyId),
      );
      if (other) {
        return {
          code: "invalid",
          issue: {
            path: `partyIds.${i}`,
            message: `this party is already on the side "${other.name}": a party belongs to one side only`,
          },
        };
      }
    }
  }
  return null;
}

function verifierRoleIssue(
  record: RecordTypes[RecordKind],
  ctx: ReturnType<typeof indexContext>,
): ValidationIssue | null {
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
): SequencingResult<RecordTypes[K]> {
  if (!isObject(input)) return errIssues("invalid", [{ path: "", message: "expected an object" }]);
  const id = typeof input.id === "string" ? input.id : newId(ID_PREFIX[kind]);
  if (sequencingMap(doc, kind).has(id)) {
    return errIssues("duplicate", [
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
): SequencingResult<RecordTypes[K]> {
  const existing = sequencingMap(doc, kind).get(id);
  if (!isObject(existing)) {
    return errIssues("notFound", [{ path: "", message: `no ${KIND_LABEL[kind]} "${id}"` }]);
  }
  if (!isObject(patch)) return errIssues("invalid", [{ path: "", message: "expected an object" }]);
  if ("id" in patch && patch.id !== id) {
    return errIssues("invalid", [{ path: "id", message: "the id of a record cannot change" }]);
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
): SequencingResult<Removal<K>> {
  const map = sequencingMap(doc, kind);
  if (!map.has(id))
    return errIssues("notFound", [{ path: "", message: `no ${KIND_LABEL[kind]} "${id}"` }]);
  const parsed = RECORD_SCHEMAS[kind].safeParse(map.get(id));
  const removed = parsed.success ? parsed.data : null;
  const referencedBy = referencesTo(readSnapshot(doc), kind, id);
  doc.transact(() => {
    map.delete(id);
  }, opts.origin);
  return ok({ removed, referencedBy });
}
