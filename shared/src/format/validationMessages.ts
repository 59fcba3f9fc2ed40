/**
 * Validation messages for people, in one place: a schema issue (`name: String must contain at
 * least 1 character`, `definition.date: date must be written YYYY-MM-DD`) becomes a sentence the
 * person can act on ("Give the party a name.", "Date: pick a day from the calendar."). Used by the
 * framework model (parties) and by the sequencing forms; the field labels match the forms'.
 */
import type { z } from "zod";

/** One problem with an input: where (`definition.date`, `""` for the whole record) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
  /** The zod issue code, when known (`too_small`, `too_big`, `invalid_value`, …). */
  code?: string;
  /** For `too_big`: the largest allowed length or value. */
  maximum?: number;
}

interface FieldRule {
  path: RegExp;
  /** The form's label for the field ("Date"). */
  label: string;
  /** What to say when it is empty; `{thing}` is the record ("party", "milestone"). */
  missing: string;
}

const FIELDS: readonly FieldRule[] = [
  // Parties.
  { path: /^shortName/, label: "Short name", missing: "Give the {thing} a short name" },
  { path: /^colour/, label: "Colour", missing: "Pick a colour for the {thing}" },
  { path: /^kind/, label: "Kind", missing: "Choose what kind of body the {thing} is" },
  { path: /^role/, label: "Role", missing: "Choose the {thing}'s role" },
  // Sequencing records.
  { path: /^actorPartyId/, label: "Actor", missing: "Choose the party that acts" },
  { path: /^action/, label: "Action", missing: "Describe the action" },
  { path: /^termId/, label: "Implements term", missing: "Choose the term it implements" },
  { path: /^preconditions/, label: "Waits for", missing: "Choose what the step waits for" },
  { path: /^simultaneousWith/, label: "Simultaneous with", missing: "Choose the steps" },
  { path: /^takenAt/, label: "Taken on", missing: "Choose when the step is taken" },
  { path: /^effectiveAt/, label: "Takes effect on", missing: "Choose when it takes effect" },
  { path: /^deadline/, label: "Deadline", missing: "Choose the deadline's milestone" },
  { path: /^phase/, label: "Phase", missing: "Give the phase a name" },
  { path: /^mechanismId/, label: "Verified by", missing: "Choose the verification mechanism" },
  { path: /^name/, label: "Name", missing: "Give the {thing} a name" },
  { path: /^definition\.date/, label: "Date", missing: "Pick a date" },
  { path: /^definition\.(days|months|years)/, label: "Offset", missing: "Give the offset" },
  { path: /^definition\.fromMilestoneId/, label: "From milestone", missing: "Choose a milestone" },
  {
    path: /^definition\.(firstId|secondId)/,
    label: "Milestones",
    missing: "Choose both milestones",
  },
  { path: /^definition\.event/, label: "Event", missing: "Describe the event" },
  { path: /^definition/, label: "Definition", missing: "Say how the date is set" },
  { path: /^body/, label: "Verifying body", missing: "Choose who verifies" },
  { path: /^verifies/, label: "What is verified", missing: "Say what is verified" },
  { path: /^methods/, label: "Methods", missing: "Give at least one method" },
  { path: /^reportsTo/, label: "Reports to", missing: "Choose who receives the reports" },
  { path: /^confirmsStepIds/, label: "Confirms steps", missing: "Choose the steps" },
  { path: /^guarantor/, label: "Guarantor", missing: "Choose the guarantor" },
  { path: /^beneficiary/, label: "Beneficiary", missing: "Choose the beneficiary" },
  { path: /^obligation/, label: "Obligation", missing: "Describe the obligation" },
  { path: /^trigger/, label: "Trigger", missing: "Describe what triggers it" },
  { path: /^response/, label: "Response", missing: "Describe the response" },
  { path: /^relatedStepIds/, label: "Covers steps", missing: "Choose the steps" },
  { path: /^stepIds/, label: "Steps", missing: "Choose the steps" },
  // Sequencing III: joint actors, step number, end, extent, reporting, reversal, sides.
  { path: /^actors/, label: "Actor", missing: "Choose the party that acts" },
  { path: /^number/, label: "Step number", missing: "Give the step a number" },
  { path: /^end/, label: "Ends", missing: "Say when the step ends" },
  { path: /^extent/, label: "Extent", missing: "Give the quantity and its unit" },
  {
    path: /^reporting/,
    label: "Reporting period",
    missing: "Choose the milestone reports count from",
  },
  { path: /^reversal\.steps/, label: "Reversed steps", missing: "Choose the steps it reverses" },
  {
    path: /^reversal\.notificationMilestoneId/,
    label: "Started by the notification",
    missing: "Choose the notification",
  },
  { path: /^reversal\.stages/, label: "Dispute stages", missing: "Name each stage" },
  { path: /^reversal/, label: "Reversal", missing: "Say what the reversal does" },
  { path: /^partyIds/, label: "Parties of this side", missing: "Choose the parties of the side" },
  { path: /^description/, label: "Description", missing: "Describe the {thing}" },
];

/** Raw schema messages and what a person reads instead (after the field's label). */
const REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/^offset must not be negative$/, "the number of days cannot be negative"],
  [/^offset must be a whole number of days$/, "use a whole number of days"],
  [/^offset must be a number of days$/, "give a number of days"],
  [/^date must be written YYYY-MM-DD$/, "pick a day from the calendar"],
  [/^date does not exist$/, "that day does not exist"],
  [/^colour must be #rrggbb$/, "pick a colour such as #1d4ed8"],
];

const EMPTY = /(must not be empty|needs a|at least 1 character|>=1 character)/i;

/** The form's label for an issue's path ("Date" for `definition.date`), or null. */
export function fieldLabel(path: string): string | null {
  return FIELDS.find((f) => f.path.test(path))?.label ?? null;
}

function sentence(text: string): string {
  const t = text.trim();
  if (t === "") return t;
  const capital = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** One issue as a sentence a person can act on; `thing` names the record ("party"). */
export function humanIssue(issue: ValidationIssue, thing = "record"): string {
  const field = issue.path ? FIELDS.find((f) => f.path.test(issue.path)) : undefined;
  const empty =
    EMPTY.test(issue.message) || (issue.code === "too_small" && /character/.test(issue.message));
  if (field && empty) return sentence(field.missing.replaceAll("{thing}", thing));
  if (field && issue.code === "too_big" && issue.maximum !== undefined) {
    return sentence(`${field.label} is too long: keep it to ${issue.maximum} characters`);
  }
  if (field && issue.code === "invalid_value") {
    return sentence(`${field.label}: choose one of the options`);
  }
  const rewrite = REWRITES.find(([pattern]) => pattern.test(issue.message));
  const message = rewrite ? rewrite[1] : issue.message;
  return sentence(field ? `${field.label}: ${message}` : message);
}

/**
 * The issues as sentences, one per field (its first problem) and each said once:
 * "Give the party a name. Pick a colour …".
 */
export function humanIssues(issues: readonly ValidationIssue[], thing = "record"): string {
  const seen = new Set<string>();
  const first = issues.filter((i) => i.path === "" || (!seen.has(i.path) && seen.add(i.path)));
  return [...new Set(first.map((i) => humanIssue(i, thing)))].join(" ");
}

/** A zod error's issues, with the details `humanIssue` uses. */
export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => {
    const issue: ValidationIssue = { path: i.path.join("."), message: i.message, code: i.code };
    if (i.code === "too_big") issue.maximum = Number(i.maximum);
    return issue;
  });
}
