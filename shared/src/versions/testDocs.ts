/**
 * Test-only: real framework and discussion Y.Docs built from ProseMirror JSON (the fixture
 * builders of `model/testFixtures.ts`), with statuses, stances and resolutions written through
 * the model's own functions, so the snapshot reads what the app would have stored.
 */
import type { JSONContent } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { exportSchema } from "../export/fromYDoc.js";
import type { Actor } from "../model/actor.js";
import { type BracketResolution, resolveBracket } from "../model/bracket.js";
import { documentFragment, partiesMap, resolutionsMap } from "../model/maps.js";
import { type StanceInput, setStance, stanceContext } from "../model/stance.js";
import { setTermStatus } from "../model/term.js";
import { ACTOR, NOW, PARTIES } from "../test/frameworkFixtures.js";

export interface FrameworkSetup {
  statuses?: Record<string, string>;
  resolutions?: readonly BracketResolution[];
  actor?: Actor;
}

function must(result: { ok: boolean; error?: { message: string } }): void {
  if (!result.ok) throw new Error(result.error?.message ?? "refused");
}

/** A framework room holding `json`, the fixture parties, and the given statuses. */
export function frameworkDoc(json: JSONContent, setup: FrameworkSetup = {}): Y.Doc {
  const framework = new Y.Doc();
  framework.transact(() => {
    prosemirrorJSONToYXmlFragment(exportSchema(), json, documentFragment(framework));
    for (const party of PARTIES) partiesMap(framework).set(party.id, party);
    for (const r of setup.resolutions ?? []) resolutionsMap(framework).set(r.bracketId, r);
  });
  for (const [termId, status] of Object.entries(setup.statuses ?? {})) {
    must(setTermStatus(framework, termId, status, { actor: setup.actor ?? ACTOR, now: NOW }));
  }
  return framework;
}

/** A discussion room with the given stances on `framework`'s terms. */
export function discussionDoc(
  framework: Y.Doc,
  stances: ReadonlyArray<StanceInput & { actor?: Actor }>,
): Y.Doc {
  const discussion = new Y.Doc();
  const context = stanceContext(framework);
  for (const { actor, ...input } of stances) {
    must(setStance(discussion, input, context, { actor: actor ?? ACTOR, now: NOW }));
  }
  return discussion;
}

/** Resolves a bracket of `json`: the text afterwards and the resolution record to store. */
export function resolved(
  json: JSONContent,
  input: { bracketId: string; optionId: string },
  actor: Actor = ACTOR,
): { json: JSONContent; resolution: BracketResolution } {
  const schema = exportSchema();
  const state = EditorState.create({ schema, doc: schema.nodeFromJSON(json) });
  const result = resolveBracket(state, input, { actor, now: NOW });
  if (!result.ok) throw new Error(result.error.message);
  return { json: result.value.tr.doc.toJSON() as JSONContent, resolution: result.value.resolution };
}
