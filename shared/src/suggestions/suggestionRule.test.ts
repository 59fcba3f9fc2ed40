import type { Node as PMNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import {
  checkSuggestionOnlyChange,
  FORMATTING_REFUSED,
  type SuggestionRuleContext,
} from "./suggestionRule.js";
import { ANNA, BORIS, block, bold, by, comment, del, doc, ins, p, sp, term } from "./testDocs.js";

/** Anna (party p-a) is the principal in every case. */
function check(before: PMNode, after: PMNode, context?: SuggestionRuleContext) {
  return checkSuggestionOnlyChange(before, after, ANNA, context);
}

function refusal(before: PMNode, after: PMNode, context?: SuggestionRuleContext): string {
  const result = check(before, after, context);
  if (result.ok) throw new Error("expected a refusal");
  expect(result.error.code).toBe("notAllowed");
  return result.error.message;
}

const filler = Array.from({ length: 5 }, (_, i) => p(`Filler ${i}`));
const base = doc(
  p("Payment within 60 days."),
  term("t-1", [p("Verification by the agency.")]),
  ...filler,
);

describe("a suggestion-only change is allowed", () => {
  it("the author's own insertion, deletion and replacement", () => {
    const insertion = doc(
      p("Payment within 60 ", ins("calendar ", by(ANNA, "s-1")), "days."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(check(base, insertion)).toEqual({ ok: true, value: { changed: ["s-1"] } });
    const deletion = doc(
      p("Payment ", del("within 60 days", by(ANNA, "s-2")), "."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(check(base, deletion).ok).toBe(true);
    const replacement = doc(
      p("Payment within ", del("60", by(ANNA, "s-3")), ins("90", by(ANNA, "s-3")), " days."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(check(base, replacement).ok).toBe(true);
    // Withdrawing: back to the base text.
    expect(check(replacement, base)).toEqual({ ok: true, value: { changed: ["s-3"] } });
    // Typing more into one's own suggestion.
    const longer = doc(
      p("Payment within ", del("60", by(ANNA, "s-3")), ins("90 or 120", by(ANNA, "s-3")), " days."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(check(replacement, longer).ok).toBe(true);
  });

  it("the author's new paragraph (a split) and new term", () => {
    const split = doc(
      p("Payment within 60 days."),
      term("t-1", [p("Verification "), sp(block("insert", ANNA, "s-1"), "by the agency.")]),
      ...filler,
    );
    expect(check(base, split).ok).toBe(true);
    const newTerm = doc(
      p("Payment within 60 days."),
      term("t-1", [p("Verification by the agency.")]),
      term(
        "t-2",
        [p(ins("Sanctions relief follows.", by(ANNA, "s-2")))],
        block("insert", ANNA, "s-2"),
      ),
      ...filler,
    );
    expect(check(base, newTerm).ok).toBe(true);
  });

  it("typing inside another author's insertion, and inside a commented range", () => {
    const boris = doc(p("Pay ", ins("promptly", by(BORIS, "s-9"))));
    const inside = doc(
      p(
        "Pay ",
        ins("prom", by(BORIS, "s-9")),
        ins("(very) ", by(ANNA, "s-1")),
        ins("ptly", by(BORIS, "s-9")),
      ),
    );
    expect(check(boris, inside).ok).toBe(true);
    const commented = doc(p(text("Pay within 60 days", "c-1")));
    const typed = doc(
      p(
        text("Pay within ", "c-1"),
        ins("ninety or ", by(ANNA, "s-2"), comment("c-1")),
        text("60 days", "c-1"),
      ),
    );
    expect(check(commented, typed).ok).toBe(true);
  });
});

function text(value: string, thread: string) {
  return doc(p()).type.schema.text(value, [comment(thread)]);
}

describe("anything else is refused", () => {
  it("an insertion without a suggestion mark", () => {
    const after = doc(
      p("Payment within 60 calendar days."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(refusal(base, after)).toMatch(/changes the text itself/);
  });

  it("a forged author: another name, party or member", () => {
    const forged = (attrs: ReturnType<typeof by>) =>
      doc(
        p("Payment within 60 ", ins("calendar ", attrs), "days."),
        term("t-1", [p("Verification by the agency.")]),
        ...filler,
      );
    expect(refusal(base, forged(by(BORIS, "s-1")))).toMatch(/author's own name, party and member/);
    expect(refusal(base, forged({ ...by(ANNA, "s-1"), party: "p-b" }))).toMatch(/own name/);
    expect(refusal(base, forged({ ...by(ANNA, "s-1"), member: "m-other" }))).toMatch(/own name/);
    expect(refusal(base, forged({ ...by(ANNA, "s-1"), id: "bad id!" }))).toMatch(
      /without valid attributes/,
    );
  });

  it("an id already used by another author's suggestion elsewhere in the document", () => {
    const before = doc(
      p("Payment within 60 days."),
      ...filler,
      p("End ", ins("note", by(BORIS, "s-7"))),
    );
    const after = doc(
      p("Payment within 60 ", ins("calendar ", by(ANNA, "s-7")), "days."),
      ...filler,
      p("End ", ins("note", by(BORIS, "s-7"))),
    );
    expect(refusal(before, after)).toMatch(/s-7 is already used by another author/);
  });

  it("deleting unmarked text", () => {
    const after = doc(
      p("Payment within days."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(refusal(base, after)).toMatch(/changes the text itself/);
  });

  it("deleting, accepting or rejecting another author's suggestion", () => {
    const before = doc(
      p("Pay ", ins("promptly ", by(BORIS, "s-9")), del("later", by(BORIS, "s-8"))),
    );
    // Removing Boris's insertion (rejecting it) leaves the original text as it was: still refused.
    expect(refusal(before, doc(p("Pay ", del("later", by(BORIS, "s-8")))))).toMatch(
      /only its author may change or withdraw suggestion s-9/,
    );
    // Accepting Boris's deletion.
    expect(refusal(before, doc(p("Pay ", ins("promptly ", by(BORIS, "s-9")))))).toMatch(
      /changes the text itself/,
    );
    // Rejecting it (dropping the mark).
    expect(refusal(before, doc(p("Pay ", ins("promptly ", by(BORIS, "s-9")), "later")))).toMatch(
      /s-8/,
    );
    // Formatting Boris's suggested text.
    expect(
      refusal(
        before,
        doc(p("Pay ", ins("promptly ", by(BORIS, "s-9"), bold()), del("later", by(BORIS, "s-8")))),
      ),
    ).toMatch(/s-9/);
  });

  it("unmarked text added inside another author's new term", () => {
    const before = doc(
      p("x"),
      term("t-2", [p(ins("New", by(BORIS, "s-1")))], block("insert", BORIS, "s-1")),
    );
    const after = doc(
      p("x"),
      term("t-2", [p(ins("New", by(BORIS, "s-1")), " and mine")], block("insert", BORIS, "s-1")),
    );
    expect(refusal(before, after)).toMatch(/s-1/);
  });

  it("formatting, with the hint to switch to Editing", () => {
    const bolded = doc(
      p("Payment within ", doc(p()).type.schema.text("60 days", [bold()]), "."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(refusal(base, bolded)).toBe(FORMATTING_REFUSED);
  });

  it("changing a term attribute", () => {
    const after = doc(
      p("Payment within 60 days."),
      term("t-1", [p("Verification by the agency.")], undefined, "sanctions"),
      ...filler,
    );
    expect(refusal(base, after)).toMatch(/changes the text itself/);
  });

  it("anchoring a comment, unless the context allows the thread", () => {
    const after = doc(
      p("Payment within ", text("60 days", "c-1"), "."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    expect(refusal(base, after)).toMatch(/comment anchors/);
    const seen: string[] = [];
    const allow: SuggestionRuleContext = {
      anchorChanges: (changed) => {
        seen.push(...changed);
        return null;
      },
    };
    expect(check(base, after, allow).ok).toBe(true);
    expect(seen).toEqual(["c-1"]);
  });

  it("a suggestion by a principal without a display name", () => {
    const after = doc(
      p("Payment within 60 ", ins("calendar ", by(ANNA, "s-1")), "days."),
      term("t-1", [p("Verification by the agency.")]),
      ...filler,
    );
    const result = checkSuggestionOnlyChange(base, after, { ...ANNA, name: null });
    expect(result.ok ? "" : result.error.message).toMatch(/display name/);
  });
});
