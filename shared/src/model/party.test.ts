import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { writeTemplate } from "../templates/phasedReciprocal.js";
import { ACTOR } from "../test/frameworkFixtures.js";
import { partiesMap } from "./maps.js";
import {
  addParty,
  getParty,
  listAllParties,
  listParties,
  readStoredParties,
  removeParty,
  updateParty,
} from "./party.js";
import { findPartyReferences } from "./partyReferences.js";
import { setStance, stanceContext } from "./stance.js";

const input = {
  name: "Republic of Example",
  shortName: "ROE",
  colour: "#123abc",
  kind: "state",
  role: "party",
} as const;

describe("parties", () => {
  it("adds, updates and lists valid parties", () => {
    const doc = new Y.Doc();
    const added = addParty(doc, { ...input, id: "roe" });
    expect(added).toMatchObject({ ok: true, value: { id: "roe", removedAt: null } });
    expect(updateParty(doc, "roe", { colour: "#abcdef", role: "guarantor" })).toMatchObject({
      ok: true,
      value: { colour: "#abcdef", role: "guarantor" },
    });
    expect(listParties(doc).map((p) => p.id)).toEqual(["roe"]);
  });

  it("refuses invalid fields and duplicate short names, writing nothing", () => {
    const doc = new Y.Doc();
    addParty(doc, { ...input, id: "roe" });
    const before = Y.encodeStateAsUpdate(doc);
    const bad = addParty(doc, { ...input, colour: "red" });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid" } });
    if (!bad.ok) expect(bad.error.message).toContain("Colour: pick a colour such as");
    // @ts-expect-error an unknown kind from an untyped caller
    expect(addParty(doc, { ...input, shortName: "X", kind: "empire" })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    // @ts-expect-error an unknown role from an untyped caller
    expect(addParty(doc, { ...input, shortName: "Y", role: "king" })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(addParty(doc, { ...input, name: "Other" })).toMatchObject({
      ok: false,
      error: { code: "duplicate" },
    });
    expect(addParty(doc, { ...input, shortName: "Z", id: "bad id" })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(updateParty(doc, "nope", { name: "x" })).toMatchObject({
      ok: false,
      error: { code: "unknownParty" },
    });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("reads an invalid stored party without throwing and marks it", () => {
    const doc = new Y.Doc();
    partiesMap(doc).set("evil", { name: 5, colour: "javascript:alert(1)" });
    const stored = readStoredParties(doc);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.party.valid).toBe(false);
    expect(listParties(doc)).toEqual([]);
    expect(getParty(doc, "evil")).toBeNull();
  });

  it("reports what refers to a party and removes it only when confirmed", () => {
    const framework = new Y.Doc();
    const discussion = new Y.Doc();
    const template = writeTemplate(framework, { title: "T" });
    if (!template.ok) throw new Error(template.error.message);
    const termId = template.value.termIds[0] ?? "";
    expect(
      setStance(
        discussion,
        { termId, partyId: "party-b", stance: "rejects" },
        stanceContext(framework),
        { actor: ACTOR },
      ).ok,
    ).toBe(true);
    const refs = findPartyReferences(framework, discussion, "party-b");
    expect(refs).toContainEqual({ kind: "stance", termId });
    expect(refs.some((r) => r.kind === "optionProposer")).toBe(true);
    const refused = removeParty(framework, "party-b", { references: refs });
    expect(refused).toMatchObject({ ok: false, error: { code: "partyReferenced", details: refs } });
    expect(getParty(framework, "party-b")?.removedAt).toBeNull();
    const removed = removeParty(framework, "party-b", { references: refs, confirmed: true });
    expect(removed.ok).toBe(true);
    expect(listParties(framework).map((p) => p.id)).not.toContain("party-b");
    // Removed parties keep their name for history but take no new stances.
    expect(getParty(framework, "party-b")?.name).toBe("Second Party");
    const late = setStance(
      discussion,
      { termId, partyId: "party-b", stance: "accepts" },
      stanceContext(framework),
      { actor: ACTOR },
    );
    expect(late).toMatchObject({ ok: false, error: { code: "removedParty" } });
    if (!late.ok) expect(late.error.message).toContain("was removed");
  });

  it("removes an unreferenced party at once", () => {
    const doc = new Y.Doc();
    addParty(doc, { ...input, id: "roe" });
    expect(removeParty(doc, "roe", { references: findPartyReferences(doc, null, "roe") }).ok).toBe(
      true,
    );
    expect(removeParty(doc, "roe", { references: [] })).toMatchObject({
      ok: false,
      error: { code: "removedParty" },
    });
  });

  it("party names with NUL, ESC, RTL override and CRLF are stored stripped (issue 14)", () => {
    const doc = new Y.Doc();
    const added = addParty(doc, {
      ...input,
      id: "roe",
      name: "Republic\u0000 of\r\n\u202EExample\u001B",
      shortName: "\u2066RO\u0007E\u2069",
    });
    expect(added).toMatchObject({
      ok: true,
      value: { name: "Republic of Example", shortName: "ROE" },
    });
    expect(partiesMap(doc).get("roe")).toMatchObject({
      name: "Republic of Example",
      shortName: "ROE",
    });
    expect(updateParty(doc, "roe", { name: "New\u202Dname\r" })).toMatchObject({
      ok: true,
      value: { name: "Newname" },
    });
    expect(addParty(doc, { ...input, name: "\u202E\u0000", shortName: "X" })).toMatchObject({
      ok: false,
    });
  });

  it("a party written past the model (straight into the map) is read with its names stripped", () => {
    const doc = new Y.Doc();
    partiesMap(doc).set("evil", {
      ...input,
      id: "evil",
      name: "\u202Eevil\u0000\r\nname",
      shortName: "EV\u001B",
      removedAt: null,
    });
    expect(listAllParties(doc).map((p) => [p.name, p.shortName])).toEqual([["evil name", "EV"]]);
  });
});
