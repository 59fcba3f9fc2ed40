/**
 * Each party's stance on each term. Stances live in the DISCUSSION room (`<id>/discussion`),
 * not in the framework room, because commenters may record their own party's stance but may not
 * write the framework text. Keys are flat (`${termId}:${partyId}`), one record per pair, so two
 * parties recording stances at the same time never overwrite each other.
 *
 * Validation needs the framework's parties and term ids: build the context with
 * `stanceContext(frameworkDoc)` (or from any other source of the same data, e.g. on the server).
 */

import type * as Y from "yjs";
import { z } from "zod";
import { actorSchema, attribution, type WriteOptions } from "./actor.js";
import { type Checked, checked, describe } from "./attr.js";
import { isId } from "./ids.js";
import { stancesMap } from "./maps.js";
import { listAllParties, type Party, requireActiveParty } from "./party.js";
import { err, ok, type Result } from "./result.js";
import { termIdsInDoc } from "./term.js";
import { STANCE_LABELS, type Stance, stanceSchema } from "./vocabulary.js";

export const MAX_CONDITION_LENGTH = 2000;

export const stanceRecordSchema = z
  .object({
    stance: stanceSchema,
    /** Required (non-empty) for `acceptsWithConditions`, null otherwise. */
    condition: z.string().max(MAX_CONDITION_LENGTH).nullable(),
    by: actorSchema,
    at: z.string().min(1),
  })
  .refine(
    (r) =>
      (r.stance === "acceptsWithConditions") ===
      (r.condition !== null && r.condition.trim() !== ""),
    {
      message: "a condition is required exactly when the stance is 'accepts with conditions'",
    },
  );
export type StanceRecord = z.infer<typeof stanceRecordSchema>;

export interface StanceContext {
  /** All parties of the framework, removed ones included (so the error can say "removed"). */
  parties: readonly Party[];
  /** Ids of the terms in the framework text. */
  termIds: ReadonlySet<string>;
}

/** The validation context read from the framework room. */
export function stanceContext(framework: Y.Doc): StanceContext {
  return { parties: listAllParties(framework), termIds: termIdsInDoc(framework) };
}

export function stanceKey(termId: string, partyId: string): string {
  return `${termId}:${partyId}`;
}

export interface StoredStance {
  termId: string;
  partyId: string;
  record: Checked<StanceRecord>;
}

/**
 * Every stored stance, valid or marked invalid, sorted by term then party (Y.Map iteration order
 * differs between replicas). Never throws; malformed keys are skipped.
 */
export function readStances(discussion: Y.Doc): StoredStance[] {
  const out: StoredStance[] = [];
  stancesMap(discussion).forEach((raw, key) => {
    const [termId, partyId, extra] = key.split(":");
    if (extra !== undefined || !isId(termId) || !isId(partyId)) return;
    out.push({
      termId,
      partyId,
      record: checked(stanceRecordSchema, raw, `stance of ${partyId} on ${termId}`),
    });
  });
  return out.sort((a, b) => a.termId.localeCompare(b.termId) || a.partyId.localeCompare(b.partyId));
}

export function readStance(
  discussion: Y.Doc,
  termId: string,
  partyId: string,
): Checked<StanceRecord> | null {
  const raw = stancesMap(discussion).get(stanceKey(termId, partyId));
  return raw === undefined
    ? null
    : checked(stanceRecordSchema, raw, `stance of ${partyId} on ${termId}`);
}

export interface StanceInput {
  termId: string;
  partyId: string;
  stance: unknown;
  /** The condition text, for `acceptsWithConditions`. */
  condition?: string | null;
}

/** Validates a stance change without writing it (the server can use it on REST input). */
export function validateStance(input: StanceInput, context: StanceContext): Result<Stance> {
  const stance = stanceSchema.safeParse(input.stance);
  if (!stance.success) {
    return err(
      "unknownStance",
      `Unknown stance ${describe(input.stance)}: use one of ${Object.values(STANCE_LABELS).join(", ")}.`,
    );
  }
  const party = requireActiveParty(context.parties, input.partyId);
  if (!party.ok) return party;
  if (!context.termIds.has(input.termId)) {
    return err("unknownTerm", `There is no term "${input.termId}" in this framework.`);
  }
  const condition = input.condition?.trim() ?? "";
  if (stance.data === "acceptsWithConditions" && condition === "") {
    return err("invalid", "Say what the conditions are.");
  }
  if (condition.length > MAX_CONDITION_LENGTH) {
    return err("invalid", `The condition is longer than ${MAX_CONDITION_LENGTH} characters.`);
  }
  return ok(stance.data);
}

/**
 * Records a party's stance on a term (who and when included). Refuses, writing nothing: unknown
 * stance, unknown or removed party, unknown term, missing condition, invalid actor.
 * The condition is kept only for `acceptsWithConditions`.
 */
export function setStance(
  discussion: Y.Doc,
  input: StanceInput,
  context: StanceContext,
  options: WriteOptions,
): Result<StanceRecord> {
  const stance = validateStance(input, context);
  if (!stance.ok) return stance;
  const actor = actorSchema.safeParse(options.actor);
  if (!actor.success) return err("invalid", "Who made this change is missing or invalid.");
  const record: StanceRecord = {
    stance: stance.value,
    condition: stance.value === "acceptsWithConditions" ? (input.condition ?? "").trim() : null,
    ...attribution({ ...options, actor: actor.data }),
  };
  stancesMap(discussion).set(stanceKey(input.termId, input.partyId), record);
  return ok(record);
}

/**
 * Whether a person may record `partyId`'s stance: only a party speaks for itself. Mediators for
 * any party (marked as recorded on its behalf, `recordedOnBehalf`), commenters and drafters only
 * for their own party, observers never. (The server enforces it; the UI uses it to disable what
 * would be refused.)
 */
export function mayRecordStance(
  who: { role: "mediator" | "drafter" | "commenter" | "observer"; party: string | null },
  partyId: string,
): boolean {
  if (who.role === "mediator") return true;
  return (who.role === "commenter" || who.role === "drafter") && who.party === partyId;
}

/**
 * Whether a record about `partyId` was written by someone outside that party: since only a party
 * speaks for itself, that is a mediator recording on the party's behalf (or, for records from
 * before this rule, another party's drafter). The UI shows it visibly, not only on hover.
 */
export function recordedOnBehalf(by: { party: string | null }, partyId: string): boolean {
  return by.party !== partyId;
}

export function observeStances(discussion: Y.Doc, listener: () => void): () => void {
  const map = stancesMap(discussion);
  const handler = () => listener();
  map.observe(handler);
  return () => map.unobserve(handler);
}
