/**
 * Parties of a framework: who negotiates, mediates, guarantees, verifies or observes. Stored in the
 * framework room's `parties` map (partyId → record). Removal is soft (`removedAt` set) so that
 * history entries and old stances still resolve to a name; removed parties are refused for new
 * stances, proposals and support.
 */

import type * as Y from "yjs";
import { z } from "zod";
import { humanIssues, issuesOf } from "../format/validationMessages.js";
import { cleanSingleLine } from "../text/clean.js";
import { type Checked, checked } from "./attr.js";
import { ID_PATTERN, newId } from "./ids.js";
import { partiesMap } from "./maps.js";
import { err, ok, type Result } from "./result.js";

export const PARTY_KINDS = ["state", "organisation", "bloc"] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PARTY_ROLES = ["party", "mediator", "guarantor", "verifier", "observer"] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const partyIdSchema = z
  .string()
  .regex(ID_PATTERN, "a party id is 1-64 letters, digits, _ or -");

/**
 * Names are one line of plain text: controls, line breaks and bidirectional overrides are removed
 * (`text/clean.ts`) when a party is written and when a stored one is read.
 */
const partyName = () => z.string().overwrite(cleanSingleLine).trim();

export const partyInputSchema = z.object({
  name: partyName().min(1, "a party needs a name").max(120),
  shortName: partyName().min(1, "a party needs a short name").max(16),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "colour must be #rrggbb"),
  kind: z.enum(PARTY_KINDS),
  role: z.enum(PARTY_ROLES),
});
export type PartyInput = z.infer<typeof partyInputSchema>;

export const partySchema = partyInputSchema.extend({
  id: partyIdSchema,
  /** ISO time of removal; `null` while the party takes part. */
  removedAt: z.string().nullable(),
});
export type Party = z.infer<typeof partySchema>;

/** A stored entry as read: valid, or marked invalid with its raw value. */
export interface StoredParty {
  id: string;
  party: Checked<Party>;
}

function messageOf(error: z.ZodError): string {
  return humanIssues(issuesOf(error), "party");
}

/** Every stored party entry, valid or not, sorted by id. Never throws. */
export function readStoredParties(framework: Y.Doc): StoredParty[] {
  const out: StoredParty[] = [];
  partiesMap(framework).forEach((raw, id) => {
    out.push({ id, party: checked(partySchema, raw, `party "${id}"`) });
  });
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Valid parties, including removed ones (for names in history). */
export function listAllParties(framework: Y.Doc): Party[] {
  return readStoredParties(framework).flatMap((p) => (p.party.valid ? [p.party.value] : []));
}

/** Valid parties that take part (not removed), sorted by name. */
export function listParties(framework: Y.Doc): Party[] {
  return listAllParties(framework)
    .filter((p) => p.removedAt === null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function getParty(framework: Y.Doc, id: string): Party | null {
  const parsed = partySchema.safeParse(partiesMap(framework).get(id));
  return parsed.success ? parsed.data : null;
}

/**
 * Checks that `id` names a party that takes part; the error says whether it is unknown or was
 * removed. Used by every write that refers to a party.
 */
export function requireActiveParty(parties: readonly Party[], id: unknown): Result<Party> {
  if (typeof id !== "string") return err("unknownParty", `Unknown party ${JSON.stringify(id)}.`);
  const party = parties.find((p) => p.id === id);
  if (!party) return err("unknownParty", `Unknown party "${id}": add it to the framework first.`);
  if (party.removedAt !== null) {
    return err(
      "removedParty",
      `${party.name} (${party.shortName}) was removed from this framework.`,
    );
  }
  return ok(party);
}

/** Adds a party; `id` defaults to a fresh one. Refuses invalid fields and a short name in use. */
export function addParty(framework: Y.Doc, input: PartyInput & { id?: string }): Result<Party> {
  const parsed = partyInputSchema.safeParse(input);
  if (!parsed.success) return err("invalid", messageOf(parsed.error));
  const id = input.id ?? newId("p");
  if (!ID_PATTERN.test(id)) return err("invalid", `Invalid party id "${id}".`);
  const map = partiesMap(framework);
  if (map.has(id)) return err("duplicate", `A party with id "${id}" already exists.`);
  const clash = listParties(framework).find(
    (p) => p.shortName.toLowerCase() === parsed.data.shortName.toLowerCase(),
  );
  if (clash)
    return err(
      "duplicate",
      `The short name "${clash.shortName}" is already used by ${clash.name}.`,
    );
  const party: Party = { ...parsed.data, id, removedAt: null };
  map.set(id, party);
  return ok(party);
}

/** Changes some fields of an active party (the record is replaced whole: last writer wins). */
export function updateParty(
  framework: Y.Doc,
  id: string,
  patch: Partial<PartyInput>,
): Result<Party> {
  const current = getParty(framework, id);
  if (!current) return err("unknownParty", `Unknown party "${id}".`);
  if (current.removedAt !== null) return err("removedParty", `${current.name} was removed.`);
  const parsed = partyInputSchema.safeParse({ ...current, ...patch });
  if (!parsed.success) return err("invalid", messageOf(parsed.error));
  const clash = listParties(framework).find(
    (p) => p.id !== id && p.shortName.toLowerCase() === parsed.data.shortName.toLowerCase(),
  );
  if (clash)
    return err(
      "duplicate",
      `The short name "${clash.shortName}" is already used by ${clash.name}.`,
    );
  const party: Party = { ...parsed.data, id, removedAt: null };
  partiesMap(framework).set(id, party);
  return ok(party);
}

/** Something that still refers to a party; `removeParty` lists them so the UI can ask first. */
export type PartyReference =
  | { kind: "stance"; termId: string }
  | { kind: "optionProposer"; bracketId: string; optionId: string }
  | { kind: "optionSupporter"; bracketId: string; optionId: string }
  | { kind: "optionOpponent"; bracketId: string; optionId: string };

/**
 * Soft-removes a party. When something still refers to it (pass the references found with
 * `findPartyReferences`), refuses with code `partyReferenced` and the list in `details`, unless
 * `confirmed` is true (the person saw the list and agreed).
 */
export function removeParty(
  framework: Y.Doc,
  id: string,
  options: { references: readonly PartyReference[]; confirmed?: boolean; now?: Date },
): Result<Party> {
  const current = getParty(framework, id);
  if (!current) return err("unknownParty", `Unknown party "${id}".`);
  if (current.removedAt !== null)
    return err("removedParty", `${current.name} was already removed.`);
  if (options.references.length > 0 && !options.confirmed) {
    return err(
      "partyReferenced",
      `${current.name} is still referred to by ${options.references.length} item(s): confirm to remove.`,
      options.references,
    );
  }
  const party: Party = { ...current, removedAt: (options.now ?? new Date()).toISOString() };
  partiesMap(framework).set(id, party);
  return ok(party);
}
