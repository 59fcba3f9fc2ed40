/**
 * Test-only (like all of `client/src/test/`, which production code never imports): a framework
 * Y.Doc with two parties and a verifier, and write options for it.
 */
import { addParty } from "@parley/shared/model/party";
import type { WriteOptions } from "@parley/shared/sequencing/index";
import * as Y from "yjs";
import {
  readFrameworkContext,
  toSequencingContext,
} from "../features/sequencing/frameworkContext.js";

export function frameworkDoc(): Y.Doc {
  const doc = new Y.Doc();
  addParty(doc, {
    id: "pa",
    name: "First Party",
    shortName: "FP",
    colour: "#1f5fa8",
    kind: "state",
    role: "party",
  });
  addParty(doc, {
    id: "pb",
    name: "Second Party",
    shortName: "SP",
    colour: "#b3412b",
    kind: "state",
    role: "party",
  });
  addParty(doc, {
    id: "ver",
    name: "Agency",
    shortName: "AG",
    colour: "#2f7d4f",
    kind: "organisation",
    role: "verifier",
  });
  return doc;
}

export function writeOptions(doc: Y.Doc, name = "Test"): WriteOptions {
  return {
    author: { name, partyId: null },
    context: toSequencingContext(readFrameworkContext(doc)),
    now: () => new Date("2026-01-01T00:00:00Z"),
  };
}

/** Unwraps an accessor result in a test (throws with the refusal otherwise). */
export function must<T>(
  result: { ok: true; value: T } | { ok: false; error: { message: string } },
): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
