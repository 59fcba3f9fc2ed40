/**
 * What the sequencing views need from the rest of the framework: the parties (with their colours,
 * for the graph) and the term ids that exist, read from the framework Y.Doc through the shared
 * model. Pure: no React.
 */
import { listParties, type PartyRole } from "@parley/shared/model/party";
import { termIdsInDoc } from "@parley/shared/model/term";
import type { BodyRef, SequencingContext } from "@parley/shared/sequencing/index";
import type * as Y from "yjs";

export interface PartyInfo {
  id: string;
  name: string;
  shortName: string;
  colour: string;
  role: PartyRole;
}

export interface FrameworkContext {
  parties: PartyInfo[];
  termIds: string[];
}

export function readFrameworkContext(doc: Y.Doc): FrameworkContext {
  return {
    parties: listParties(doc).map((p) => ({
      id: p.id,
      name: p.name,
      shortName: p.shortName,
      colour: p.colour,
      role: p.role,
    })),
    termIds: [...termIdsInDoc(doc)].sort(),
  };
}

/** The shape the shared sequencing model takes. */
export function toSequencingContext(context: FrameworkContext): SequencingContext {
  return {
    parties: context.parties.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    termIds: context.termIds,
  };
}

/** Whether two contexts name the same parties (all fields) and terms. */
export function sameContext(a: FrameworkContext, b: FrameworkContext): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Neutral grey for a step whose actor is unknown (removed party, bad data). */
export const UNKNOWN_PARTY_COLOUR = "#8a94a6";

export function partyColour(context: FrameworkContext, partyId: string): string {
  return context.parties.find((p) => p.id === partyId)?.colour ?? UNKNOWN_PARTY_COLOUR;
}

/**
 * How a list names a body (verifier, guarantor, beneficiary): the party's name, the body record's
 * name (from `bodies`), or the named body.
 */
export function bodyName(
  context: FrameworkContext,
  body: BodyRef,
  bodies: readonly { id: string; name: string }[] = [],
): string {
  if (body.kind === "named") return body.name;
  if (body.kind === "body") return bodies.find((b) => b.id === body.bodyId)?.name ?? body.bodyId;
  return context.parties.find((p) => p.id === body.partyId)?.name ?? body.partyId;
}
