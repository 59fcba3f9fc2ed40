/**
 * Export inlines → DOCX runs: marks, links, brackets with proposers, comment ranges, and
 * suggestions as Word revisions (`revisions.ts`).
 */
import type { BlockSuggestionRef, Inline } from "@parley/shared/export/model";
import type { RunCursor } from "@parley/shared/export/walk";
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  ExternalHyperlink,
  type IRunOptions,
  type ParagraphChild,
  TextRun,
} from "docx";
import { type RevisionIds, revisedRun } from "./revisions.js";
import { SIZE } from "./styles.js";

type TextInline = Extract<Inline, { kind: "text" }>;

export interface InlineContext {
  cursor: RunCursor;
  /** Export comment id ("c1") → Word comment id. */
  wordId(commentId: string): number | undefined;
  /** Revision ids of the document's tracked changes. */
  revisions: RevisionIds;
  /**
   * The whole-block suggestion of the article or list item being written: the runs the export
   * adds (brackets, proposers, status) are inserted or deleted with it.
   */
  enclosing?: BlockSuggestionRef;
}

function textRun(inline: TextInline, ctx: InlineContext): ParagraphChild {
  const run = revisedRun(
    {
      text: inline.text,
      bold: inline.marks.bold,
      italics: inline.marks.italic,
      underline: inline.marks.underline ? {} : undefined,
      strike: inline.marks.strike,
      style: inline.marks.link ? "Hyperlink" : undefined,
    },
    ctx.revisions,
    inline.inserted,
    inline.deleted,
  );
  return inline.marks.link
    ? new ExternalHyperlink({ link: inline.marks.link, children: [run] })
    : run;
}

/** A run the export adds, revised with the enclosing article's or list item's suggestion. */
export function addedRun(options: IRunOptions, ctx: InlineContext): ParagraphChild {
  const s = ctx.enclosing;
  return revisedRun(
    options,
    ctx.revisions,
    s?.kind === "insert" ? s : undefined,
    s?.kind === "delete" ? s : undefined,
  );
}

export function docxInline(content: readonly Inline[], ctx: InlineContext): ParagraphChild[] {
  const plain = (text: string) => addedRun({ text }, ctx);
  const superscript = (text: string) =>
    addedRun({ text, superScript: true, size: SIZE.proposer, color: "444444" }, ctx);
  const out: ParagraphChild[] = [];
  for (const inline of content) {
    switch (inline.kind) {
      case "text": {
        const { starting, ending } = ctx.cursor.next();
        for (const id of starting) {
          const n = ctx.wordId(id);
          if (n !== undefined) out.push(new CommentRangeStart(n));
        }
        out.push(textRun(inline, ctx));
        for (const id of ending) {
          const n = ctx.wordId(id);
          if (n === undefined) continue;
          out.push(new CommentRangeEnd(n));
          out.push(new TextRun({ children: [new CommentReference(n)] }));
        }
        break;
      }
      case "break":
        out.push(new TextRun({ break: 1 }));
        break;
      case "openBracket":
        out.push(...docxInline(inline.shown, ctx), superscript("†"));
        break;
      case "bracket":
        inline.options.forEach((option, i) => {
          if (i > 0) out.push(plain(" "));
          out.push(plain(inline.labelled ? `[Option ${option.number}: ` : "["));
          out.push(...docxInline(option.content, ctx));
          out.push(plain("]"));
          if (option.proposer) out.push(superscript(option.proposer));
        });
        break;
    }
  }
  return out;
}
