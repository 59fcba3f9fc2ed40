import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { step } from "../test/sequencing.js";
import { readSnapshot, sequencingMap } from "./snapshot.js";

describe("change stamps written before the Actor convention", () => {
  it("read as an Attribution: by { name, partyId } becomes by { name, party }", () => {
    const doc = new Y.Doc();
    const legacy = {
      ...step("a1", "pa"),
      changed: { by: { name: "Ana Drafter", partyId: "pa" }, at: "2026-05-01T10:00:00.000Z" },
    };
    sequencingMap(doc, "step").set("a1", legacy);
    const snapshot = readSnapshot(doc);
    expect(snapshot.invalid).toEqual([]);
    expect(snapshot.steps[0]?.changed).toEqual({
      by: { name: "Ana Drafter", party: "pa" },
      at: "2026-05-01T10:00:00.000Z",
    });
  });

  it("a mediator's stamp without a party reads with party null", () => {
    const doc = new Y.Doc();
    const legacy = {
      ...step("a1", "pa"),
      changed: { by: { name: "Mediator", partyId: null }, at: "2026-05-01T10:00:00.000Z" },
    };
    sequencingMap(doc, "step").set("a1", legacy);
    expect(readSnapshot(doc).steps[0]?.changed.by).toEqual({ name: "Mediator", party: null });
  });
});
