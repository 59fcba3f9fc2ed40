/**
 * Typed shorthands over `addRecord` / `updateRecord` / `removeRecord` for each record kind, so
 * that forms get their input types checked. All validate in full and write nothing when refused.
 */
import type * as Y from "yjs";
import type { GuaranteeInput } from "./guarantee.js";
import type { MechanismInput } from "./mechanism.js";
import type { MilestoneInput } from "./milestone.js";
import type { ProposalInput } from "./proposal.js";
import type { RecordKind, RecordTypes } from "./snapshot.js";
import type { StepInput } from "./step.js";
import {
  addRecord,
  type Removal,
  removeRecord,
  type SequencingResult,
  updateRecord,
  type WriteOptions,
} from "./store.js";

type Patch<T> = Partial<Omit<T, "id">>;

function accessors<K extends RecordKind, I>(kind: K) {
  return {
    add: (doc: Y.Doc, input: I, opts: WriteOptions): SequencingResult<RecordTypes[K]> =>
      addRecord(doc, kind, input, opts),
    update: (
      doc: Y.Doc,
      id: string,
      patch: Patch<I>,
      opts: WriteOptions,
    ): SequencingResult<RecordTypes[K]> => updateRecord(doc, kind, id, patch, opts),
    remove: (
      doc: Y.Doc,
      id: string,
      opts?: Pick<WriteOptions, "origin">,
    ): SequencingResult<Removal<K>> => removeRecord(doc, kind, id, opts),
  };
}

export const milestones = accessors<"milestone", MilestoneInput>("milestone");
export const steps = accessors<"step", StepInput>("step");
export const mechanisms = accessors<"mechanism", MechanismInput>("mechanism");
export const guarantees = accessors<"guarantee", GuaranteeInput>("guarantee");
export const proposals = accessors<"proposal", ProposalInput>("proposal");
