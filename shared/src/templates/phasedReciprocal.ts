/**
 * The "phased reciprocal framework" template: a skeleton the server writes into a new framework
 * (POST /api/frameworks with `template: "phased-reciprocal"`), never a client. Pure yjs, laid out
 * as y-prosemirror stores the document (Y.XmlElement per node named after the node type,
 * attributes = node attrs, marks = Y.XmlText formatting attributes), using the node and attribute
 * names of the shared schema. It writes: the title, a short preamble, one section (level-2
 * heading) per term category with example terms and statuses, brackets with two options each, and
 * two example parties plus a mediator; and sequencing to go with it: a verifying body, milestones
 * (Adoption Day, Implementation Day on the verification report, a second phase six months later),
 * steps for each side, a verification mechanism and a guarantee that can reinstate relief.
 */
import * as Y from "yjs";
import { newId } from "../model/ids.js";
import { documentFragment, partiesMap, termStatusMap } from "../model/maps.js";
import type { Party } from "../model/party.js";
import { err, ok, type Result } from "../model/result.js";
import type { TermStatusRecord } from "../model/term.js";
import {
  CATEGORY_LABELS,
  TERM_CATEGORIES,
  type TermCategory,
  type TermStatus,
} from "../model/vocabulary.js";
import { ATTR, NODE } from "../schema/nodeNames.js";
import {
  addBody,
  addGuarantee,
  addMechanism,
  addMilestone,
  addStep,
  updateMechanism,
} from "../sequencing/records.js";

// Attribute values as yjs types them (`ValueTypes` in YXmlElement, not exported).
type Attrs = Record<string, object | number | string | null>;
type Child = Y.XmlElement | Y.XmlText;
/** A run of text with marks (`{ bold: {} }`), or a bracket. */
type Inline = string | { text: string; marks: Record<string, Attrs> } | BracketSpec;
interface BracketSpec {
  options: { text: string; proposedBy: string | null; supportedBy?: string[] }[];
}

function element(name: string, attrs: Attrs, children: Child[]): Y.XmlElement {
  const el = new Y.XmlElement<Attrs>(name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(key, value);
  }
  el.insert(0, children);
  return el as unknown as Y.XmlElement;
}

function text(runs: { text: string; marks?: Record<string, Attrs> }[]): Y.XmlText {
  const t = new Y.XmlText();
  t.applyDelta(
    runs.map((r) => (r.marks ? { insert: r.text, attributes: r.marks } : { insert: r.text })),
  );
  return t;
}

/** Inline content: consecutive text runs share one Y.XmlText; brackets are elements. */
function inline(content: readonly Inline[]): Child[] {
  const out: Child[] = [];
  let runs: { text: string; marks?: Record<string, Attrs> }[] = [];
  const flush = () => {
    if (runs.length > 0) out.push(text(runs));
    runs = [];
  };
  for (const item of content) {
    if (typeof item === "string") runs.push({ text: item });
    else if ("text" in item) runs.push(item);
    else {
      flush();
      out.push(bracket(item));
    }
  }
  flush();
  return out;
}

function bracket(spec: BracketSpec): Y.XmlElement {
  return element(
    NODE.bracket,
    { [ATTR.bracketId]: newId("b") },
    spec.options.map((o) =>
      element(
        NODE.bracketOption,
        {
          [ATTR.optionId]: newId("o"),
          [ATTR.proposedBy]: o.proposedBy,
          [ATTR.supportedBy]: o.supportedBy ?? [],
          [ATTR.opposedBy]: [],
        },
        inline([o.text]),
      ),
    ),
  );
}

const paragraph = (...content: Inline[]) => element(NODE.paragraph, {}, inline(content));
const heading = (level: number, title: string) => element(NODE.heading, { level }, inline([title]));

interface TermSpec {
  category: TermCategory;
  status: TermStatus;
  paragraphs: Inline[][];
}

export const TEMPLATE_PARTIES: readonly Party[] = [
  {
    id: "party-a",
    name: "First Party",
    shortName: "FP",
    colour: "#1f5fa8",
    kind: "state",
    role: "party",
    removedAt: null,
  },
  {
    id: "party-b",
    name: "Second Party",
    shortName: "SP",
    colour: "#b3412b",
    kind: "state",
    role: "party",
    removedAt: null,
  },
  {
    id: "mediator",
    name: "Mediation Team",
    shortName: "MED",
    colour: "#2f7d4f",
    kind: "state",
    role: "mediator",
    removedAt: null,
  },
];

const A = "party-a";
const B = "party-b";
const bold = (t: string): Inline => ({ text: t, marks: { bold: {} } });

const TERMS: readonly TermSpec[] = [
  {
    category: "general",
    status: "agreedAdReferendum",
    paragraphs: [
      [
        "The Parties commit to the reciprocal and phased steps set out in this framework, taken in the order and under the conditions of the Sequencing section.",
      ],
    ],
  },
  {
    category: "general",
    status: "proposed",
    paragraphs: [["Nothing in this framework is agreed until everything is agreed."]],
  },
  {
    category: "sanctionsRelief",
    status: "underDiscussion",
    paragraphs: [
      [
        "The Second Party ",
        {
          options: [
            { text: "shall", proposedBy: A },
            { text: "should", proposedBy: B },
          ],
        },
        " suspend the measures listed in Annex I on ",
        bold("Implementation Day"),
        ".",
      ],
    ],
  },
  {
    category: "securityAssurances",
    status: "proposed",
    paragraphs: [
      [
        "Each Party refrains from the threat or use of force against the other while this framework is implemented.",
      ],
    ],
  },
  {
    category: "verification",
    status: "proposed",
    paragraphs: [
      [
        "The Joint Verification Commission reports on the steps of each phase every ",
        {
          options: [
            { text: "30", proposedBy: B },
            { text: "90", proposedBy: A },
          ],
        },
        " days to both Parties and the Mediation Team.",
      ],
    ],
  },
  {
    category: "guarantees",
    status: "parked",
    paragraphs: [
      [
        "The Mediation Team responds to a reported breach within 14 days of the Joint Verification Commission's report; the measures lifted may then be reinstated in whole or in part.",
      ],
    ],
  },
  {
    category: "sequencing",
    status: "proposed",
    paragraphs: [
      [
        "The initial steps of Phase 1 are taken simultaneously by both Parties within 60 days of the entry into force of this framework.",
      ],
    ],
  },
];

export interface TemplateSummary {
  termIds: string[];
  partyIds: string[];
}

/**
 * Writes the phased reciprocal skeleton into an EMPTY framework doc in one transaction. Refuses
 * (writing nothing) a doc whose text is not empty.
 */
export function writeTemplate(
  doc: Y.Doc,
  options: {
    title: string;
    now?: Date;
    /**
     * Also write the example sequencing (milestones, steps, mechanism, guarantee). The server
     * passes `sequencing: true` for every framework created from the template; off here so that
     * unit tests and fixtures that add their own sequencing start from the text alone.
     */
    sequencing?: boolean;
  },
): Result<TemplateSummary> {
  const fragment = documentFragment(doc);
  if (fragment.length > 0) return err("invalid", "The framework already has content.");
  const at = (options.now ?? new Date()).toISOString();
  const by = { name: "Parley template", party: null };
  const termIds: string[] = [];
  const blocks: Y.XmlElement[] = [
    heading(1, options.title),
    paragraph("Terms in square brackets are contested; each option shows who proposed it."),
  ];
  const statuses: [string, TermStatusRecord][] = [];
  TERM_CATEGORIES.forEach((category, index) => {
    blocks.push(heading(2, `${index + 1}. ${CATEGORY_LABELS[category]}`));
    for (const term of TERMS.filter((t) => t.category === category)) {
      const termId = newId("t");
      termIds.push(termId);
      blocks.push(
        element(
          NODE.term,
          { [ATTR.termId]: termId, [ATTR.category]: category },
          term.paragraphs.map((p) => paragraph(...p)),
        ),
      );
      const change = { status: term.status, by, at };
      statuses.push([termId, { ...change, history: [change] }]);
    }
  });
  doc.transact(() => {
    fragment.insert(0, blocks);
    const parties = partiesMap(doc);
    for (const party of TEMPLATE_PARTIES) parties.set(party.id, party);
    const map = termStatusMap(doc);
    for (const [termId, record] of statuses) map.set(termId, record);
  });
  if (options.sequencing === true) {
    const sequenced = writeTemplateSequencing(doc, termIds, by, options.now);
    if (!sequenced.ok) return sequenced;
  }
  return ok({ termIds, partyIds: TEMPLATE_PARTIES.map((p) => p.id) });
}

/**
 * The template's sequencing, written through the store functions (so it is validated like any
 * other write): a Joint Verification Commission (a body, not a party), three milestones, two
 * steps for each side over two phases, the mechanism that verifies the First Party's steps, and
 * a guarantee by the Mediation Team that can reinstate the Second Party's relief in part.
 */
function writeTemplateSequencing(
  doc: Y.Doc,
  termIds: readonly string[],
  actor: { name: string; party: null },
  now?: Date,
): Result<null> {
  const opts = {
    actor,
    ...(now ? { now } : {}),
    context: {
      parties: TEMPLATE_PARTIES.map((p) => ({ id: p.id, name: p.name, role: p.role })),
      termIds,
    },
  };
  const results = [
    addBody(
      doc,
      { id: "body-jvc", name: "Joint Verification Commission", kind: "joint-commission" },
      opts,
    ),
    addMilestone(
      doc,
      {
        id: "ms-adoption",
        name: "Adoption Day",
        definition: {
          kind: "event",
          event: { type: "external", description: "the day both Parties sign this framework" },
        },
      },
      opts,
    ),
    addMechanism(
      doc,
      {
        id: "mech-jvc",
        name: "Joint verification",
        body: { kind: "body", bodyId: "body-jvc" },
        verifies: "the First Party's steps of each phase",
        methods: ["site visits", "reports of both Parties"],
        reportsTo: [
          { kind: "party", partyId: A },
          { kind: "party", partyId: B },
          { kind: "party", partyId: "mediator" },
        ],
        reporting: { fromMilestoneId: "ms-adoption", every: { years: 0, months: 3, days: 0 } },
      },
      opts,
    ),
    addStep(
      doc,
      {
        id: "step-a1",
        number: "1",
        actorPartyId: A,
        action: "halts the listed activities",
        phase: "Phase 1",
        mechanismId: "mech-jvc",
        deadline: { milestoneId: "ms-adoption", offsetDays: 30 },
      },
      opts,
    ),
    addStep(
      doc,
      {
        id: "step-b1",
        number: "2",
        actorPartyId: B,
        action: "releases the frozen funds",
        phase: "Phase 1",
        extent: { kind: "whole-or-part" },
        takenAt: { milestoneId: "ms-adoption", offsetDays: 0 },
      },
      opts,
    ),
    addMilestone(
      doc,
      {
        id: "ms-implementation",
        name: "Implementation Day",
        definition: {
          kind: "event",
          event: { type: "verification-report", mechanismId: "mech-jvc", stepIds: ["step-a1"] },
        },
      },
      opts,
    ),
    addMilestone(
      doc,
      {
        id: "ms-phase2",
        name: "Phase 2 Day",
        definition: { kind: "offset", fromMilestoneId: "ms-implementation", days: 0, months: 6 },
      },
      opts,
    ),
    addStep(
      doc,
      {
        id: "step-a2",
        number: "3",
        actorPartyId: A,
        action: "dismantles the listed facilities",
        phase: "Phase 2",
        mechanismId: "mech-jvc",
        takenAt: { milestoneId: "ms-implementation", offsetDays: 0 },
        deadline: { milestoneId: "ms-phase2", offsetDays: 0 },
      },
      opts,
    ),
    addStep(
      doc,
      {
        id: "step-b2",
        number: "4",
        actorPartyId: B,
        action: "lifts the sanctions on trade",
        phase: "Phase 2",
        reversible: true,
        takenAt: { milestoneId: "ms-implementation", offsetDays: 0 },
        preconditions: { kind: "verification", mechanismId: "mech-jvc", stepIds: ["step-a1"] },
      },
      opts,
    ),
    updateMechanism(doc, "mech-jvc", { confirmsStepIds: ["step-a1", "step-a2"] }, opts),
    addMilestone(
      doc,
      {
        id: "ms-notice",
        name: "Notification Day",
        definition: {
          kind: "event",
          event: {
            type: "external",
            description: "a Party notifies a breach to the Mediation Team",
          },
        },
      },
      opts,
    ),
    addGuarantee(
      doc,
      {
        id: "guar-mediation",
        guarantor: { kind: "party", partyId: "mediator" },
        beneficiary: { kind: "party", partyId: B },
        obligation: "responds to a reported breach within 14 days of the Commission's report",
        trigger: "a breach reported by the Joint Verification Commission",
        response: "the lifted sanctions may be reinstated in whole or in part",
        nature: "political",
        relatedStepIds: ["step-a1", "step-a2"],
        reversal: {
          effect: "reinstate",
          steps: [{ stepId: "step-b2", extent: "part", note: "" }],
          notificationMilestoneId: "ms-notice",
          stages: [
            { name: "Joint Verification Commission", within: { years: 0, months: 0, days: 14 } },
          ],
        },
      },
      opts,
    ),
  ];
  const refused = results.find((r) => !r.ok);
  if (refused && !refused.ok)
    return err("invalid", `template sequencing: ${refused.error.message}`);
  return ok(null);
}
