/**
 * The export model as one standalone HTML file: print CSS inline, no script, no external
 * resource (a Content-Security-Policy forbids both), every user string escaped, links only
 * http(s) and mailto. Chromium prints this file for the PDF.
 */
import { cleanModelText } from "./cleanModel.js";
import { escapeHtml as esc } from "./escape.js";
import { HTML_STYLES } from "./htmlStyles.js";
import type {
  Annex,
  Block,
  BlockSuggestionRef,
  ExportComment,
  ExportModel,
  Inline,
  SuggestionRef,
  SuggestionsModel,
  TableCell,
} from "./model.js";
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

/** `<ins>` / `<del>` around `html` in the colour of the suggestion's author (`sugg-aN`). */
function suggested(tag: "ins" | "del", ref: SuggestionRef, html: string, what: string): string {
  const title = `${what}: ${ref.author}, ${formatUtc(ref.at)}`;
  return `<${tag} class="sugg sugg-a${ref.legend}" data-suggestion="${esc(ref.id)}" title="${esc(title)}">${html}</${tag}>`;
}

/** The mark of a proposed (or proposed removed) paragraph break, before the block's text. */
function breakMark(ref: BlockSuggestionRef | undefined): string {
  if (ref?.scope !== "break") return "";
  return ref.kind === "insert"
    ? suggested("ins", ref, "¶", "New paragraph proposed")
    : suggested("del", ref, "¶", "Joining to the paragraph before proposed");
}

function runHtml(run: Extract<Inline, { kind: "text" }>): string {
  let html = marked(run.text, run.marks);
  if (run.deleted) html = suggested("del", run.deleted, html, "Proposed deletion");
  if (run.inserted) html = suggested("ins", run.inserted, html, "Proposed insertion");
  return html;
}

/** Per-author colours (validated `#rrggbb`, so nothing else reaches the stylesheet). */
function legendStyles(suggestions: SuggestionsModel): string {
  return suggestions.legend
    .map((a, i) =>
      /^#[0-9a-fA-F]{6}$/.test(a.colour) ? `.sugg-a${i} { --sugg: ${a.colour}; }` : "",
    )
    .join("\n");
}

function legend(suggestions: SuggestionsModel): string {
  if (suggestions.view !== "show" || suggestions.legend.length === 0) return "";
  const authors = suggestions.legend
    .map(
      (a, i) =>
        `<li class="sugg-a${i}"><span class="swatch" aria-hidden="true"></span><span class="legend-author" dir="auto">${esc(a.author)}</span>${a.party ? ` — <span dir="auto">${esc(a.party)}</span>` : ""}</li>`,
    )
    .join("");
  return `<section class="suggestion-legend" aria-label="Suggestions">
<p class="legend-key"><strong>Pending suggestions</strong> (${suggestions.pending.length}): <ins class="sugg">underlined</ins> text is proposed for insertion, <del class="sugg">struck-through</del> text for deletion; <ins class="sugg">¶</ins> marks a proposed new paragraph.</p>
<ul class="legend-authors">${authors}</ul>
</section>`;
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
            const html = runHtml(i);
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
        return `<h${block.level} dir="auto">${breakMark(block.suggestion)}${this.inline(block.content)}</h${block.level}>`;
      case "paragraph":
        return `<p dir="auto">${breakMark(block.suggestion)}${this.inline(block.content)}</p>`;
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
        const s = block.suggestion;
        const label = !s
          ? esc(block.label)
          : s.kind === "insert"
            ? suggested("ins", s, esc(block.label), "New article proposed")
            : suggested("del", s, esc(block.label), "Removal of the article proposed");
        return `<section class="term"${id} data-category="${esc(block.category)}"><div class="term-number">${label}${status}</div><div class="term-body">${this.blocks(block.blocks)}</div></section>`;
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
<style>${HTML_STYLES}${legendStyles(model.suggestions)}</style>
</head>
<body>
<header class="title-block">
<p class="designation">${esc(model.designation)}</p>
<h1 class="title" dir="auto">${esc(model.title)}</h1>
<p class="version">${esc(model.version.text)}</p>
${notes}
<hr class="rule">
</header>
${legend(model.suggestions)}
<main>
${body}
</main>
${model.annexes.map(annex).join("\n")}
${comments}
</body>
</html>
`;
}
