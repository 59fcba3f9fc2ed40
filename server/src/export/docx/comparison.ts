/**
 * A comparison of two versions as a Word redline: a title ("Comparison: Rev. 1 → Rev. 2"), the
 * summary line, the bracket options dropped without resolution, then each changed term with its
 * number and what changed, its text carrying the word diff as Word tracked changes (`w:del` /
 * `w:ins`, `revisions.ts`). A revision's author is who changed the term's text ("Name (Party)")
 * when the comparison knows it, else "Parley"; its date is the later version's time. Every string
 * is cleaned of what XML 1.0 forbids first (Word refuses such a file).
 */
import type { Actor } from "@parley/shared/model/actor";
import { cleanXmlText as clean } from "@parley/shared/text/clean";
import { TERM_KIND_LABELS } from "@parley/shared/versions/changeLabels";
import type { Comparison, TermChange } from "@parley/shared/versions/comparison";
import { diffSegments } from "@parley/shared/versions/diffSegments";
import { AlignmentType, Document, Packer, Paragraph, type ParagraphChild, TextRun } from "docx";
import { RevisionIds, type RevisionSource, revisedRun } from "./revisions.js";
import { FONT, SIZE, STYLES } from "./styles.js";

export interface ComparisonDocxOptions {
  /** The framework's title. */
  title: string;
  /** Names of the two versions ("Now" for the live state). */
  fromName: string;
  toName: string;
  /** The later version's time (ISO 8601): the date of every revision. */
  at: string;
}

/** The author of a revision whose author the comparison does not know. */
export const UNKNOWN_AUTHOR = "Parley";

const META = { size: SIZE.small, color: "555555" } as const;
const FLAG = { bold: true, color: "8A1111" } as const;

type PartyNames = ReadonlyMap<string, string>;

function actorName(actor: Actor, parties: PartyNames): string {
  if (actor.party === null) return actor.name;
  return `${actor.name} (${parties.get(actor.party) ?? actor.party})`;
}

/** "Dana (Alpha)", "Dana (Alpha), Eli (Beta)"; "Parley" when nobody is known. */
export function revisionAuthor(by: readonly Actor[] | undefined, parties: PartyNames): string {
  if (!by || by.length === 0) return UNKNOWN_AUTHOR;
  return clean(by.map((a) => actorName(a, parties)).join(", ")).slice(0, 255) || UNKNOWN_AUTHOR;
}

function heading(text: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    spacing: { before: 360, after: 120 },
    children: [new TextRun({ text, bold: true, allCaps: true })],
  });
}

function termHeading(t: TermChange): Paragraph {
  const { from, to } = t.label;
  const label = clean(to ?? from ?? t.termId);
  const was = from !== null && to !== null && from !== to ? ` (was ${clean(from)})` : "";
  return new Paragraph({
    keepNext: true,
    spacing: { before: 240, after: 60 },
    children: [
      new TextRun({ text: `${label}${was}`, bold: true }),
      new TextRun({ text: ` — ${t.kinds.map((k) => TERM_KIND_LABELS[k]).join(", ")}`, ...META }),
    ],
  });
}

/** The term's text with its changes as tracked changes (plain when its text did not change). */
function termText(t: TermChange, ids: RevisionIds, source: RevisionSource): Paragraph {
  let children: ParagraphChild[];
  if (t.textDiff) {
    children = diffSegments(t.textDiff).map((s) =>
      revisedRun(
        { text: clean(s.text) },
        ids,
        s.op === "insert" ? source : undefined,
        s.op === "delete" ? source : undefined,
      ),
    );
  } else {
    const added = t.kinds.includes("added");
    const removed = !added && t.kinds.includes("removed");
    children = [
      revisedRun(
        { text: clean(t.text) },
        ids,
        added ? source : undefined,
        removed ? source : undefined,
      ),
    ];
  }
  return new Paragraph({ children });
}

function termParagraphs(
  t: TermChange,
  ids: RevisionIds,
  at: string,
  parties: PartyNames,
): Paragraph[] {
  const author = revisionAuthor(t.by, parties);
  const out = [termHeading(t), termText(t, ids, { author, at })];
  const meta: string[] = [];
  if (t.category) meta.push(`Category: ${clean(t.category.from)} → ${clean(t.category.to)}`);
  if (t.status) meta.push(`Status: ${clean(t.status.from)} → ${clean(t.status.to)}`);
  if (t.stances.length > 0) meta.push(`Stances changed: ${t.stances.length}`);
  if (meta.length > 0) {
    out.push(new Paragraph({ children: [new TextRun({ text: meta.join(" · "), ...META })] }));
  }
  return out;
}

function droppedParagraphs(c: Comparison, parties: PartyNames): Paragraph[] {
  if (c.droppedOptions.length === 0) return [];
  return [
    heading("Options dropped without resolution"),
    ...c.droppedOptions.map((d) => {
      const proposer = d.proposedBy === null ? "—" : (parties.get(d.proposedBy) ?? d.proposedBy);
      const where = d.termLabel ? ` in ${d.termLabel}` : "";
      const by = d.by && d.by.length > 0 ? ` — removed by ${revisionAuthor(d.by, parties)}` : "";
      return new Paragraph({
        children: [
          new TextRun({ text: "DROPPED ", ...FLAG }),
          new TextRun({ text: clean(`[${d.text}] ${proposer}${where}${by}`) }),
        ],
      });
    }),
  ];
}

export function buildComparisonDocument(c: Comparison, options: ComparisonDocxOptions): Document {
  const parties: PartyNames = new Map(c.parties.map((p) => [p.id, p.shortName]));
  const ids = new RevisionIds(0);
  const title = clean(`Comparison: ${options.fromName} → ${options.toName}`);
  const centred = (text: string, run: object = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: clean(text), ...run })],
    });
  return new Document({
    creator: "Parley",
    title,
    description: clean(options.title),
    styles: STYLES,
    features: { updateFields: false },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1361, bottom: 1247, left: 1361, right: 1247 },
          },
        },
        children: [
          new Paragraph({ style: "Title", children: [new TextRun({ text: title })] }),
          centred(options.title, { italics: true, font: FONT }),
          new Paragraph({
            spacing: { before: 240 },
            children: [new TextRun({ text: clean(c.summary), bold: true })],
          }),
          ...(c.exact ? [] : [centred("Some long passages were compared coarsely.", META)]),
          ...droppedParagraphs(c, parties),
          ...(c.terms.length > 0 ? [heading("Terms")] : []),
          ...c.terms.flatMap((t) => termParagraphs(t, ids, options.at, parties)),
        ],
      },
    ],
  });
}

export function renderComparisonDocx(
  c: Comparison,
  options: ComparisonDocxOptions,
): Promise<Buffer> {
  return Packer.toBuffer(buildComparisonDocument(c, options));
}
