import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFragment, stancesMap, termStatusMap } from "../model/maps.js";
import { doc, p, t, term } from "../test/frameworkFixtures.js";
import { authorshipBetween } from "./authorshipBetween.js";
import { compareSnapshots } from "./compare.js";
import { frameworkSnapshotOf } from "./snapshot.js";
import { frameworkDoc } from "./testDocs.js";

/** A copy of `source` writing under `client`. */
function writerCopy(source: Y.Doc, client: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = client;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

function termText(framework: Y.Doc, index: number): Y.XmlText {
  const termEl = documentFragment(framework).get(index) as Y.XmlElement;
  return (termEl.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

const members = new Map([
  ["m-dana", { name: "Dana", party: "party-a", role: "drafter" as const }],
  ["m-ivan", { name: "Ivan", party: "party-b", role: "commenter" as const }],
]);

describe("authorshipBetween", () => {
  it("names the principals bound to the client ids of what was written between two states", () => {
    const v1 = frameworkDoc(
      doc(
        term("t-a", [p(t("Alpha."))]),
        term("t-b", [p(t("Bravo."))]),
        term("t-c", [p(t("Charlie."))]),
      ),
    );
    const discussion1 = new Y.Doc();
    const dana = writerCopy(v1, 101);
    termText(dana, 0).insert(0, "New ");
    termStatusMap(dana).set("t-b", { status: "agreed" });
    termText(dana, 2).delete(0, 3);
    const discussion2 = writerCopy(discussion1, 202);
    stancesMap(discussion2).set("t-b:party-b", { stance: "accept" });
    const from = {
      framework: Y.encodeStateAsUpdate(v1),
      discussion: Y.encodeStateAsUpdate(discussion1),
    };
    const to = {
      framework: Y.encodeStateAsUpdate(dana),
      discussion: Y.encodeStateAsUpdate(discussion2),
    };
    const authorship = authorshipBetween(from, to, {
      framework: new Map([[101, "m-dana"]]),
      discussion: new Map([[202, "m-ivan"]]),
      members,
    });
    const danaActor = { name: "Dana", party: "party-a", member: "m-dana", role: "drafter" };
    expect(authorship.byTerm?.get("t-a")).toEqual([danaActor]);
    expect(authorship.byTerm?.has("t-b")).toBe(false);
    // A deletion carries no client id: not attributed without the deletions hook.
    expect(authorship.byTerm?.has("t-c")).toBe(false);
    expect(authorship.who?.({ kind: "status", termId: "t-b" })).toEqual([danaActor]);
    expect(authorship.who?.({ kind: "stance", termId: "t-b", partyId: "party-b" })).toEqual([
      { name: "Ivan", party: "party-b", member: "m-ivan", role: "commenter" },
    ]);
    const comparison = compareSnapshots(
      frameworkSnapshotOf(v1, discussion1),
      frameworkSnapshotOf(dana, discussion2),
      authorship,
    );
    expect(comparison.terms.find((c) => c.termId === "t-a")?.by).toEqual([danaActor]);
  });

  it("leaves unbound client ids (trusted tools) unnamed and names unnamed principals", () => {
    const v1 = frameworkDoc(doc(term("t-a", [p(t("Alpha."))])));
    const tool = writerCopy(v1, 7);
    termText(tool, 0).insert(0, "x");
    const creator = writerCopy(tool, 8);
    termText(creator, 0).insert(0, "y");
    const states = (d: Y.Doc) => ({
      framework: Y.encodeStateAsUpdate(d),
      discussion: Y.encodeStateAsUpdate(new Y.Doc()),
    });
    const authorship = authorshipBetween(states(v1), states(creator), {
      framework: new Map([[8, "m-creator"]]),
      discussion: new Map(),
      members: new Map([["m-creator", { name: null, party: null }]]),
    });
    expect(authorship.byTerm?.get("t-a")).toEqual([
      { name: "Unnamed participant", party: null, member: "m-creator" },
    ]);
  });
});
