/**
 * Who is in the document now, from the awareness states. Awareness is untrusted input (any
 * client can publish anything), so every field is checked before it reaches the UI.
 */
import { isHexColour } from "./identity.js";

export interface Participant {
  clientId: number;
  name: string;
  colour: string;
  isSelf: boolean;
}

/** Shown for a peer whose awareness state has no usable colour. */
export const FALLBACK_COLOUR = "#6b7280";
const MAX_SHOWN_NAME = 60;

function readUser(state: unknown): { name: string; colour: string } | null {
  if (typeof state !== "object" || state === null || !("user" in state)) return null;
  const user: unknown = state.user;
  if (typeof user !== "object" || user === null) return null;
  const name = "name" in user && typeof user.name === "string" ? user.name.trim() : "";
  if (name.length === 0) return null;
  const colour = "color" in user && isHexColour(user.color) ? user.color : FALLBACK_COLOUR;
  return { name: name.slice(0, MAX_SHOWN_NAME), colour };
}

/** Me first, then everyone else by name; states without a named user are left out. */
export function participantsFrom(
  states: ReadonlyMap<number, unknown>,
  selfClientId: number,
): Participant[] {
  const people: Participant[] = [];
  for (const [clientId, state] of states) {
    const user = readUser(state);
    if (user) people.push({ clientId, ...user, isSelf: clientId === selfClientId });
  }
  return people.sort((a, b) => {
    if (a.isSelf !== b.isSelf) return a.isSelf ? -1 : 1;
    return a.name.localeCompare(b.name) || a.clientId - b.clientId;
  });
}

/** Same people, names, colours and order: a caret moving changes none of these. */
export function sameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.clientId === y.clientId &&
        x.name === y.name &&
        x.colour === y.colour &&
        x.isSelf === y.isSelf
      );
    })
  );
}
