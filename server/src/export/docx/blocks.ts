/** Export blocks → DOCX paragraphs and tables: headings, numbered articles, lists, tables. */
import type { Block, TableBlock, TermBlock } from "@parley/shared/export/model";
import { tableWidth } from "@parley/shared/export/tableGrid";
import {
  BorderStyle,
  HeadingLevel,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { docxInline, type InlineContext } from "./inline.js";
import { ARTICLE_INDENT, NUMBERING, SIZE } from "./styles.js";

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

export const CELL_BORDERS = {
  top: { style: BorderStyle.SINGLE, size: 4, color: "444444" },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: "444444" },
  left: { style: BorderStyle.SINGLE, size: 4, color: "444444" },
  right: { style: BorderStyle.SINGLE, size: 4, color: "444444" },
};

type Out = Paragraph | Table;

interface Where {
  /** Left indent (twips) of paragraphs, inside an article or a list. */
  indent: number;
  listDepth: number;
}

export class DocxBlocks {
  private listInstance = 0;

  constructor(private readonly ctx: InlineContext) {}

  blocks(blocks: readonly Block[], where: Where = { indent: 0, listDepth: 0 }): Out[] {
    return blocks.flatMap((b) => this.block(b, where));
  }

  private paragraph(children: ParagraphChild[], where: Where): Paragraph {
    return new Paragraph({
      children,
      indent: where.indent > 0 ? { left: where.indent } : undefined,
    });
  }

  private block(block: Block, where: Where): Out[] {
    switch (block.kind) {
      case "heading":
        return [
          new Paragraph({
            heading: HEADINGS[block.level],
            children: docxInline(block.content, this.ctx),
            // Section headings drive the article numbering (`Art. %1.%2`): level 0, no visible number.
            numbering: block.level === 2 ? { reference: NUMBERING.articles, level: 0 } : undefined,
          }),
        ];
      case "paragraph":
        return [this.paragraph(docxInline(block.content, this.ctx), where)];
      case "blockquote":
        return this.blocks(block.blocks, { ...where, indent: where.indent + 567 });
      case "list":
        return this.list(block, where);
      case "table":
        return [this.table(block)];
      case "term":
        return this.term(block);
    }
  }

  private list(block: Extract<Block, { kind: "list" }>, where: Where): Out[] {
    const reference = block.ordered ? NUMBERING.ordered : NUMBERING.bullets;
    const instance = ++this.listInstance;
    const level = Math.min(where.listDepth, 5);
    const itemIndent = where.indent + 720 + level * 360;
    return block.items.flatMap((item) => {
      const [first, ...rest] = item;
      const head =
        first?.kind === "paragraph"
          ? new Paragraph({
              children: docxInline(first.content, this.ctx),
              numbering: { reference, level, instance },
              indent: { left: itemIndent, hanging: 360 },
            })
          : new Paragraph({
              children: [],
              numbering: { reference, level, instance },
              indent: { left: itemIndent, hanging: 360 },
            });
      const others = first?.kind === "paragraph" ? rest : item;
      return [head, ...this.blocks(others, { indent: itemIndent, listDepth: where.listDepth + 1 })];
    });
  }

  private term(block: TermBlock): Out[] {
    const numbering =
      block.section > 0
        ? { reference: NUMBERING.articles, level: 1 }
        : { reference: NUMBERING.leadArticles, level: 0 };
    const [first, ...rest] = block.blocks;
    const status = (lead: string) =>
      block.status
        ? [
            new TextRun({
              text: `${lead}(${block.status})`,
              italics: true,
              size: SIZE.small,
              color: "555555",
            }),
          ]
        : [];
    const inside: Where = { indent: ARTICLE_INDENT, listDepth: 0 };
    if (first?.kind === "paragraph") {
      return [
        new Paragraph({
          children: [...docxInline(first.content, this.ctx), ...status(" ")],
          numbering,
        }),
        ...this.blocks(rest, inside),
      ];
    }
    return [
      new Paragraph({ children: status(""), numbering }),
      ...this.blocks(block.blocks, inside),
    ];
  }

  private table(block: TableBlock): Table {
    // The model bounds the grid (`tableGrid.ts`); no spread of rows into arguments.
    const columns = Math.max(1, tableWidth(block.rows));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: Array(columns).fill(Math.floor(9000 / columns)),
      rows: block.rows.map(
        (row, i) =>
          new TableRow({
            tableHeader: i === 0 && row.every((c) => c.header),
            children: row.map((cell) => {
              const content = this.blocks(cell.blocks, { indent: 0, listDepth: 0 });
              return new TableCell({
                children: content.length > 0 ? content : [new Paragraph({})],
                columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
                rowSpan: cell.rowspan > 1 ? cell.rowspan : undefined,
                borders: CELL_BORDERS,
                shading: cell.header ? { fill: "ECEAE4" } : undefined,
              });
            }),
          }),
      ),
    });
  }
}
