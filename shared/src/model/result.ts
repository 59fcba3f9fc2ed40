import type { ValidationIssue } from "../format/validationMessages.js";

/**
 * Results instead of exceptions for domain validation: every write in `model/` validates first and
 * returns `err(...)` with a message a person can read, before anything is written, so a refused
 * change never lands half-way inside a Yjs transaction. Codes are camelCase; add the ones you need.
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
  | "notAllowed"
  /** The record refers to itself where that makes no sense (a step depending on itself). */
  | "selfReference"
  /** The record names a party, term or record that does not exist. */
  | "unknownReference"
  /** The record to update or remove does not exist. */
  | "notFound";

export interface DomainError {
  code: DomainErrorCode;
  /** A sentence for the UI, e.g. `Unknown party "xx": add it to the framework first.` */
  message: string;
  /** Extra structured data, e.g. the references that block a party's removal. */
  details?: unknown;
}

/** A refusal located in the input: one issue per problem, with the field's path. */
export interface InputError extends DomainError {
  issues: ValidationIssue[];
}

export type Result<T, E extends DomainError = DomainError> =
  | { ok: true; value: T }
  | { ok: false; error: E };

export function ok<T>(value: T): Result<T, never> {
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

/** A refusal with its issues (`path` like `preconditions.of.0.stepId`); the message joins them. */
export function errIssues(
  code: DomainErrorCode,
  issues: ValidationIssue[],
): Result<never, InputError> {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return { ok: false, error: { code, message, issues } };
}
