/**
 * Sequencing step: who does what, implementing which term, under which preconditions, when it is
 * taken and when it takes effect, by when, in which phase, verified by which mechanism.
 */
import { z } from "zod";
import { ChangeStamp, RecordId, ShortText, TimeRef } from "./common.js";

/**
 * A precondition is a small expression tree: `all-of` / `any-of` over leaves that are
 * another step being taken, a milestone being reached, or a verification event (a mechanism
 * reporting that some steps are done).
 */
export type Precondition =
  | { kind: "all-of"; of: Precondition[] }
  | { kind: "any-of"; of: Precondition[] }
  | { kind: "step"; stepId: string }
  | { kind: "milestone"; milestoneId: string }
  | { kind: "verification"; mechanismId: string; stepIds: string[] };

/** Leaves of a precondition tree. */
export type PreconditionLeaf = Extract<
  Precondition,
  { kind: "step" | "milestone" | "verification" }
>;

const MAX_DEPTH = 8;

export const Precondition: z.ZodType<Precondition, Precondition> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("all-of"), of: z.array(Precondition).min(1).max(50) }),
    z.object({ kind: z.literal("any-of"), of: z.array(Precondition).min(1).max(50) }),
    z.object({ kind: z.literal("step"), stepId: RecordId }),
    z.object({ kind: z.literal("milestone"), milestoneId: RecordId }),
    z.object({
      kind: z.literal("verification"),
      mechanismId: RecordId,
      stepIds: z.array(RecordId).max(200),
    }),
  ]),
);

function depth(p: Precondition): number {
  return p.kind === "all-of" || p.kind === "any-of" ? 1 + Math.max(0, ...p.of.map(depth)) : 1;
}

const PreconditionTree = Precondition.refine(
  (p) => depth(p) <= MAX_DEPTH,
  `preconditions may nest at most ${MAX_DEPTH} levels`,
);

export const StepInput = z.strictObject({
  id: RecordId.optional(),
  /** The party that takes the step. */
  actorPartyId: RecordId,
  action: ShortText("action", 1000),
  /** The term (termId) this step implements, if any. */
  termId: RecordId.nullable().default(null),
  preconditions: PreconditionTree.nullable().default(null),
  /** Steps this one is claimed to happen at the same time as. */
  simultaneousWith: z.array(RecordId).max(100).default([]),
  /** When the step is taken. */
  takenAt: TimeRef.nullable().default(null),
  /** When it takes effect (may differ from `takenAt`). */
  effectiveAt: TimeRef.nullable().default(null),
  /** The latest day it must be taken ("Implementation Day + 30 days"). */
  deadline: TimeRef.nullable().default(null),
  /** Phase label ("Phase 1", "Initial actions"); steps without a phase belong to none. */
  phase: z
    .string()
    .trim()
    .max(100, "phase must be at most 100 characters")
    .nullable()
    .default(null)
    .transform((p) => (p === "" ? null : p)),
  /** The verification mechanism that confirms this step. */
  mechanismId: RecordId.nullable().default(null),
  reversible: z.boolean().default(false),
});
export type StepInput = z.input<typeof StepInput>;

export const Step = StepInput.extend({ id: RecordId, changed: ChangeStamp });
export type Step = z.infer<typeof Step>;

/** Every leaf of a precondition tree, with whether it is an alternative (under an `any-of` of 2+). */
export function preconditionLeaves(
  p: Precondition | null,
  alternative = false,
): Array<{ leaf: PreconditionLeaf; alternative: boolean; path: string }> {
  const out: Array<{ leaf: PreconditionLeaf; alternative: boolean; path: string }> = [];
  const walk = (node: Precondition, alt: boolean, path: string) => {
    if (node.kind === "all-of" || node.kind === "any-of") {
      const childAlt = alt || (node.kind === "any-of" && node.of.length > 1);
      node.of.forEach((c, i) => {
        walk(c, childAlt, `${path}.of.${i}`);
      });
    } else {
      out.push({ leaf: node, alternative: alt, path });
    }
  };
  if (p) walk(p, alternative, "preconditions");
  return out;
}
