/** Export inlines → DOCX runs: marks, links, brackets with proposers, comment ranges. */
import type { Inline } from "@parley/shared/export/model";
import type { RunCursor } from "@parley/shared/export/walk";
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  ExternalHyperlink,
  type ParagraphChild,
  TextRun,
} from "docx";
import { SIZE } from "./styles.js";

type TextInline = Extract<Inline, { kind: "text" }>;

export interface InlineContext {
  cursor: RunCursor;
  /** Export comment id ("c1") → Word comment id. */
  wordId(commentId: string): number | undefined;
}

function textRun(inline: TextInline): ParagraphChild {
  const run = new TextRun({
    text: inline.text,
    bold: inline.marks.bold,
    italics: inline.marks.italic,
    underline: inline.marks.underline ? {} : undefined,
    strike: inline.marks.strike,
    style: inline.marks.link ? "Hyperlink" : undefined,
  });
  return inline.marks.link
    ? new ExternalHyperlink({ link: inline.marks.link, children: [run] })
    : run;
}

const plain = (text: string) => new TextRun({ text });
const superscript = (text: string) =>
  new TextRun({ text, superScript: true, size: SIZE.proposer, color: "444444" });

export function docxInline(content: readonly Inline[], ctx: InlineContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const inline of content) {
    switch (inline.kind) {
      case "text": {
        const { starting, ending } = ctx.cursor.next();
        for (const id of starting) {
          const n = ctx.wordId(id);
          if (n !== undefined) out.push(new CommentRangeStart(n));
        }
        out.push(textRun(inline));
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
