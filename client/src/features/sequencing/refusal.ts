/**
 * A refused write, as a person reads it: each issue of the accessor's error as a sentence with
 * the form's field name instead of the record path ("Deadline: the number of days cannot be
 * negative."). The wording lives in shared/src/format/validationMessages.ts.
 */
import { humanIssues } from "@parley/shared/format/validationMessages";
import type { InputError } from "@parley/shared/model/result";

/** "Not saved — Deadline: the number of days cannot be negative. Choose the party that acts." */
export function describeRefusal(error: InputError, thing = "record"): string {
  const text = error.issues.length > 0 ? humanIssues(error.issues, thing) : error.message;
  return `Not saved — ${/[.!?]$/.test(text) ? text : `${text}.`}`;
}
