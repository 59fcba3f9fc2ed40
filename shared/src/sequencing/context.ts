/**
 * What the sequencing model needs to know about the rest of the framework, given as plain data so
 * that it does not depend on how parties and terms are stored: the parties (id, optional display
 * name and role) and the term ids that exist.
 */

/** Party roles as the framework model defines them. */
export type PartyRole = "party" | "mediator" | "guarantor" | "verifier" | "observer";

export interface ContextParty {
  id: string;
  /** Display name used in messages and summaries ("Party A"); the id is shown when absent. */
  name?: string;
  /** When absent, the party is treated as a principal party ("party"). */
  role?: PartyRole;
}

export interface SequencingContext {
  parties: readonly ContextParty[];
  /** Ids of the terms that exist in the framework text. */
  termIds: readonly string[];
}

/** Fast lookups over a context. */
export interface ContextIndex {
  party(id: string): ContextParty | undefined;
  hasTerm(id: string): boolean;
  partyName(id: string): string;
  /** Principal parties: role "party" (or no role given); they are who must give in every phase. */
  principalPartyIds: string[];
}

export function indexContext(context: SequencingContext): ContextIndex {
  const parties = new Map(context.parties.map((p) => [p.id, p]));
  const terms = new Set(context.termIds);
  return {
    party: (id) => parties.get(id),
    hasTerm: (id) => terms.has(id),
    partyName: (id) => parties.get(id)?.name ?? id,
    principalPartyIds: context.parties
      .filter((p) => (p.role ?? "party") === "party")
      .map((p) => p.id),
  };
}
