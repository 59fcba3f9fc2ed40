/**
 * Conditions (a step's preconditions): a small expression tree. `all-of` / `any-of` /
 * `none-of` over leaves: another step being taken, a milestone being reached, a verification
 * report on some steps, or a reversal being invoked. `none-of` is "provided X has not happened"
 * ("termination, provided the earlier measures have not been reinstated").
 *
 * Trees are bounded (depth, children per node, nodes in all) and the bounds are checked without
 * recursion before the recursive schema runs, so a hostile, deeply nested value is refused, not
 * a stack overflow. Nodes are addressed by a path of child indices (`[]` = the root, `[1, 0]` =
 * the first child of the second child), so a form can edit any level.
 */
import { z } from "zod";
import { RecordId } from "./common.js";

export type Precondition =
  | { kind: "all-of"; of: Precondition[] }
  | { kind: "any-of"; of: Precondition[] }
  /** "Provided none of these has happened"; with one child: "provided X has not happened". */
  | { kind: "none-of"; of: Precondition[] }
  | { kind: "step"; stepId: string }
  | { kind: "milestone"; milestoneId: string }
  | { kind: "verification"; mechanismId: string; stepIds: string[] }
  /** The reversal named by a guarantee or mechanism has been invoked (steps suspended / reinstated). */
  | { kind: "reversal"; source: "guarantee" | "mechanism"; recordId: string };

export type PreconditionGroup = Extract<Precondition, { kind: "all-of" | "any-of" | "none-of" }>;
export type PreconditionLeaf = Exclude<Precondition, PreconditionGroup>;

export const GROUP_KINDS = ["all-of", "any-of", "none-of"] as const;

export function isGroup(p: Precondition): p is PreconditionGroup {
  return p.kind === "all-of" || p.kind === "any-of" || p.kind === "none-of";
}

/** Deepest nesting (a single leaf is depth 1). */
export const MAX_CONDITION_DEPTH = 8;
/** Children of one all-of / any-of / none-of. */
export const MAX_CONDITION_CHILDREN = 50;
/** Nodes in a whole tree. */
export const MAX_CONDITION_NODES = 300;

const Node: z.ZodType<Precondition, Precondition> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("all-of"), of: z.array(Node).min(1).max(MAX_CONDITION_CHILDREN) }),
    z.object({ kind: z.literal("any-of"), of: z.array(Node).min(1).max(MAX_CONDITION_CHILDREN) }),
    z.object({ kind: z.literal("none-of"), of: z.array(Node).min(1).max(MAX_CONDITION_CHILDREN) }),
    z.object({ kind: z.literal("step"), stepId: RecordId }),
    z.object({ kind: z.literal("milestone"), milestoneId: RecordId }),
    z.object({
      kind: z.literal("verification"),
      mechanismId: RecordId,
      stepIds: z.array(RecordId).max(200),
    }),
    z.object({
      kind: z.literal("reversal"),
      source: z.enum(["guarantee", "mechanism"]),
      recordId: RecordId,
    }),
  ]),
);

/**
 * The shape of a tree measured without recursion: its depth and node count, stopping as soon as
 * a bound is passed (a million-node value costs no more than the bound).
 */
export function measureTree(value: unknown): { depth: number; nodes: number; tooBig: boolean } {
  let nodes = 0;
  let depth = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    nodes += 1;
    depth = Math.max(depth, d);
    if (nodes > MAX_CONDITION_NODES || depth > MAX_CONDITION_DEPTH) {
      return { depth, nodes, tooBig: true };
    }
    if (typeof v !== "object" || v === null) continue;
    const of = (v as { of?: unknown }).of;
    if (Array.isArray(of)) {
      if (of.length > MAX_CONDITION_CHILDREN) return { depth, nodes, tooBig: true };
      for (const c of of) stack.push([c, d + 1]);
    }
  }
  return { depth, nodes, tooBig: false };
}

/** A whole condition tree, bounded: checked for size and depth first, then for shape. */
export const Precondition: z.ZodType<Precondition, Precondition> = z
  .custom<Precondition>((v) => !measureTree(v).tooBig, {
    message: `preconditions may nest at most ${MAX_CONDITION_DEPTH} levels, with at most ${MAX_CONDITION_CHILDREN} conditions in a group and ${MAX_CONDITION_NODES} in all`,
    abort: true,
  })
  .pipe(Node);

/** Every leaf of a tree, with whether it is an alternative (under an `any-of` of 2+) or negated. */
export function preconditionLeaves(
  p: Precondition | null,
  alternative = false,
): Array<{ leaf: PreconditionLeaf; alternative: boolean; negated: boolean; path: string }> {
  const out: Array<{
    leaf: PreconditionLeaf;
    alternative: boolean;
    negated: boolean;
    path: string;
  }> = [];
  const walk = (node: Precondition, alt: boolean, neg: boolean, path: string) => {
    if (isGroup(node)) {
      const childAlt = alt || (node.kind === "any-of" && node.of.length > 1);
      const childNeg = neg !== (node.kind === "none-of");
      node.of.forEach((c, i) => {
        walk(c, childAlt, childNeg, `${path}.of.${i}`);
      });
    } else {
      out.push({ leaf: node, alternative: alt, negated: neg, path });
    }
  };
  if (p) walk(p, alternative, false, "preconditions");
  return out;
}

/** A path to a node: the child index at each level (`[]` is the root). */
export type ConditionPath = readonly number[];

/** The node at `path`, or undefined. */
export function conditionAt(
  tree: Precondition | null,
  path: ConditionPath,
): Precondition | undefined {
  let node: Precondition | undefined = tree ?? undefined;
  for (const i of path) {
    if (!node || !isGroup(node)) return undefined;
    node = node.of[i];
  }
  return node;
}

function rebuild(
  node: Precondition,
  path: ConditionPath,
  at: (target: Precondition) => Precondition | null,
): Precondition | null | undefined {
  if (path.length === 0) return at(node);
  if (!isGroup(node)) return undefined;
  const [i, ...rest] = path as [number, ...number[]];
  const child = node.of[i];
  if (child === undefined) return undefined;
  const next = rebuild(child, rest, at);
  if (next === undefined) return undefined;
  const of =
    next === null ? node.of.filter((_, j) => j !== i) : node.of.map((c, j) => (j === i ? next : c));
  return of.length === 0 ? null : { ...node, of };
}

/** The tree with the node at `path` replaced (`[]` replaces the root); undefined if no such node. */
export function replaceCondition(
  tree: Precondition | null,
  path: ConditionPath,
  node: Precondition,
): Precondition | undefined {
  if (path.length === 0) return node;
  if (!tree) return undefined;
  const r = rebuild(tree, path, () => node);
  return r ?? undefined;
}

/**
 * The tree with `node` added as the last child of the group at `groupPath` (or at `index`). Adding
 * at the root of an empty tree makes `node` the root; adding under a leaf root wraps both in an
 * `all-of`. Undefined if `groupPath` names no group.
 */
export function insertCondition(
  tree: Precondition | null,
  groupPath: ConditionPath,
  node: Precondition,
  index?: number,
): Precondition | undefined {
  if (!tree) return groupPath.length === 0 ? node : undefined;
  if (groupPath.length === 0 && !isGroup(tree)) return { kind: "all-of", of: [tree, node] };
  const r = rebuild(tree, groupPath, (target) => {
    if (!isGroup(target)) return target;
    const of = [...target.of];
    of.splice(index ?? of.length, 0, node);
    return { ...target, of };
  });
  if (r === undefined || r === null) return undefined;
  const target = conditionAt(tree, groupPath);
  return target && isGroup(target) ? r : undefined;
}

/**
 * The tree without the node at `path`; a group left empty goes too, and removing the root leaves
 * no conditions (null). Undefined if no such node.
 */
export function removeCondition(
  tree: Precondition | null,
  path: ConditionPath,
): Precondition | null | undefined {
  if (!tree) return undefined;
  if (path.length === 0) return null;
  if (conditionAt(tree, path) === undefined) return undefined;
  return rebuild(tree, path, () => null);
}
