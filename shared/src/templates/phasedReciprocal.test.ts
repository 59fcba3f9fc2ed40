import { getSchema } from "@tiptap/core";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { listTerms } from "../model/documentJson.js";
import { documentFragment } from "../model/maps.js";
import { listParties } from "../model/party.js";
import { readTermStatuses } from "../model/term.js";
import { TERM_CATEGORIES } from "../model/vocabulary.js";
import { documentExtensions } from "../schema/extensions.js";
import { checkAll } from "../sequencing/checks/index.js";
import { readSnapshot } from "../sequencing/snapshot.js";
import { writeTemplate } from "./phasedReciprocal.js";

const schema = getSchema(documentExtensions());

describe("phased reciprocal template", () => {
  it("writes yjs that parses into the Tiptap schema without errors or losses", () => {
    const doc = new Y.Doc();
    const result = writeTemplate(doc, { title: "Framework on phased steps" });
    expect(result.ok).toBe(true);
    const fragment = documentFragment(doc);
    const blocks = fragment.length;
    const before = Y.encodeStateAsUpdate(doc);
    const root = yXmlFragmentToProseMirrorRootNode(fragment, schema);
    // y-prosemirror deletes any element it cannot build: nothing may have been removed.
    expect(fragment.length).toBe(blocks);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(() => root.check()).not.toThrow();
    expect(root.childCount).toBe(blocks);
    expect(root.firstChild?.type.name).toBe("heading");
    expect(root.firstChild?.textContent).toBe("Framework on phased steps");
  });

  it("has a section per category, example terms with statuses, brackets with two options and two parties", () => {
    const doc = new Y.Doc();
    const result = writeTemplate(doc, { title: "T" });
    if (!result.ok) throw new Error(result.error.message);
    const json = yXmlFragmentToProseMirrorRootNode(documentFragment(doc), schema).toJSON();
    const headings = (json.content as { type: string; attrs?: { level: number } }[]).filter(
      (n) => n.type === "heading" && n.attrs?.level === 2,
    );
    expect(headings).toHaveLength(TERM_CATEGORIES.length);
    const terms = listTerms(json);
    expect(terms.length).toBeGreaterThanOrEqual(TERM_CATEGORIES.length);
    expect(new Set(terms.map((t) => (t.category.valid ? t.category.value : "bad")))).toEqual(
      new Set(TERM_CATEGORIES),
    );
    expect(terms.map((t) => t.termId)).toEqual(result.value.termIds);
    expect(terms[0]?.label).toBe("Art. 1.1");
    expect(terms.some((t) => t.openBrackets > 0)).toBe(true);
    const statuses = readTermStatuses(doc);
    expect(statuses.size).toBe(terms.length);
    expect([...statuses.values()].every((s) => s.valid)).toBe(true);
    const parties = listParties(doc).filter((p) => p.role === "party");
    expect(parties).toHaveLength(2);
    const text = JSON.stringify(json);
    expect(text).toContain('"type":"bracketOption"');
    expect(text).toContain('"proposedBy":"party-a"');
    expect(text).toContain('"type":"bold"');
  });

  it("refuses a doc that already has content and writes nothing", () => {
    const doc = new Y.Doc();
    writeTemplate(doc, { title: "First" });
    const before = Y.encodeStateAsUpdate(doc);
    const second = writeTemplate(doc, { title: "Second" });
    expect(second.ok).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("comes with sequencing content, names only parties and bodies that exist, and names no status of its own", () => {
    const doc = new Y.Doc();
    expect(writeTemplate(doc, { title: "Framework", sequencing: true }).ok).toBe(true);
    const snap = readSnapshot(doc);
    expect(snap.invalid).toEqual([]);
    expect(snap.milestones.map((m) => m.name).sort()).toEqual([
      "Adoption Day",
      "Implementation Day",
      "Notification Day",
      "Phase 2 Day",
    ]);
    const actors = new Set(snap.steps.map((s) => s.actorPartyId));
    expect(actors).toEqual(new Set(["party-a", "party-b"]));
    expect(snap.mechanisms).toHaveLength(1);
    expect(snap.guarantees[0]?.reversal?.notificationMilestoneId).toBe("ms-notice");
    const parties = listParties(doc).map((p) => p.name);
    const text = documentFragment(doc).toString();
    expect(text).not.toMatch(/non-paper/i);
    // Its status (working draft, non-paper) is the export's designation, not the text's.
    expect(text).not.toMatch(/working draft/i);
    for (const named of ["Joint Verification Commission", "Mediation Team"]) {
      expect(text).toContain(named);
      expect([...parties, ...snap.bodies.map((b) => b.name)]).toContain(named);
    }
    expect(text).not.toMatch(/verifying body|the Mediator\b|guarantors/);
    // The checks have something to show, and nothing is broken.
    const context = {
      parties: listParties(doc).map((p) => ({ id: p.id, name: p.name, role: p.role })),
      termIds: [],
    };
    expect(checkAll(snap, context).filter((p) => p.severity === "error")).toEqual([]);
  });
});
