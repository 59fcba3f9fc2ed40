// @vitest-environment node
import { addParty } from "@parley/shared/model/party";
import { addStep, updateStep } from "@parley/shared/sequencing/index";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import { readFrameworkContext, toSequencingContext } from "./frameworkContext.js";
import { SequencingStore } from "./sequencingStore.js";

/** Two replicas that exchange every update at once, like two browsers on one server. */
function syncedPair() {
  const a = frameworkDoc();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(b, u, "remote");
  });
  b.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(a, u, "remote");
  });
  return { a, b };
}

describe("SequencingStore", () => {
  it("sees the other replica's steps and the cycle they make, and its fix", () => {
    const { a, b } = syncedPair();
    const storeB = new SequencingStore(b);
    let notified = 0;
    storeB.subscribe(() => notified++);

    const oa = writeOptions(a, "Amira");
    const ob = writeOptions(b, "Kofi");
    const stepB = must(addStep(b, { actorPartyId: "pb", action: "lifts embargo" }, ob));
    const stepA = must(
      addStep(
        a,
        {
          actorPartyId: "pa",
          action: "suspends",
          preconditions: { kind: "step", stepId: stepB.id },
        },
        oa,
      ),
    );
    expect(
      storeB
        .getState()
        .snapshot.steps.map((s) => s.id)
        .sort(),
    ).toEqual([stepA.id, stepB.id].sort());
    expect(storeB.getState().problems.filter((p) => p.code === "dependency-cycle")).toHaveLength(0);

    must(updateStep(b, stepB.id, { preconditions: { kind: "step", stepId: stepA.id } }, ob));
    const cycles = storeB.getState().problems.filter((p) => p.code === "dependency-cycle");
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.involved.map((i) => i.id).sort()).toEqual([stepA.id, stepB.id].sort());

    must(updateStep(a, stepB.id, { preconditions: null }, oa));
    expect(storeB.getState().problems.filter((p) => p.code === "dependency-cycle")).toHaveLength(0);
    expect(notified).toBe(4);
    storeB.destroy();
  });

  it("recomputes when a party changes, and keeps the same state object for unrelated edits", () => {
    const doc = frameworkDoc();
    const store = new SequencingStore(doc);
    const before = store.getState();
    doc.getMap("unrelated").set("x", 1);
    expect(store.getState()).toBe(before);
    addParty(doc, {
      id: "pc",
      name: "Third Party",
      shortName: "TP",
      colour: "#444444",
      kind: "state",
      role: "party",
    });
    expect(store.getState()).not.toBe(before);
    expect(store.getState().context.parties.map((p) => p.shortName)).toContain("TP");
    expect(toSequencingContext(readFrameworkContext(doc)).parties).toHaveLength(4);
    store.destroy();
  });
});
