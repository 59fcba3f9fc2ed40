import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addParty } from "../model/party.js";
import { addMilestone } from "../sequencing/records.js";
import { humanIssue, humanIssues } from "./validationMessages.js";

const author = { actor: { name: "Test", party: null }, context: { parties: [], termIds: [] } };

describe("humanIssue", () => {
  it("asks for an empty field by name instead of quoting the schema", () => {
    expect(humanIssue({ path: "name", message: "a party needs a name" }, "party")).toBe(
      "Give the party a name.",
    );
    expect(
      humanIssue({ path: "actorPartyId", message: "id must not be empty", code: "too_small" }),
    ).toBe("Choose the party that acts.");
  });

  it("names the form's field, not the record path, and rewrites schema wording", () => {
    expect(
      humanIssue({ path: "definition.date", message: "date must be written YYYY-MM-DD" }),
    ).toBe("Date: pick a day from the calendar.");
    expect(
      humanIssue({ path: "deadline.offsetDays", message: "offset must not be negative" }),
    ).toBe("Deadline: the number of days cannot be negative.");
  });

  it("says how long a too-long field may be", () => {
    expect(
      humanIssue({ path: "shortName", message: "Too big", code: "too_big", maximum: 16 }, "party"),
    ).toBe("Short name is too long: keep it to 16 characters.");
  });

  it("keeps a message that is already for people, as a sentence", () => {
    expect(humanIssue({ path: "", message: "a step cannot refer to itself" })).toBe(
      "A step cannot refer to itself.",
    );
  });

  it("says each thing once", () => {
    const issue = { path: "name", message: "name must not be empty" };
    expect(humanIssues([issue, issue], "milestone")).toBe("Give the milestone a name.");
  });
});

describe("validation messages where they are produced", () => {
  it("a party without a name is refused with a sentence, not a schema path", () => {
    const doc = new Y.Doc();
    const result = addParty(doc, {
      name: " ",
      shortName: "",
      colour: "#123456",
      kind: "state",
      role: "party",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe("Give the party a name. Give the party a short name.");
    expect(result.error.message).not.toMatch(/name:|shortName/);
  });

  it("a milestone without a date is refused with the form's words", () => {
    const doc = new Y.Doc();
    const result = addMilestone(
      doc,
      { name: "Adoption Day", definition: { kind: "fixed", date: "6/12/2026" } },
      author,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(humanIssues(result.error.issues, "milestone")).toBe(
      "Date: pick a day from the calendar.",
    );
  });
});
