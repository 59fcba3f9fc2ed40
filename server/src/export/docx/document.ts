/**
 * The export model as a Word document (the `docx` package): title block, articles numbered by
 * Word (`Art. N.M`, a real multi-level list driven by the section headings), lists, tables,
 * brackets as `[…]` with the proposer in superscript, comment threads as Word comments on their
 * spans (replies in the comment's text), suggestions as Word tracked changes (`revisions.ts`),
 * annexes as tables on new pages, page numbers.
 */

import { cleanModelText } from "@parley/shared/export/cleanModel";
import type { Annex, ExportComment, ExportModel } from "@parley/shared/export/model";
import { formatUtc } from "@parley/shared/export/version";
import { commentSpans, RunCursor } from "@parley/shared/export/walk";
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Footer,
  Header,
  type ICommentOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { CELL_BORDERS, DocxBlocks } from "./blocks.js";
import { RevisionIds } from "./revisions.js";
import { FONT, NUMBERING_OPTIONS, SIZE, STYLES } from "./styles.js";

function initials(author: string): string {
  const letters = author
    .replace(/\(.*\)/, "")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0] ?? "");
  return letters.join("").slice(0, 3).toUpperCase() || "P";
}

function commentOptions(c: ExportComment): ICommentOptions {
  const [first, ...replies] = c.messages;
  const date = first ? new Date(first.at) : undefined;
  const children = [
    new Paragraph({
      children: [
        new TextRun({ text: c.anchored ? "" : "(On text since deleted) ", italics: true }),
        new TextRun({ text: first?.body ?? "" }),
      ],
    }),
    ...replies.map(
      (r) =>
        new Paragraph({
          children: [
            new TextRun({ text: `Reply — ${r.author}, ${formatUtc(r.at)}: `, bold: true }),
            new TextRun({ text: r.body }),
          ],
        }),
    ),
  ];
  if (c.proposedWording) {
    children.push(
      new Paragraph({
        children: [
          new TextRun({ text: "Proposed wording: ", bold: true }),
          new TextRun({ text: `“${c.proposedWording}”`, italics: true }),
        ],
      }),
    );
  }
  return {
    id: c.index,
    author: first?.author ?? "Participant",
    initials: initials(first?.author ?? ""),
    date: date && !Number.isNaN(date.getTime()) ? date : undefined,
    children,
  };
}

function titleBlock(model: ExportModel): Paragraph[] {
  const unanchored = model.comments.filter((c) => !c.anchored);
  const titleRuns = [
    ...unanchored.map((c) => new CommentRangeStart(c.index)),
    new TextRun({ text: model.title }),
    ...unanchored.flatMap((c) => [
      new CommentRangeEnd(c.index),
      new TextRun({ children: [new CommentReference(c.index)] }),
    ]),
  ];
  return [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { after: 480 },
      children: [new TextRun({ text: model.designation, smallCaps: true, size: SIZE.small })],
    }),
    new Paragraph({ style: "Title", children: titleRuns }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: model.version.text, size: SIZE.small, color: "444444" })],
    }),
    ...model.notes.map(
      (note) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: note, italics: true, size: SIZE.small })],
        }),
    ),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 4 } },
      indent: { left: 3400, right: 3400 },
      children: [],
    }),
  ];
}

function annex(a: Annex): (Paragraph | Table)[] {
  const heading = [
    new Paragraph({
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      spacing: { after: 60 },
      children: [new TextRun({ text: a.label.toUpperCase(), bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 300 },
      children: [new TextRun({ text: a.title, italics: true })],
    }),
  ];
  if (a.rows.length === 0) {
    return [
      ...heading,
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: a.emptyNote, italics: true })],
      }),
    ];
  }
  const total = 9298; // A4 text width in twips with the margins below.
  const cell = (text: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: Math.round((width / 100) * total), type: WidthType.DXA },
      borders: CELL_BORDERS,
      shading: header ? { fill: "ECEAE4" } : undefined,
      children: [
        new Paragraph({
          spacing: { after: 0 },
          children: [new TextRun({ text, bold: header, size: SIZE.table })],
        }),
      ],
    });
  return [
    ...heading,
    new Table({
      width: { size: total, type: WidthType.DXA },
      columnWidths: a.widths.map((w) => Math.round((w / 100) * total)),
      rows: [
        new TableRow({
          tableHeader: true,
          children: a.columns.map((c, i) => cell(c, true, a.widths[i] ?? 10)),
        }),
        ...a.rows.map(
          (r) => new TableRow({ children: r.map((c, i) => cell(c, false, a.widths[i] ?? 10)) }),
        ),
      ],
    }),
  ];
}

export function buildDocxDocument(stored: ExportModel): Document {
  // Every string the document takes, cleaned of what XML 1.0 forbids (Word refuses such a file).
  const model = cleanModelText(stored);
  const wordIds = new Map(model.comments.map((c) => [c.id, c.index]));
  const blocks = new DocxBlocks({
    cursor: new RunCursor(commentSpans(model)),
    wordId: (id) => wordIds.get(id),
    // Word comments take ids 0…n-1; revisions follow, so no two annotations share an id.
    revisions: new RevisionIds(model.comments.length),
  });
  const small = { size: SIZE.tiny, color: "555555", font: FONT };
  return new Document({
    creator: "Parley",
    title: model.title,
    description: `${model.designation} · ${model.version.text}`,
    styles: STYLES,
    numbering: NUMBERING_OPTIONS,
    comments: { children: model.comments.map(commentOptions) },
    features: { updateFields: false },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1361, bottom: 1247, left: 1361, right: 1247 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${model.designation} · ${model.version.text}`, ...small }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
                    ...small,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...titleBlock(model),
          ...blocks.blocks(model.body),
          ...model.annexes.flatMap(annex),
        ],
      },
    ],
  });
}

export async function renderDocx(model: ExportModel): Promise<Buffer> {
  return Packer.toBuffer(buildDocxDocument(model));
}
