/**
 * A refused write, as a person reads it: each issue of the accessor's error with the form's field
 * name instead of the record path ("Deadline: offset must not be negative").
 */
import type { SequencingError } from "@parley/shared/sequencing/index";

const FIELD_LABELS: Array<[RegExp, string]> = [
  [/^actorPartyId/, "Actor"],
  [/^action/, "Action"],
  [/^termId/, "Implements term"],
  [/^preconditions/, "Waits for"],
  [/^simultaneousWith/, "Simultaneous with"],
  [/^takenAt/, "Taken on"],
  [/^effectiveAt/, "Takes effect on"],
  [/^deadline/, "Deadline"],
  [/^phase/, "Phase"],
  [/^mechanismId/, "Verified by"],
  [/^name/, "Name"],
  [/^definition\.date/, "Date"],
  [/^definition\.days/, "Days after"],
  [/^definition\.fromMilestoneId/, "From milestone"],
  [/^definition\.(firstId|secondId)/, "Milestones"],
  [/^definition\.event/, "Event"],
  [/^definition/, "Definition"],
  [/^body/, "Verifying body"],
  [/^verifies/, "What is verified"],
  [/^methods/, "Methods"],
  [/^reportsTo/, "Reports to"],
  [/^confirmsStepIds/, "Confirms steps"],
  [/^guarantor/, "Guarantor"],
  [/^beneficiary/, "Beneficiary"],
  [/^obligation/, "Obligation"],
  [/^trigger/, "Trigger"],
  [/^response/, "Response"],
  [/^relatedStepIds/, "Covers steps"],
  [/^stepIds/, "Steps"],
  [/^description/, "Description"],
];

export function fieldLabel(path: string): string | null {
  for (const [pattern, label] of FIELD_LABELS) if (pattern.test(path)) return label;
  return null;
}

/** "Refused — Deadline: offset must not be negative; Actor: unknown party “p-x”". */
export function describeRefusal(error: SequencingError): string {
  const parts = error.issues.map((issue) => {
    const label = issue.path ? fieldLabel(issue.path) : null;
    // An unset select arrives as an empty id.
    const message =
      issue.message === "id must not be empty" && label ? "choose one" : issue.message;
    return label ? `${label}: ${message}` : message;
  });
  const text = parts.length > 0 ? [...new Set(parts)].join("; ") : error.message;
  return `Not saved — ${text}.`;
}
