// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  insertMention,
  type MentionCandidate,
  mentionQueryAt,
  mentionsInBody,
  suggestMentions,
} from "./mentions.js";

const candidates: MentionCandidate[] = [
  { mention: { kind: "party", label: "North", partyId: "north" }, description: "party" },
  { mention: { kind: "person", label: "Amira Haddad", authorId: "u-a" }, description: "person" },
  { mention: { kind: "person", label: "Boris Lenz", authorId: null }, description: "here" },
];

describe("mentions", () => {
  it("finds the @query before the caret, only after a space or at the start", () => {
    expect(mentionQueryAt("Hi @Am", 6)).toEqual({ start: 3, query: "Am" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("mail a@b", 8)).toBeNull();
    expect(mentionQueryAt("Hi there", 8)).toBeNull();
  });

  it("suggests by prefix of the label or of a word in it", () => {
    expect(suggestMentions(candidates, "ha").map((c) => c.mention.label)).toEqual(["Amira Haddad"]);
    expect(suggestMentions(candidates, "").length).toBe(3);
    expect(suggestMentions(candidates, "zz")).toEqual([]);
  });

  it("inserts the label and keeps only mentions still in the body", () => {
    const inserted = insertMention("Hi @Am rest", 3, 6, "Amira Haddad");
    expect(inserted).toEqual({ text: "Hi @Amira Haddad  rest", caret: 17 });
    const chosen = candidates.map((c) => c.mention);
    expect(mentionsInBody("ask @North and @North", chosen)).toEqual([chosen[0]]);
  });
});
