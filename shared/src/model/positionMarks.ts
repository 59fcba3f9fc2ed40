/**
 * Who recorded a party's position on a bracket option, when it was not the party itself: a
 * mediator recording on the party's behalf leaves a mark (`positionMarks` map of the framework
 * room, key `${optionId}:${partyId}`), and the bracket panel shows it ("recorded by the mediator").
 * The position itself stays in the option's `supportedBy` / `opposedBy` attributes, so older
 * documents and the export are unchanged; a mark is removed when the party records its own
 * position (or the mediator clears it).
 *
 * Only a mediator may write a mark; a drafter may only remove its own party's (by recording its
 * own position): `frameworkPolicy.ts`.
 */
import type * as Y from "yjs";
import type { z } from "zod";
import { attribution, attributionSchema, type WriteOptions } from "./actor.js";
import {
  type BracketContext,
  type OptionPosition,
  setOptionPosition,
  type TransactionTarget,
} from "./bracket.js";
import { positionMarksMap } from "./maps.js";
import type { Result } from "./result.js";
import { ok } from "./result.js";

export const positionMarkSchema = attributionSchema;
export type PositionMark = z.infer<typeof positionMarkSchema>;

export function positionMarkKey(optionId: string, partyId: string): string {
  return `${optionId}:${partyId}`;
}

/** The valid marks, by `${optionId}:${partyId}`. Never throws. */
export function readPositionMarks(framework: Y.Doc): Map<string, PositionMark> {
  const out = new Map<string, PositionMark>();
  positionMarksMap(framework).forEach((raw, key) => {
    const parsed = positionMarkSchema.safeParse(raw);
    if (parsed.success) out.set(key, parsed.data);
  });
  return out;
}

/**
 * Records a party's position on an option (`setOptionPosition`) and, in the same Yjs transaction,
 * its mark: set when `onBehalf` (a mediator for another party), removed otherwise.
 */
export function recordPosition(
  target: TransactionTarget,
  framework: Y.Doc,
  input: { optionId: string; partyId: string; position: OptionPosition },
  context: BracketContext,
  options: WriteOptions & { onBehalf: boolean },
): Result<PositionMark | null> {
  const result = setOptionPosition(target.state, input, context);
  if (!result.ok) return result;
  const key = positionMarkKey(input.optionId, input.partyId);
  const marks = positionMarksMap(framework);
  const mark = options.onBehalf && input.position !== "neutral" ? attribution(options) : null;
  framework.transact(() => {
    target.dispatch(result.value);
    if (mark) marks.set(key, mark);
    else if (marks.has(key)) marks.delete(key);
  });
  return ok(mark);
}
