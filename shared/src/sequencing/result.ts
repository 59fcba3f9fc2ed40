/** A value or a clear, person-readable refusal. Write operations return this instead of throwing. */
export type Result<T, E = SequencingError> = { ok: true; value: T } | { ok: false; error: E };

/** One reason a write was refused, located in the input (`path` like `preconditions.of.0.stepId`). */
export interface SequencingIssue {
  path: string;
  message: string;
  /** The schema's issue code when the shape was refused (`too_small`, `too_big`, …). */
  code?: string;
  maximum?: number;
}

export type SequencingErrorCode =
  /** The input does not have the right shape (missing field, negative offset, bad date, …). */
  | "invalid_input"
  /** The record refers to itself where that makes no sense (a step depending on itself). */
  | "self_reference"
  /** The record names a party, term, step, milestone or mechanism that does not exist. */
  | "unknown_reference"
  /** The record to update or remove does not exist. */
  | "not_found"
  /** A record with this id already exists. */
  | "duplicate_id";

export interface SequencingError {
  code: SequencingErrorCode;
  /** A sentence a person can act on; all issues joined. */
  message: string;
  issues: SequencingIssue[];
}

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function fail(code: SequencingErrorCode, issues: SequencingIssue[]): Result<never> {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return { ok: false, error: { code, message, issues } };
}
