// @vitest-environment node
import { documentFragment } from "@parley/shared/model/maps";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { throwawayDocsOf } from "./throwawayDocs.js";

function liveDocs() {
  const framework = new Y.Doc();
  const text = new Y.XmlText("The Parties agree.");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  documentFragment(framework).insert(0, [paragraph]);
  const discussion = new Y.Doc();
  discussion.getMap("stances").set("t-1:party-a", { stance: "accepts" });
  return { framework, discussion };
}

describe("throwawayDocsOf", () => {
  it("holds the version's text and discussion in new documents, apart from the live ones", () => {
    const live = liveDocs();
    const states = {
      framework: Y.encodeStateAsUpdate(live.framework),
      discussion: Y.encodeStateAsUpdate(live.discussion),
    };
    const liveBefore = Y.encodeStateVector(live.framework);
    const docs = throwawayDocsOf(states);
    expect(docs.framework).not.toBe(live.framework);
    expect(documentFragment(docs.framework).toString()).toBe(
      documentFragment(live.framework).toString(),
    );
    expect(docs.discussion.getMap("stances").get("t-1:party-a")).toEqual({ stance: "accepts" });
    // Whatever happens to the throwaway document stays there.
    documentFragment(docs.framework).delete(0, 1);
    expect(Y.encodeStateVector(live.framework)).toEqual(liveBefore);
    expect(documentFragment(live.framework).length).toBe(1);
    docs.destroy();
  });

  it("takes a version without a discussion state", () => {
    const live = liveDocs();
    const docs = throwawayDocsOf({
      framework: Y.encodeStateAsUpdate(live.framework),
      discussion: new Uint8Array(0),
    });
    expect(docs.discussion.share.size).toBe(0);
  });

  it("throws on bytes that are not a Yjs update", () => {
    expect(() =>
      throwawayDocsOf({ framework: new Uint8Array([255, 1, 2, 3]), discussion: new Uint8Array(0) }),
    ).toThrow();
  });
});
