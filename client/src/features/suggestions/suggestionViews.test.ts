// @vitest-environment node
import { describe, expect, it } from "vitest";
import { projectForView } from "./suggestionViews.js";

const by = {
  id: "s-abcdefghij",
  author: "Lena",
  party: "party-a",
  member: "m-1",
  at: "2026-12-06T08:00:00.000Z",
};
const doc = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "within " },
        { type: "text", text: "60", marks: [{ type: "suggestDelete", attrs: by }] },
        { type: "text", text: "90", marks: [{ type: "suggestInsert", attrs: by }] },
        { type: "text", text: " days" },
      ],
    },
  ],
};

describe("projectForView", () => {
  it("shows the text with every suggestion accepted, or as it was", () => {
    const text = (json: typeof doc) =>
      JSON.stringify(json)
        .match(/"text":"[^"]*"/g)
        ?.join("");
    expect(text(projectForView(doc, "accepted") as typeof doc)).toBe('"text":"within 90 days"');
    expect(text(projectForView(doc, "original") as typeof doc)).toBe('"text":"within 60 days"');
    expect(projectForView(doc, "shown")).toBe(doc);
  });
});
