/**
 * Awareness states are relayed to everyone in a room, so the server makes the `user` field of
 * each state say who the token says the connection is: the invite's name (when it fixes one),
 * party and role, and the person's one colour (`colours.ts`, from the member id). Other fields
 * (cursor, selection) pass through untouched.
 */
import { cleanSingleLine } from "../text/clean.js";
import { colourOfMember } from "./colours.js";
import type { Principal } from "./roles.js";

const MAX_NAME_LENGTH = 120;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The state to relay instead of `state`; `null` states (a client leaving) stay `null`. */
export function correctAwarenessState(state: unknown, principal: Principal): unknown {
  if (!isRecord(state) || !("user" in state)) return state;
  const claimed = isRecord(state.user) ? state.user : {};
  const claimedName =
    typeof claimed.name === "string" ? cleanSingleLine(claimed.name.slice(0, MAX_NAME_LENGTH)) : "";
  return {
    ...state,
    user: {
      ...claimed,
      name: principal.name ?? claimedName,
      party: principal.party,
      role: principal.role,
      color: colourOfMember(principal.member),
    },
  };
}

/**
 * Whether the state claims another person's name, party or role (to audit impersonation
 * attempts). The colour is not checked: the server sets it, whatever a client proposes.
 */
export function awarenessClaimsOtherIdentity(state: unknown, principal: Principal): boolean {
  if (!isRecord(state) || !isRecord(state.user)) return false;
  const user = state.user;
  if (principal.name !== null && "name" in user && user.name !== principal.name) return true;
  if ("party" in user && user.party !== principal.party) return true;
  if ("role" in user && user.role !== principal.role) return true;
  return false;
}
