/** Test-only: writes the fixture text, parties and comment threads into real Y.Docs. */
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { createThread, replyToThread, resolveThread } from "../../comments/commands.js";
import { exportSchema } from "../../export/fromYDoc.js";
import { documentFragment, partiesMap } from "../../model/maps.js";
import { addMechanism, addMilestone, addStep } from "../../sequencing/records.js";
import { must } from "../must.js";
import { FIXTURE_DOC, FIXTURE_PARTIES, FIXTURE_THREADS } from "./fixtures.js";

export function writeFixture(doc: Y.Doc): void {
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(exportSchema(), FIXTURE_DOC, documentFragment(doc));
    for (const party of FIXTURE_PARTIES) partiesMap(doc).set(party.id, party);
  });
}

/** Writes `FIXTURE_THREADS` into a discussion doc with the thread commands (`comments/commands.ts`). */
export function writeFixtureThreads(discussion: Y.Doc): void {
  for (const thread of FIXTURE_THREADS) {
    const [first, ...replies] = thread.messages;
    if (!first) continue;
    const author = (m: typeof first) => ({
      actor: { name: m.by.name, party: m.by.party },
      authorId: `a-${m.by.name.replace(/\W/g, "")}`,
    });
    must(
      createThread(
        discussion,
        {
          threadId: thread.threadId,
          body: first.body,
          quote: "",
          proposal: thread.proposedWording ?? null,
        },
        { ...author(first), now: new Date(first.at) },
      ),
    );
    for (const reply of replies) {
      must(
        replyToThread(
          discussion,
          thread.threadId,
          { body: reply.body },
          { ...author(reply), now: new Date(reply.at) },
        ),
      );
    }
    if (thread.resolved) {
      must(
        resolveThread(discussion, thread.threadId, {
          ...author(first),
          now: new Date(first.at),
        }),
      );
    }
  }
}

export interface FixtureSequencing {
  /** The terms the step may refer to. */
  termIds: string[];
  step: { actorPartyId: string; action: string; termId: string; offsetDays: number };
  /** The verifying mechanism's body and what it verifies. */
  verifier: { bodyName: string; verifies: string };
}

/**
 * Writes the sequencing annexes' fixture: the "Adoption Day" milestone (2027-01-15), one step of
 * "Phase 1" taken on it, and the "Joint Commission" that confirms the step.
 */
export function writeFixtureSequencing(doc: Y.Doc, fixture: FixtureSequencing): void {
  const context = {
    parties: FIXTURE_PARTIES.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    termIds: fixture.termIds,
  };
  const opts = { actor: { name: "Mediator", party: null }, context };
  const day = addMilestone(
    doc,
    { name: "Adoption Day", definition: { kind: "fixed", date: "2027-01-15" } },
    opts,
  );
  if (!day.ok) throw new Error(day.error.message);
  const { offsetDays, ...step } = fixture.step;
  const added = addStep(
    doc,
    { ...step, takenAt: { milestoneId: day.value.id, offsetDays }, phase: "Phase 1" },
    opts,
  );
  if (!added.ok) throw new Error(added.error.message);
  must(
    addMechanism(
      doc,
      {
        name: "Joint Commission",
        body: { kind: "named", name: fixture.verifier.bodyName },
        verifies: fixture.verifier.verifies,
        confirmsStepIds: [added.value.id],
      },
      opts,
    ),
  );
}
