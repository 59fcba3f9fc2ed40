import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFragment, stancesMap, termStatusMap } from "../model/maps.js";
import { bracket, doc, option, p, t, term } from "../test/frameworkFixtures.js";
import { authorshipBetween } from "./authorshipBetween.js";
import { compareSnapshots } from "./compare.js";
import { type DeletionRecord, firstDeletions } from "./deletions.js";
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

  it("names who removed text, a term and a bracket option from the server's deletion records", () => {
    const v1 = frameworkDoc(
      doc(
        term("t-a", [p(t("Alpha."))]),
        term("t-b", [
          p(
            t("The Party "),
            bracket("b-1", [
              option("o-1", [t("shall")]),
              option("o-2", [t("may")]),
              option("o-3", [t("will")]),
            ]),
            t(" act."),
          ),
        ]),
        term("t-c", [p(t("Charlie."))]),
      ),
    );
    const discussion = new Y.Doc();
    const records: DeletionRecord[] = [];
    /**
     * What the server records for an update from `writer` to a room holding `room`: its sender and
     * what it deletes first (an update carries the writer's whole delete set, Dana's deletion too).
     */
    const record = (writer: Y.Doc, room: Y.Doc, principal: string) => {
      const update = Y.encodeStateAsUpdate(writer, Y.encodeStateVector(room));
      records.push({ principal, ranges: firstDeletions(room, Y.decodeUpdate(update).ds) });
      Y.applyUpdate(room, update);
    };
    const room = writerCopy(v1, 1);
    const dana = writerCopy(v1, 101);
    termText(dana, 2).delete(0, 3);
    record(dana, room, "m-dana");
    const ivan = writerCopy(dana, 202);
    const paragraph = (documentFragment(ivan).get(1) as Y.XmlElement).get(0) as Y.XmlElement;
    const brackets = paragraph.toArray().filter((n) => n instanceof Y.XmlElement);
    (brackets[0] as Y.XmlElement).delete(1, 1);
    documentFragment(ivan).delete(0, 1);
    record(ivan, room, "m-ivan");
    // Dana's client sends its state again (as a sync step 2 does): nothing deleted first.
    record(dana, room, "m-dana");
    expect(records[2]?.ranges).toEqual([]);
    const states = (d: Y.Doc) => ({
      framework: Y.encodeStateAsUpdate(d),
      discussion: Y.encodeStateAsUpdate(discussion),
    });
    const authorship = authorshipBetween(states(v1), states(ivan), {
      framework: new Map([
        [101, "m-dana"],
        [202, "m-ivan"],
      ]),
      discussion: new Map(),
      members,
      deletions: { framework: records, discussion: [] },
    });
    const danaActor = { name: "Dana", party: "party-a", member: "m-dana", role: "drafter" };
    const ivanActor = { name: "Ivan", party: "party-b", member: "m-ivan", role: "commenter" };
    expect(authorship.byTerm?.get("t-c")).toEqual([danaActor]);
    expect(authorship.byTerm?.get("t-a")).toEqual([ivanActor]);
    expect(
      authorship.who?.({ kind: "option", bracketId: "b-1", optionId: "o-2", termId: "t-b" }),
    ).toEqual([ivanActor]);
    expect(
      authorship.who?.({ kind: "option", bracketId: "b-1", optionId: "o-1", termId: "t-b" }),
    ).toBeUndefined();
    const comparison = compareSnapshots(
      frameworkSnapshotOf(v1, discussion),
      frameworkSnapshotOf(ivan, discussion),
      authorship,
    );
    expect(comparison.droppedOptions).toEqual([
      expect.objectContaining({ optionId: "o-2", by: [ivanActor] }),
    ]);
    const removed = comparison.terms.find((c) => c.termId === "t-a");
    expect(removed?.kinds).toContain("removed");
    expect(removed?.by).toEqual([ivanActor]);
    expect(comparison.terms.find((c) => c.termId === "t-c")?.by).toEqual([danaActor]);
  });

  it("names nobody for a deletion without a record", () => {
    const v1 = frameworkDoc(doc(term("t-c", [p(t("Charlie."))])));
    const tool = writerCopy(v1, 7);
    termText(tool, 0).delete(0, 3);
    const states = (d: Y.Doc) => ({
      framework: Y.encodeStateAsUpdate(d),
      discussion: Y.encodeStateAsUpdate(new Y.Doc()),
    });
    const authorship = authorshipBetween(states(v1), states(tool), {
      framework: new Map(),
      discussion: new Map(),
      members,
      deletions: { framework: [{ principal: "m-dana", ranges: [[999, 0, 5]] }], discussion: [] },
    });
    expect(authorship.byTerm?.has("t-c")).toBe(false);
  });
});
