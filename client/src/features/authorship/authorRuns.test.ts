// @vitest-environment node
import { exportSchema } from "@parley/shared/export/fromYDoc";
import { documentFragment } from "@parley/shared/model/maps";
import { bracket, doc, option, p, t, term } from "@parley/shared/test/frameworkFixtures";
import { frameworkDoc } from "@parley/shared/versions/testDocs";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { authorRuns } from "./authorRuns.js";

/** A copy of `source` writing under `client`. */
function writerCopy(source: Y.Doc, client: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = client;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

function firstText(d: Y.Doc, termIndex: number): Y.XmlText {
  const termEl = documentFragment(d).get(termIndex) as Y.XmlElement;
  return (termEl.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

const framework = () =>
  frameworkDoc(
    doc(
      term("t-1", [p(t("The parties agree."))]),
      term("t-2", [
        p(
          t("Verification is "),
          bracket("b-1", [option("o-1", [t("monthly")]), option("o-2", [t("yearly")])]),
          t("."),
        ),
      ]),
    ),
  );

describe("authorRuns", () => {
  it("names the client of every stretch of text at its ProseMirror position, across marks and inline nodes", () => {
    const base = framework();
    const creator = base.clientID;
    const dana = writerCopy(base, 101);
    firstText(dana, 0).insert("The parties ".length, "firmly ", { bold: {} });
    // term > paragraph > [text, bracket, text]; bracket > options; an option holds its text.
    const paragraph = (documentFragment(dana).get(1) as Y.XmlElement).get(0) as Y.XmlElement;
    const options = paragraph.get(1) as Y.XmlElement;
    ((options.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "every ");
    const fragment = documentFragment(dana);
    const pm = yXmlFragmentToProseMirrorRootNode(fragment, exportSchema());
    const runs = authorRuns(fragment, pm);
    expect(runs).not.toBeNull();
    const read = (runs ?? []).map((r) => [pm.textBetween(r.from, r.to), r.client]);
    expect(read).toEqual([
      ["The parties ", creator],
      ["firmly ", 101],
      ["agree.", creator],
      ["Verification is ", creator],
      ["monthly", creator],
      ["every ", 101],
      ["yearly", creator],
      [".", creator],
    ]);
  });

  it("leaves deleted text out and gives up when the two trees disagree", () => {
    const base = framework();
    const dana = writerCopy(base, 101);
    firstText(dana, 0).delete(0, "The ".length);
    const fragment = documentFragment(dana);
    const pm = yXmlFragmentToProseMirrorRootNode(fragment, exportSchema());
    expect((authorRuns(fragment, pm) ?? [])[0]).toEqual({
      from: 2,
      to: 2 + "parties agree.".length,
      client: base.clientID,
    });
    const stale = yXmlFragmentToProseMirrorRootNode(documentFragment(base), exportSchema());
    expect(authorRuns(fragment, stale)).toBeNull();
  });
});
