/**
 * Test-only (like all of `client/src/test/`, which production code never imports): a framework
 * Y.Doc with two parties and a verifier, and write options for it.
 */
import { addParty } from "@parley/shared/model/party";
import type { WriteOptions } from "@parley/shared/sequencing/index";

export { must } from "@parley/shared/test/must";

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
    actor: { name, party: null },
    context: toSequencingContext(readFrameworkContext(doc)),
    now: new Date("2026-01-01T00:00:00Z"),
  };
}
