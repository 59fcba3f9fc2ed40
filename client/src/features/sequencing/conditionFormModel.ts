/**
 * The condition editor's values: a precondition tree as groups the form can edit at every level.
 * A group is "all of" / "any of" / "none of" ("provided … has not happened") its steps,
 * milestones, verification reports, reversals invoked and sub-groups. Every tree converts to
 * groups and back with the same meaning (leaves are kept in the order steps, milestones, reports,
 * reversals, sub-groups). Operations address a group by its path of sub-group indexes
 * (`[]` is the top group, `[1, 0]` the first sub-group of the second). No validation here: the
 * shared accessor refuses an incomplete condition with its own message.
 */
import { isGroup, type Precondition } from "@parley/shared/sequencing/index";

export type GroupMode = "all-of" | "any-of" | "none-of";
export const GROUP_MODES: readonly GroupMode[] = ["all-of", "any-of", "none-of"];

/** A reversal (of a guarantee or mechanism) being invoked, as `guarantee:<id>` / `mechanism:<id>`. */
export type ReversalKey = string;

export function reversalKey(source: "guarantee" | "mechanism", recordId: string): ReversalKey {
  return `${source}:${recordId}`;
}

function fromReversalKey(
  key: ReversalKey,
): { source: "guarantee" | "mechanism"; recordId: string } | null {
  const i = key.indexOf(":");
  const source = key.slice(0, i);
  const recordId = key.slice(i + 1);
  if ((source !== "guarantee" && source !== "mechanism") || recordId === "") return null;
  return { source, recordId };
}

/** A verification report waited for: the mechanism and the steps it must confirm. */
export interface ReportValues {
  mechanismId: string;
  stepIds: string[];
}

export interface ConditionGroupValues {
  mode: GroupMode;
  steps: string[];
  milestones: string[];
  reports: ReportValues[];
  reversals: ReversalKey[];
  groups: ConditionGroupValues[];
}

/** How deep groups may nest (the shared schema allows 8 levels of nodes; leaves take one). */
export const MAX_GROUP_DEPTH = 7;

export function emptyGroup(mode: GroupMode = "all-of"): ConditionGroupValues {
  return { mode, steps: [], milestones: [], reports: [], reversals: [], groups: [] };
}

/** The groups of a stored precondition (null: an empty top group). */
export function conditionToGroup(p: Precondition | null): ConditionGroupValues {
  if (p === null) return emptyGroup();
  if (!isGroup(p)) return addLeaf(emptyGroup(), p);
  let group = emptyGroup(p.kind);
  for (const child of p.of) {
    group = isGroup(child)
      ? { ...group, groups: [...group.groups, conditionToGroup(child)] }
      : addLeaf(group, child);
  }
  return group;
}

function addLeaf(group: ConditionGroupValues, leaf: Precondition): ConditionGroupValues {
  switch (leaf.kind) {
    case "step":
      return { ...group, steps: [...group.steps, leaf.stepId] };
    case "milestone":
      return { ...group, milestones: [...group.milestones, leaf.milestoneId] };
    case "verification":
      return {
        ...group,
        reports: [...group.reports, { mechanismId: leaf.mechanismId, stepIds: [...leaf.stepIds] }],
      };
    case "reversal":
      return { ...group, reversals: [...group.reversals, reversalKey(leaf.source, leaf.recordId)] };
    default:
      return group;
  }
}

/** The children of a group as precondition nodes; empty sub-groups and unset reports are dropped. */
function children(group: ConditionGroupValues): Precondition[] {
  return [
    ...group.steps.map((stepId): Precondition => ({ kind: "step", stepId })),
    ...group.milestones.map((milestoneId): Precondition => ({ kind: "milestone", milestoneId })),
    ...group.reports
      .filter((r) => r.mechanismId !== "")
      .map(
        (r): Precondition => ({
          kind: "verification",
          mechanismId: r.mechanismId,
          stepIds: [...r.stepIds],
        }),
      ),
    ...group.reversals.flatMap((key): Precondition[] => {
      const r = fromReversalKey(key);
      return r ? [{ kind: "reversal", ...r }] : [];
    }),
    ...group.groups.flatMap((g) => {
      const node = groupNode(g);
      return node ? [node] : [];
    }),
  ];
}

function groupNode(group: ConditionGroupValues): Precondition | null {
  const of = children(group);
  return of.length === 0 ? null : { kind: group.mode, of };
}

/**
 * The stored precondition: null when nothing is waited for; the single condition itself when the
 * top group holds only one (unless it is "none of": "provided X has not happened" stays negated);
 * otherwise the top group.
 */
export function groupToCondition(group: ConditionGroupValues): Precondition | null {
  const of = children(group);
  if (of.length === 0) return null;
  if (of.length === 1 && group.mode !== "none-of") return of[0]!;
  return { kind: group.mode, of };
}

/** The group at `path`, or null when the path leads nowhere. */
export function groupAt(
  root: ConditionGroupValues,
  path: readonly number[],
): ConditionGroupValues | null {
  let group: ConditionGroupValues | undefined = root;
  for (const i of path) {
    group = group?.groups[i];
    if (!group) return null;
  }
  return group ?? null;
}

/** Replaces the group at `path` with `change(group)`; the tree is unchanged when the path is unknown. */
export function updateGroup(
  root: ConditionGroupValues,
  path: readonly number[],
  change: (group: ConditionGroupValues) => ConditionGroupValues,
): ConditionGroupValues {
  if (path.length === 0) return change(root);
  const [head, ...rest] = path as [number, ...number[]];
  const child = root.groups[head];
  if (!child) return root;
  const groups = [...root.groups];
  groups[head] = updateGroup(child, rest, change);
  return { ...root, groups };
}

/** Adds an empty sub-group to the group at `path` (refused beyond `MAX_GROUP_DEPTH`: unchanged). */
export function addSubGroup(
  root: ConditionGroupValues,
  path: readonly number[],
  mode: GroupMode,
): ConditionGroupValues {
  if (path.length + 1 >= MAX_GROUP_DEPTH) return root;
  return updateGroup(root, path, (g) => ({ ...g, groups: [...g.groups, emptyGroup(mode)] }));
}

/** Removes the group at `path` (the top group cannot be removed, only emptied). */
export function removeGroup(
  root: ConditionGroupValues,
  path: readonly number[],
): ConditionGroupValues {
  if (path.length === 0) return emptyGroup(root.mode);
  const parent = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateGroup(root, parent, (g) => ({
    ...g,
    groups: g.groups.filter((_, i) => i !== index),
  }));
}

/** Every step and milestone id the condition names, at any level (for "unknown" warnings). */
export function namedIds(group: ConditionGroupValues): { steps: string[]; milestones: string[] } {
  const steps = [...group.steps, ...group.reports.flatMap((r) => r.stepIds)];
  const milestones = [...group.milestones];
  for (const g of group.groups) {
    const inner = namedIds(g);
    steps.push(...inner.steps);
    milestones.push(...inner.milestones);
  }
  return { steps, milestones };
}

const MODE_WORDS: Record<GroupMode, string> = {
  "all-of": "all of",
  "any-of": "any of",
  "none-of": "none of",
};

/** "all of: 2 steps, 1 milestone, 1 group" — a short description of a group for its legend. */
export function describeGroup(group: ConditionGroupValues): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  count(group.steps.length, "step", "steps");
  count(group.milestones.length, "milestone", "milestones");
  count(group.reports.length, "report", "reports");
  count(group.reversals.length, "reversal", "reversals");
  count(group.groups.length, "sub-condition", "sub-conditions");
  const mode = MODE_WORDS[group.mode];
  return parts.length === 0 ? `${mode}: nothing yet` : `${mode}: ${parts.join(", ")}`;
}
