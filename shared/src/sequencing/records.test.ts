import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTEXT } from "../test/sequencing.js";
import { addBody, addSide, addStep, removeBody, updateSide } from "./records.js";
import { readSnapshot } from "./snapshot.js";

const opts = { actor: { name: "Ana", party: "pa" }, context: CONTEXT };

describe("sides, bodies and step rules", () => {
  it("keeps a party on one side only, and refuses an unknown party", () => {
    const doc = new Y.Doc();
    expect(addSide(doc, { id: "s1", name: "A side", partyIds: ["pa"] }, opts).ok).toBe(true);
    const twice = addSide(doc, { id: "s2", name: "Other", partyIds: ["pb", "pa"] }, opts);
    expect(twice.ok === false && twice.error.message).toMatch(/already on the side "A side"/);
    const unknown = updateSide(doc, "s1", { partyIds: ["nobody"] }, opts);
    expect(unknown.ok === false && unknown.error.code).toBe("unknownReference");
    expect(readSnapshot(doc).sides.map((s) => s.partyIds)).toEqual([["pa"]]);
  });

  it("lets a body act alone, needs at least one actor, and keeps drafters' numbers unique", () => {
    const doc = new Y.Doc();
    expect(
      addBody(doc, { id: "unsc", name: "Security Council", kind: "security-council" }, opts).ok,
    ).toBe(true);
    const byBody = addStep(
      doc,
      {
        actors: [{ kind: "body", bodyId: "unsc" }],
        action: "adopts a resolution",
        publicAct: true,
        number: "1",
      },
      opts,
    );
    expect(byBody.ok).toBe(true);
    const none = addStep(doc, { action: "nobody does it" }, opts);
    expect(none.ok === false && none.error.message).toMatch(/at least one actor/);
    const dup = addStep(doc, { actorPartyId: "pa", action: "x", number: "1" }, opts);
    expect(dup.ok === false && dup.error.code).toBe("duplicate");
    const ghost = addStep(doc, { actors: [{ kind: "body", bodyId: "ghost" }], action: "x" }, opts);
    expect(ghost.ok === false && ghost.error.code).toBe("unknownReference");
    const removed = removeBody(doc, "unsc");
    expect(removed.ok && removed.value.referencedBy.map((r) => r.path)).toEqual([
      "actors.0.bodyId",
    ]);
  });

  it("loads a step written before actors, end, extent and numbers existed", () => {
    const doc = new Y.Doc();
    doc.getMap("sequencing.steps").set("old", {
      id: "old",
      actorPartyId: "pa",
      action: "old step",
      takenAt: { milestoneId: "m", offsetDays: 30 },
      changed: { by: { name: "x", partyId: "pa" }, at: "2025-01-01T00:00:00.000Z" },
    });
    const snap = readSnapshot(doc);
    expect(snap.invalid).toEqual([]);
    expect(snap.steps[0]).toMatchObject({
      actors: [],
      end: null,
      extent: null,
      number: null,
      publicAct: false,
    });
  });
});
