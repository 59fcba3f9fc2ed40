/**
 * Results instead of exceptions for domain validation: every write in `model/` validates first and
 * returns `err(...)` with a message a person can read, before anything is written, so a refused
 * change never lands half-way inside a Yjs transaction.
 */

export type DomainErrorCode =
  | "invalid"
  | "unknownParty"
  | "removedParty"
  | "unknownTerm"
  | "unknownStatus"
  | "unknownStance"
  | "unknownBracket"
  | "unknownOption"
  | "partyReferenced"
  | "duplicate"
  | "notAllowed";

export interface DomainError {
  code: DomainErrorCode;
  /** A sentence for the UI, e.g. `Unknown party "xx": add it to the framework first.` */
  message: string;
  /** Extra structured data, e.g. the references that block a party's removal. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(
  code: DomainErrorCode,
  message: string,
  details?: unknown,
): Result<T> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
