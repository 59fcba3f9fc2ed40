import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFragment, termStatusMap } from "../model/maps.js";
import { doc, p, t, term } from "../test/frameworkFixtures.js";
import { restoreUpdate } from "./restore.js";
import { frameworkSnapshotOf } from "./snapshot.js";
import { frameworkDoc } from "./testDocs.js";

const anchored = (text: string) => t(text, [{ type: "comment", attrs: { threadId: "th-kept" } }]);

/** The XmlText of the first paragraph of the `index`-th term. */
function termText(framework: Y.Doc, index: number): Y.XmlText {
  const termEl = documentFragment(framework).get(index) as Y.XmlElement;
  const paragraph = termEl.get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

function texts(framework: Y.Doc): string[] {
  return frameworkSnapshotOf(framework, null).terms.map((x) => x.text);
}

describe("restoreUpdate", () => {
  const v1Json = doc(
    term("t-a", [p(t("The parties "), anchored("agree"), t(" to talk."))]),
    term("t-b", [p(t("Sanctions are lifted in phase one."))]),
  );

  it("turns the live text and maps back into the version's, as a forward edit that keeps unchanged items", () => {
    const v1 = frameworkDoc(v1Json, { statuses: { "t-b": "agreed" } });
    const version = Y.encodeStateAsUpdate(v1);
    const live = copyOf(v1);
    const keptText = termText(live, 0);
    const keptDelta = keptText.toDelta();
    const keptItem = keptText._start;
    termText(live, 1).insert(0, "All ");
    termText(live, 1).delete(4, 9); // "Sanctions " → gone
    termStatusMap(live).delete("t-b");
    live.getMap("sequencing.steps").set("s-new", { id: "s-new" });
    const { update, skipped } = restoreUpdate(Y.encodeStateAsUpdate(live), version, { text: true });
    expect(skipped).toEqual([]);
    expect(update).not.toBeNull();
    const before = Y.encodeStateVector(live);
    Y.applyUpdate(live, update as Uint8Array);
    expect(texts(live)).toEqual(texts(v1));
    expect(termStatusMap(live).get("t-b")).toEqual(termStatusMap(v1).get("t-b"));
    expect(live.getMap("sequencing.steps").has("s-new")).toBe(false);
    // Forward: nothing the live doc had is rewound, new items come after its state.
    expect(Y.encodeStateVector(live)).not.toEqual(before);
    // The unchanged term keeps its Yjs text, with the comment anchor on it.
    expect(termText(live, 0)).toBe(keptText);
    expect(keptText.toDelta()).toEqual(keptDelta);
    expect(keptText._start).toBe(keptItem);
    expect(JSON.stringify(keptDelta)).toContain("th-kept");
  });

  it("merges with an edit made concurrently on another copy", () => {
    const v1 = frameworkDoc(v1Json);
    const version = Y.encodeStateAsUpdate(v1);
    const live = copyOf(v1);
    termText(live, 1).insert(0, "Changed: ");
    const other = copyOf(live);
    const { update } = restoreUpdate(Y.encodeStateAsUpdate(live), version, { text: true });
    termText(other, 0).insert(0, "Concurrently, ");
    Y.applyUpdate(live, update as Uint8Array);
    Y.applyUpdate(live, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    expect(texts(live)).toEqual(texts(other));
    expect(texts(live)).toEqual([
      "Concurrently, The parties agree to talk.",
      "Sanctions are lifted in phase one.",
    ]);
  });

  it("answers null when the content already is the version's", () => {
    const v1 = frameworkDoc(v1Json);
    const state = Y.encodeStateAsUpdate(v1);
    expect(restoreUpdate(state, state, { text: true }).update).toBeNull();
  });

  it("restores a discussion room's maps and leaves the read state alone", () => {
    const then = new Y.Doc();
    then.getMap("stances").set("t-a:party-a", { stance: "accept" });
    then.getMap("inboxReads").set("m-1", { at: "then" });
    const now = copyOf(then);
    now.getMap("stances").set("t-a:party-a", { stance: "reject" });
    now.getMap("stances").set("t-b:party-a", { stance: "accept" });
    now.getMap("inboxReads").set("m-1", { at: "now" });
    const { update } = restoreUpdate(Y.encodeStateAsUpdate(now), Y.encodeStateAsUpdate(then), {
      text: false,
    });
    Y.applyUpdate(now, update as Uint8Array);
    expect(now.getMap("stances").toJSON()).toEqual({ "t-a:party-a": { stance: "accept" } });
    expect(now.getMap("inboxReads").get("m-1")).toEqual({ at: "now" });
  });
});
