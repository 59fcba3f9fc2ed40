/**
 * Free functions per record kind over `addRecord` / `updateRecord` / `removeRecord`, so that forms
 * get their input types checked: `addStep(doc, input, opts)`, `updateStep(doc, id, patch, opts)`,
 * `removeStep(doc, id)`, and the same for milestones, mechanisms, guarantees, proposals, sides and
 * bodies. All validate in full and write nothing when refused. A step's conditions can also be
 * edited at any level of their tree (`addStepCondition`, `replaceStepCondition`,
 * `removeStepCondition`, by a path of child indices).
 */
import type * as Y from "yjs";
import { errIssues } from "../model/result.js";
import type { BodyInput } from "./body.js";
import {
  type ConditionPath,
  insertCondition,
  type Precondition,
  removeCondition,
  replaceCondition,
} from "./condition.js";
import type { GuaranteeInput } from "./guarantee.js";
import type { MechanismInput } from "./mechanism.js";
import type { MilestoneInput } from "./milestone.js";
import type { ProposalInput } from "./proposal.js";
import type { SideInput } from "./side.js";
import { RECORD_SCHEMAS, type RecordKind, type RecordTypes, sequencingMap } from "./snapshot.js";
import type { Step, StepInput } from "./step.js";
import {
  addRecord,
  type Removal,
  removeRecord,
  type SequencingResult,
  updateRecord,
  type WriteOptions,
} from "./store.js";

/** The fields of a record a write may change (everything but the id). */
export type Patch<T> = Partial<Omit<T, "id">>;
type RemoveOptions = Pick<WriteOptions, "origin">;
type Added<K extends RecordKind> = SequencingResult<RecordTypes[K]>;
type Removed<K extends RecordKind> = SequencingResult<Removal<K>>;

export const addMilestone = (
  doc: Y.Doc,
  input: MilestoneInput,
  opts: WriteOptions,
): Added<"milestone"> => addRecord(doc, "milestone", input, opts);
export const updateMilestone = (
  doc: Y.Doc,
  id: string,
  patch: Patch<MilestoneInput>,
  opts: WriteOptions,
): Added<"milestone"> => updateRecord(doc, "milestone", id, patch, opts);
export const removeMilestone = (
  doc: Y.Doc,
  id: string,
  opts?: RemoveOptions,
): Removed<"milestone"> => removeRecord(doc, "milestone", id, opts);

export const addStep = (doc: Y.Doc, input: StepInput, opts: WriteOptions): Added<"step"> =>
  addRecord(doc, "step", input, opts);
export const updateStep = (
  doc: Y.Doc,
  id: string,
  patch: Patch<StepInput>,
  opts: WriteOptions,
): Added<"step"> => updateRecord(doc, "step", id, patch, opts);
export const removeStep = (doc: Y.Doc, id: string, opts?: RemoveOptions): Removed<"step"> =>
  removeRecord(doc, "step", id, opts);

export const addMechanism = (
  doc: Y.Doc,
  input: MechanismInput,
  opts: WriteOptions,
): Added<"mechanism"> => addRecord(doc, "mechanism", input, opts);
export const updateMechanism = (
  doc: Y.Doc,
  id: string,
  patch: Patch<MechanismInput>,
  opts: WriteOptions,
): Added<"mechanism"> => updateRecord(doc, "mechanism", id, patch, opts);
export const removeMechanism = (
  doc: Y.Doc,
  id: string,
  opts?: RemoveOptions,
): Removed<"mechanism"> => removeRecord(doc, "mechanism", id, opts);

export const addGuarantee = (
  doc: Y.Doc,
  input: GuaranteeInput,
  opts: WriteOptions,
): Added<"guarantee"> => addRecord(doc, "guarantee", input, opts);
export const updateGuarantee = (
  doc: Y.Doc,
  id: string,
  patch: Patch<GuaranteeInput>,
  opts: WriteOptions,
): Added<"guarantee"> => updateRecord(doc, "guarantee", id, patch, opts);
export const removeGuarantee = (
  doc: Y.Doc,
  id: string,
  opts?: RemoveOptions,
): Removed<"guarantee"> => removeRecord(doc, "guarantee", id, opts);

export const addProposal = (
  doc: Y.Doc,
  input: ProposalInput,
  opts: WriteOptions,
): Added<"proposal"> => addRecord(doc, "proposal", input, opts);
export const updateProposal = (
  doc: Y.Doc,
  id: string,
  patch: Patch<ProposalInput>,
  opts: WriteOptions,
): Added<"proposal"> => updateRecord(doc, "proposal", id, patch, opts);
export const removeProposal = (doc: Y.Doc, id: string, opts?: RemoveOptions): Removed<"proposal"> =>
  removeRecord(doc, "proposal", id, opts);

export const addSide = (doc: Y.Doc, input: SideInput, opts: WriteOptions): Added<"side"> =>
  addRecord(doc, "side", input, opts);
export const updateSide = (
  doc: Y.Doc,
  id: string,
  patch: Patch<SideInput>,
  opts: WriteOptions,
): Added<"side"> => updateRecord(doc, "side", id, patch, opts);
export const removeSide = (doc: Y.Doc, id: string, opts?: RemoveOptions): Removed<"side"> =>
  removeRecord(doc, "side", id, opts);

export const addBody = (doc: Y.Doc, input: BodyInput, opts: WriteOptions): Added<"body"> =>
  addRecord(doc, "body", input, opts);
export const updateBody = (
  doc: Y.Doc,
  id: string,
  patch: Patch<BodyInput>,
  opts: WriteOptions,
): Added<"body"> => updateRecord(doc, "body", id, patch, opts);
export const removeBody = (doc: Y.Doc, id: string, opts?: RemoveOptions): Removed<"body"> =>
  removeRecord(doc, "body", id, opts);

function storedStep(doc: Y.Doc, id: string): Step | null {
  const parsed = RECORD_SCHEMAS.step.safeParse(sequencingMap(doc, "step").get(id));
  return parsed.success ? parsed.data : null;
}

function editConditions(
  doc: Y.Doc,
  stepId: string,
  opts: WriteOptions,
  edit: (tree: Precondition | null) => Precondition | null | undefined,
  what: string,
): Added<"step"> {
  const step = storedStep(doc, stepId);
  if (!step) return errIssues("notFound", [{ path: "", message: `no step "${stepId}"` }]);
  const next = edit(step.preconditions);
  if (next === undefined) {
    return errIssues("notFound", [{ path: "preconditions", message: `no condition ${what}` }]);
  }
  return updateRecord(doc, "step", stepId, { preconditions: next }, opts);
}

const at = (path: ConditionPath) => `at [${path.join(", ")}]`;

/**
 * Adds `node` to the group at `groupPath` of a step's conditions (`[]`: the root; an empty tree
 * gets `node` as its root; a single leaf at the root is wrapped in an `all-of` with it).
 */
export const addStepCondition = (
  doc: Y.Doc,
  stepId: string,
  groupPath: ConditionPath,
  node: Precondition,
  opts: WriteOptions,
): Added<"step"> =>
  editConditions(
    doc,
    stepId,
    opts,
    (t) => insertCondition(t, groupPath, node),
    `group ${at(groupPath)}`,
  );

/** Replaces the condition at `path` (a leaf, or a whole group with its children). */
export const replaceStepCondition = (
  doc: Y.Doc,
  stepId: string,
  path: ConditionPath,
  node: Precondition,
  opts: WriteOptions,
): Added<"step"> =>
  editConditions(doc, stepId, opts, (t) => replaceCondition(t, path, node), at(path));

/** Removes the condition at `path`; a group left empty goes too; `[]` removes all conditions. */
export const removeStepCondition = (
  doc: Y.Doc,
  stepId: string,
  path: ConditionPath,
  opts: WriteOptions,
): Added<"step"> => editConditions(doc, stepId, opts, (t) => removeCondition(t, path), at(path));
