/**
 * Export blocks → DOCX paragraphs and tables: headings, numbered articles, lists, tables.
 *
 * Block suggestions become revisions of paragraph marks. In Word a paragraph's mark ends it, so
 * the break BEFORE a block (a proposed split or join, `scope: "break"`) is the mark of the
 * paragraph before it; a whole proposed article or list item (`scope: "block"`) has its own
 * marks and runs revised, so rejecting (or accepting a removal) takes the whole of it away.
 */
import type { Block, BlockSuggestionRef, TableBlock, TermBlock } from "@parley/shared/export/model";
import { tableWidth } from "@parley/shared/export/tableGrid";
import {
  BorderStyle,
  HeadingLevel,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from "docx";
import { addedRun, docxInline, type InlineContext } from "./inline.js";
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

type TextBlock = Extract<Block, { kind: "paragraph" | "heading" }>;

const isTextBlock = (block: Block | undefined): block is TextBlock =>
  block?.kind === "paragraph" || block?.kind === "heading";

/**
 * The suggestion on the mark of `blocks[i]`'s paragraph: its own whole-block one, else the break
 * after it, proposed by the next block. A proposed break with no paragraph before it in its
 * container (the first block of an article, a cell, a list item) revises no mark: accepting or
 * rejecting it changes nothing there (`resolveSuggestions` keeps such a block as it is too).
 */
export function markSuggestion(
  blocks: readonly Block[],
  i: number,
): BlockSuggestionRef | undefined {
  const block = blocks[i];
  if (!isTextBlock(block)) return undefined;
  if (block.suggestion?.scope === "block") return block.suggestion;
  const next = blocks[i + 1];
  if (isTextBlock(next) && next.suggestion?.scope === "break") return next.suggestion;
  return undefined;
}

interface Where {
  /** Left indent (twips) of paragraphs, inside an article or a list. */
  indent: number;
  listDepth: number;
}

export class DocxBlocks {
  private listInstance = 0;

  constructor(private readonly ctx: InlineContext) {}

  /** `blocks` from index `from` on (the blocks before it are written by the caller). */
  blocks(blocks: readonly Block[], where: Where = { indent: 0, listDepth: 0 }, from = 0): Out[] {
    const out: Out[] = [];
    for (let i = from; i < blocks.length; i++) {
      const block = blocks[i];
      if (block) out.push(...this.block(block, where, markSuggestion(blocks, i)));
    }
    return out;
  }

  /** The paragraph option that revises its mark (`w:pPr/w:rPr/w:ins|w:del`). */
  private mark(suggestion: BlockSuggestionRef | undefined) {
    if (!suggestion) return {};
    const change = this.ctx.revisions.take(suggestion);
    return { run: suggestion.kind === "insert" ? { insertion: change } : { deletion: change } };
  }

  private paragraph(
    children: ParagraphChild[],
    where: Where,
    mark: BlockSuggestionRef | undefined,
  ): Paragraph {
    return new Paragraph({
      children,
      indent: where.indent > 0 ? { left: where.indent } : undefined,
      ...this.mark(mark),
    });
  }

  private block(block: Block, where: Where, mark?: BlockSuggestionRef): Out[] {
    switch (block.kind) {
      case "heading":
        return [
          new Paragraph({
            heading: HEADINGS[block.level],
            children: docxInline(block.content, this.ctx),
            // Section headings drive the article numbering (`Art. %1.%2`): level 0, no visible number.
            numbering: block.level === 2 ? { reference: NUMBERING.articles, level: 0 } : undefined,
            ...this.mark(mark),
          }),
        ];
      case "paragraph":
        return [this.paragraph(docxInline(block.content, this.ctx), where, mark)];
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
      const [first] = item;
      const head =
        first?.kind === "paragraph"
          ? new Paragraph({
              children: docxInline(first.content, this.ctx),
              numbering: { reference, level, instance },
              indent: { left: itemIndent, hanging: 360 },
              ...this.mark(markSuggestion(item, 0)),
            })
          : new Paragraph({
              children: [],
              numbering: { reference, level, instance },
              indent: { left: itemIndent, hanging: 360 },
            });
      const inside = { indent: itemIndent, listDepth: where.listDepth + 1 };
      return [head, ...this.blocks(item, inside, first?.kind === "paragraph" ? 1 : 0)];
    });
  }

  private term(block: TermBlock): Out[] {
    const outer = this.ctx.enclosing;
    if (block.suggestion) this.ctx.enclosing = block.suggestion;
    try {
      return this.termParagraphs(block);
    } finally {
      this.ctx.enclosing = outer;
    }
  }

  private termParagraphs(block: TermBlock): Out[] {
    const numbering =
      block.section > 0
        ? { reference: NUMBERING.articles, level: 1 }
        : { reference: NUMBERING.leadArticles, level: 0 };
    const [first] = block.blocks;
    const status = (lead: string) =>
      block.status
        ? [
            addedRun(
              {
                text: `${lead}(${block.status})`,
                italics: true,
                size: SIZE.small,
                color: "555555",
              },
              this.ctx,
            ),
          ]
        : [];
    const inside: Where = { indent: ARTICLE_INDENT, listDepth: 0 };
    if (first?.kind === "paragraph") {
      return [
        new Paragraph({
          children: [...docxInline(first.content, this.ctx), ...status(" ")],
          numbering,
          ...this.mark(markSuggestion(block.blocks, 0)),
        }),
        ...this.blocks(block.blocks, inside, 1),
      ];
    }
    return [
      new Paragraph({ children: status(""), numbering, ...this.mark(block.suggestion) }),
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
