import { getSchema, type JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { buildExportModel } from "../export/buildModel.js";
import { renderMarkdown } from "../export/markdown.js";
import { viewExtensions } from "../schema/extensions.js";
import { EMPTY_SNAPSHOT } from "../sequencing/snapshot.js";
import { bracket, doc, option, p, t, term } from "../test/frameworkFixtures.js";
import { plainText } from "./documentJson.js";
import { cleanTextNote, parseTextView, preferredOption, renderView } from "./views.js";

const viewSchema = getSchema(viewExtensions());

// "The Party [shall / should / may] act [within [30 / 90] days / promptly]."
// party-a proposed "shall" and the outer "within ..." option and "30"; party-b proposed "should",
// supports "promptly"; nobody stands for "may".
const sample = doc(
  term("t-1", [
    p(
      t("The Party "),
      bracket("b-1", [
        option("o-1", [t("shall")], { proposedBy: "party-a" }),
        option("o-2", [t("should")], { proposedBy: "party-b" }),
        option("o-3", [t("may")]),
      ]),
      t(" act "),
      bracket("b-2", [
        option(
          "o-4",
          [
            t("within "),
            bracket("b-3", [
              option("o-6", [t("30")], { proposedBy: "party-a" }),
              option("o-7", [t("90")]),
            ]),
            t(" days"),
          ],
          {
            proposedBy: "party-a",
          },
        ),
        option("o-5", [t("promptly")], { supportedBy: ["party-b"] }),
      ]),
      t("."),
    ),
  ]),
);

/** Plain text of a view, flags shown as {open} / {none}. */
function text(json: JSONContent): string {
  const swap = (node: JSONContent): JSONContent =>
    node.type === "bracketFlag"
      ? { type: "text", text: node.attrs?.reason === "open" ? "{open}" : "{none}" }
      : { ...node, content: node.content?.map(swap) };
  return plainText(swap(json));
}

describe("text views", () => {
  it("brackets: everything, unchanged, as a copy", () => {
    const { doc: out, flags } = renderView(sample, "brackets");
    expect(out).toEqual(sample);
    expect(out).not.toBe(sample);
    expect(flags).toEqual([]);
  });

  it("clean: as the export prints it, each open bracket's first option, flagged (nested ones too)", () => {
    const { doc: out, flags } = renderView(sample, "clean");
    expect(text(out)).toBe("The Party shall{open} act within 30{open} days{open}.");
    expect(flags).toEqual([
      { bracketId: "b-1", reason: "open" },
      { bracketId: "b-2", reason: "open" },
      { bracketId: "b-3", reason: "open" },
    ]);
    expect(() => viewSchema.nodeFromJSON(out).check()).not.toThrow();
    expect(JSON.stringify(out)).not.toContain("should");
    expect(JSON.stringify(out)).not.toContain("promptly");
  });

  it("clean: the view and the export show the same words, flags and note", () => {
    const { doc: out, flags } = renderView(sample, "clean");
    const exported = buildExportModel(
      {
        title: "T",
        version: { text: "", updatedAt: "", revision: "" },
        doc: sample,
        parties: [],
        termStatuses: new Map(),
        threads: [],
        sequencing: EMPTY_SNAPSHOT,
      },
      { text: "clean", comments: false, annexes: false, nonPaper: false },
    );
    const viewText = text(out).replaceAll("{open}", "†");
    expect(viewText).toBe("The Party shall† act within 30† days†.");
    expect(renderMarkdown(exported)).toContain(viewText);
    expect(exported.notes).toEqual([cleanTextNote(flags.length)]);
    expect(cleanTextNote(flags.length)).toBe(
      "3 passages marked † are still in brackets: the first proposed wording is shown.",
    );
  });

  it("clean text without brackets is the text itself", () => {
    const plain = doc(term("t-1", [p(t("Agreed text."))]));
    expect(renderView(plain, "clean")).toEqual({ doc: plain, flags: [] });
  });

  it("party view: the proposed option, recursively; else the supported one; else flagged", () => {
    const a = renderView(sample, "party:party-a");
    expect(text(a.doc)).toBe("The Party shall act within 30 days.");
    expect(a.flags).toEqual([]);
    const b = renderView(sample, "party:party-b");
    expect(text(b.doc)).toBe("The Party should act promptly.");
    const med = renderView(sample, "party:med");
    expect(text(med.doc)).toBe("The Party {none} act {none}.");
    expect(med.flags.map((f) => f.reason)).toEqual(["noPreference", "noPreference"]);
    for (const view of [a, b, med])
      expect(() => viewSchema.nodeFromJSON(view.doc).check()).not.toThrow();
  });

  it("flags an inner bracket the party has no preference on", () => {
    const onlyOuter = doc(
      p(
        bracket("b-2", [
          option(
            "o-4",
            [
              t("within "),
              bracket("b-3", [option("o-6", [t("30")]), option("o-7", [t("90")])]),
              t(" days"),
            ],
            { supportedBy: ["party-b"] },
          ),
          option("o-5", [t("promptly")]),
        ]),
      ),
    );
    const b = renderView(onlyOuter, "party:party-b");
    expect(text(b.doc)).toBe("within {none} days");
    expect(b.flags).toEqual([{ bracketId: "b-3", reason: "noPreference" }]);
  });

  it("prefers the party's own proposal over an option it merely supports", () => {
    const both = bracket("b", [
      option("o-1", [t("x")], { supportedBy: ["party-a"] }),
      option("o-2", [t("y")], { proposedBy: "party-a" }),
    ]);
    expect(preferredOption(both, "party-a")?.attrs?.optionId).toBe("o-2");
  });

  it("parses view names", () => {
    expect(parseTextView("clean")).toBe("clean");
    expect(parseTextView("brackets")).toBe("brackets");
    expect(parseTextView("party:party-a")).toBe("party:party-a");
    expect(parseTextView("party:")).toBeNull();
    expect(parseTextView("other")).toBeNull();
  });
});
