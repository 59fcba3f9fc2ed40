/**
 * Example content for export samples, the benchmark and the tests: the phased reciprocal template
 * with sequencing records (milestones, steps, a verification mechanism, a guarantee) and comment
 * threads anchored on its text as the editor anchors them, and a generator of large frameworks.
 */

import { COMMENT_MARK_ORIGIN, commentFormatKey } from "@parley/shared/comments/commentMark";
import { THREAD_ID_ATTR } from "@parley/shared/comments/markNames";
import type { CommentThreadInput } from "@parley/shared/export/comments";
import { documentFragment, partiesMap, walkElements } from "@parley/shared/model/maps";
import { listParties } from "@parley/shared/model/party";
import { termIdsInDoc } from "@parley/shared/model/term";
import { NODE } from "@parley/shared/schema/nodeNames";
import {
  addGuarantee,
  addMechanism,
  addMilestone,
  addStep,
  updateMechanism,
} from "@parley/shared/sequencing/index";
import { TEMPLATE_PARTIES, writeTemplate } from "@parley/shared/templates/phasedReciprocal";
import { must } from "@parley/shared/test/must";
import * as Y from "yjs";

const AT = "2026-11-20T09:30:00.000Z";

/** The Y.XmlText children of the text, in document order. */
function texts(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  for (const el of walkElements(documentFragment(doc))) {
    for (const child of el.toArray()) if (child instanceof Y.XmlText) out.push(child);
  }
  return out;
}

/**
 * Puts a comment anchor on the first occurrence of `phrase`, written as the editor writes it
 * (`addCommentMark`): the `comment--<hash>` format key of `commentFormatKey`, `{ threadId }`.
 */
export function anchorComment(doc: Y.Doc, phrase: string, threadId: string): void {
  for (const text of texts(doc)) {
    const at = text.toString().indexOf(phrase);
    if (at < 0) continue;
    doc.transact(() => {
      text.format(at, phrase.length, {
        [commentFormatKey(threadId)]: { [THREAD_ID_ATTR]: threadId },
      });
    }, COMMENT_MARK_ORIGIN);
    return;
  }
  throw new Error(`no text "${phrase}" to anchor a comment on`);
}

/** Adds sequencing records to a framework written by `writeTemplate`. */
export function addSampleSequencing(doc: Y.Doc): void {
  const context = {
    parties: listParties(doc).map((p) => ({ id: p.id, name: p.name, role: p.role })),
    termIds: [...termIdsInDoc(doc)],
  };
  const opts = {
    actor: { name: "Mediation Team", party: "mediator" },
    context,
    now: new Date(AT),
  };
  const adoption = must(
    addMilestone(
      doc,
      { id: "m-adoption", name: "Adoption Day", definition: { kind: "fixed", date: "2027-01-15" } },
      opts,
    ),
  );
  const implementation = must(
    addMilestone(
      doc,
      {
        id: "m-implementation",
        name: "Implementation Day",
        definition: { kind: "offset", fromMilestoneId: adoption.id, days: 90 },
      },
      opts,
    ),
  );
  const mechanism = must(
    addMechanism(
      doc,
      {
        id: "v-agency",
        name: "Joint Verification Commission",
        body: { kind: "named", name: "International Verification Agency" },
        verifies: "Suspension of enrichment activities and the removal of listed measures",
        methods: ["On-site inspections", "Continuous monitoring", "Quarterly declarations"],
        frequency: "Every 90 days",
        duration: "Until Transition Day",
        reportsTo: [{ kind: "named", name: "Both Parties and the Mediator" }],
        confirmsStepIds: [],
      },
      opts,
    ),
  );
  const [firstTerm] = context.termIds;
  const stepA = must(
    addStep(
      doc,
      {
        id: "s-freeze",
        actorPartyId: "party-a",
        action: "Freezes the expansion of the programme at current levels",
        termId: firstTerm ?? null,
        takenAt: { milestoneId: adoption.id, offsetDays: 0 },
        phase: "Phase 1",
        mechanismId: mechanism.id,
      },
      opts,
    ),
  );
  must(
    addStep(
      doc,
      {
        id: "s-suspend",
        actorPartyId: "party-b",
        action: "Suspends the measures listed in Annex I",
        preconditions: { kind: "verification", mechanismId: mechanism.id, stepIds: [stepA.id] },
        takenAt: { milestoneId: implementation.id, offsetDays: 0 },
        deadline: { milestoneId: implementation.id, offsetDays: 30 },
        phase: "Phase 1",
        reversible: true,
      },
      opts,
    ),
  );
  must(
    addStep(
      doc,
      {
        id: "s-release",
        actorPartyId: "party-b",
        action: "Releases frozen assets in three tranches",
        preconditions: { kind: "step", stepId: "s-suspend" },
        takenAt: { milestoneId: implementation.id, offsetDays: 60 },
        phase: "Phase 2",
      },
      opts,
    ),
  );
  must(updateMechanism(doc, mechanism.id, { confirmsStepIds: [stepA.id] }, opts));
  must(
    addGuarantee(
      doc,
      {
        guarantor: { kind: "named", name: "Guarantor States" },
        beneficiary: { kind: "party", partyId: "party-a" },
        obligation: "Consult within 7 days on any reported non-performance",
        trigger: "A report of the Joint Verification Commission",
        response: "Convene the Parties and propose corrective steps",
        nature: "political",
      },
      opts,
    ),
  );
}

/** Two comment threads (one with replies and proposed wording) anchored on the template text. */
export function addSampleComments(doc: Y.Doc): CommentThreadInput[] {
  anchorComment(doc, "Nothing in this framework is agreed", "th-1");
  anchorComment(doc, "within 14 days", "th-2");
  return [
    {
      threadId: "th-1",
      resolved: false,
      messages: [
        {
          by: { name: "Leila Karimi", party: "party-a" },
          at: AT,
          body: "We read this as applying to the annexes too.",
        },
        {
          by: { name: "John Miller", party: "party-b" },
          at: "2026-11-20T11:05:00.000Z",
          body: "Agreed, subject to capitals.",
        },
      ],
      proposedWording:
        "Nothing in this framework, including its annexes, is agreed until everything is agreed.",
    },
    {
      threadId: "th-2",
      resolved: false,
      messages: [
        {
          by: { name: "Anna Weber", party: "mediator" },
          at: AT,
          body: "Is 14 days realistic for the guarantors?",
        },
      ],
    },
  ];
}

/** The phased reciprocal template with sequencing and comments: the exported sample. */
export function writeSampleFramework(doc: Y.Doc, title: string): CommentThreadInput[] {
  const written = writeTemplate(doc, { title, now: new Date(AT) });
  if (!written.ok) throw new Error(written.error.message);
  addSampleSequencing(doc);
  return addSampleComments(doc);
}

/**
 * A framework of `sections` × `perSection` terms, each with two paragraphs and every third with
 * a bracket: for the export benchmark and the "200 terms" test.
 */
export function writeLargeFramework(
  doc: Y.Doc,
  title: string,
  terms: number,
  perSection = 10,
): void {
  const el = (
    name: string,
    attrs: Record<string, string | number | string[] | null>,
    children: (Y.XmlElement | Y.XmlText)[],
  ) => {
    const e = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) if (v !== null) e.setAttribute(k, v as string);
    e.insert(0, children);
    return e;
  };
  const text = (s: string) => {
    const t = new Y.XmlText();
    t.insert(0, s);
    return t;
  };
  const blocks: Y.XmlElement[] = [el(NODE.heading, { level: 1 }, [text(title)])];
  for (let i = 0; i < terms; i++) {
    if (i % perSection === 0) {
      blocks.push(el(NODE.heading, { level: 2 }, [text(`Section ${i / perSection + 1}`)]));
    }
    const first: (Y.XmlElement | Y.XmlText)[] = [
      text(`Term ${i + 1}: the Parties undertake the measures of this article `),
    ];
    if (i % 3 === 0) {
      first.push(
        el(NODE.bracket, { bracketId: `b-${i}` }, [
          el(
            NODE.bracketOption,
            { optionId: `o-${i}-1`, proposedBy: "party-a", supportedBy: [], opposedBy: [] },
            [text("promptly")],
          ),
          el(
            NODE.bracketOption,
            { optionId: `o-${i}-2`, proposedBy: "party-b", supportedBy: [], opposedBy: [] },
            [text("in good time")],
          ),
        ]),
      );
    }
    first.push(text(" and report on their progress."));
    blocks.push(
      el(NODE.term, { termId: `t-${i}`, category: "general" }, [
        el(NODE.paragraph, {}, first),
        el(NODE.paragraph, {}, [
          text(
            "Each Party informs the other of the steps taken under this article, in writing, within thirty days of taking them.",
          ),
        ]),
      ]),
    );
  }
  doc.transact(() => {
    documentFragment(doc).insert(0, blocks);
    for (const party of TEMPLATE_PARTIES) partiesMap(doc).set(party.id, party);
  });
}
