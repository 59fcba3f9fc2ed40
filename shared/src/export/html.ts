/**
 * The export model as one standalone HTML file: print CSS inline, no script, no external
 * resource (a Content-Security-Policy forbids both), every user string escaped, links only
 * http(s) and mailto. Chromium prints this file for the PDF.
 */
import { cleanModelText } from "./cleanModel.js";
import { escapeHtml as esc } from "./escape.js";
import { HTML_STYLES } from "./htmlStyles.js";
import type { Annex, Block, ExportComment, ExportModel, Inline, TableCell } from "./model.js";
import { formatUtc } from "./version.js";
import { commentSpans, RunCursor } from "./walk.js";

function marked(text: string, marks: Extract<Inline, { kind: "text" }>["marks"]): string {
  let html = esc(text);
  if (marks.bold) html = `<strong>${html}</strong>`;
  if (marks.italic) html = `<em>${html}</em>`;
  if (marks.underline) html = `<u>${html}</u>`;
  if (marks.strike) html = `<s>${html}</s>`;
  if (marks.link) html = `<a href="${esc(marks.link)}" rel="noopener noreferrer">${html}</a>`;
  return html;
}

class HtmlWriter {
  private readonly cursor: RunCursor;

  constructor(model: ExportModel) {
    this.cursor = new RunCursor(commentSpans(model));
  }

  inline(content: readonly Inline[]): string {
    return content
      .map((i) => {
        switch (i.kind) {
          case "text": {
            const { ending } = this.cursor.next();
            const html = marked(i.text, i.marks);
            const body =
              i.commentIds.length > 0
                ? `<span class="commented" data-comments="${esc(i.commentIds.join(" "))}">${html}</span>`
                : html;
            const refs = ending
              .map((id) => `<sup class="comment-ref"><a href="#${esc(id)}">${esc(id)}</a></sup>`)
              .join("");
            return body + refs;
          }
          case "break":
            return "<br>";
          case "openBracket":
            return `<span class="open-bracket">${this.inline(i.shown)}</span><sup class="open-flag" title="Still in brackets: option 1 of ${i.optionCount} shown">†</sup>`;
          case "bracket":
            return `<span class="bracket">${i.options
              .map((o) => {
                const label = i.labelled ? `Option ${o.number}: ` : "";
                const proposer = o.proposer ? `<sup class="proposer">${esc(o.proposer)}</sup>` : "";
                return `<span class="bracket-option">[${label}${this.inline(o.content)}]${proposer}</span>`;
              })
              .join(" ")}</span>`;
          default:
            return "";
        }
      })
      .join("");
  }

  private cell(cell: TableCell): string {
    const tag = cell.header ? "th" : "td";
    const span =
      (cell.colspan > 1 ? ` colspan="${cell.colspan}"` : "") +
      (cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : "");
    return `<${tag}${span} dir="auto">${this.blocks(cell.blocks)}</${tag}>`;
  }

  block(block: Block): string {
    switch (block.kind) {
      case "heading":
        return `<h${block.level} dir="auto">${this.inline(block.content)}</h${block.level}>`;
      case "paragraph":
        return `<p dir="auto">${this.inline(block.content)}</p>`;
      case "blockquote":
        return `<blockquote>${this.blocks(block.blocks)}</blockquote>`;
      case "list": {
        const tag = block.ordered ? "ol" : "ul";
        const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : "";
        const items = block.items
          .map((item) => `<li dir="auto">${this.blocks(item)}</li>`)
          .join("");
        return `<${tag}${start}>${items}</${tag}>`;
      }
      case "table":
        return `<table><tbody>${block.rows.map((row) => `<tr>${row.map((c) => this.cell(c)).join("")}</tr>`).join("")}</tbody></table>`;
      case "term": {
        const status = block.status ? `<span class="term-status">${esc(block.status)}</span>` : "";
        const id = block.termId ? ` id="${esc(block.termId)}"` : "";
        return `<section class="term"${id} data-category="${esc(block.category)}"><div class="term-number">${esc(block.label)}${status}</div><div class="term-body">${this.blocks(block.blocks)}</div></section>`;
      }
    }
  }

  blocks(blocks: readonly Block[]): string {
    return blocks.map((b) => this.block(b)).join("\n");
  }
}

function annex(a: Annex): string {
  const head = `<h2 class="annex-label">${esc(a.label)}</h2><h3 class="annex-title">${esc(a.title)}</h3>`;
  if (a.rows.length === 0)
    return `<section class="annex">${head}<p class="empty-note">${esc(a.emptyNote)}</p></section>`;
  const cols = a.widths.map((w) => `<col style="width: ${Number(w)}%">`).join("");
  const th = a.columns.map((c) => `<th>${esc(c)}</th>`).join("");
  const rows = a.rows
    .map((r) => `<tr>${r.map((c) => `<td dir="auto">${esc(c)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<section class="annex">${head}<table><colgroup>${cols}</colgroup><thead><tr>${th}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function comment(c: ExportComment): string {
  const [first, ...replies] = c.messages;
  const meta = (author: string, at: string) =>
    `<span class="comment-meta">${esc(author)}</span>, ${esc(formatUtc(at))}`;
  const parts = [
    `<p>${first ? `${meta(first.author, first.at)}: ${esc(first.body)}` : ""}${c.anchored ? "" : " <em>(on text since deleted)</em>"}</p>`,
    ...replies.map((r) => `<p class="comment-reply">${meta(r.author, r.at)}: ${esc(r.body)}</p>`),
  ];
  if (c.proposedWording) {
    parts.push(`<p class="comment-wording">Proposed wording: “${esc(c.proposedWording)}”</p>`);
  }
  return `<li id="${esc(c.id)}"><span class="comment-id">${esc(c.id)}</span><div dir="auto">${parts.join("")}</div></li>`;
}

export function renderHtml(stored: ExportModel): string {
  const model = cleanModelText(stored);
  const writer = new HtmlWriter(model);
  const notes =
    model.notes.length > 0
      ? `<div class="notes">${model.notes.map((n) => `<p>${esc(n)}</p>`).join("")}</div>`
      : "";
  const body = writer.blocks(model.body);
  const comments =
    model.comments.length > 0
      ? `<section class="comments"><h2>Comments</h2><ol>${model.comments.map(comment).join("\n")}</ol></section>`
      : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Parley">
<title>${esc(model.title)}</title>
<style>${HTML_STYLES}</style>
</head>
<body>
<header class="title-block">
<p class="designation">${esc(model.designation)}</p>
<h1 class="title" dir="auto">${esc(model.title)}</h1>
<p class="version">${esc(model.version.text)}</p>
${notes}
<hr class="rule">
</header>
<main>
${body}
</main>
${model.annexes.map(annex).join("\n")}
${comments}
</body>
</html>
`;
}
