/**
 * The export model as Markdown (CommonMark + GFM tables + footnotes): headings, lists, tables,
 * brackets kept as text (`[shall]^FP^ [should]^SP^`, the proposer in Pandoc superscript),
 * open brackets of the clean text as `shall†`, comments as footnotes, pending suggestions as a
 * numbered list at the end. All user text is escaped.
 *
 * Markdown cannot draw a tracked change: give it `buildPlainModel`'s model (the chosen view's
 * text; with `show`, the original text and the list). A run still marked as a proposed insertion
 * is left out, so the text reads as the original either way.
 */
import { oneLine } from "../text/clean.js";
import { cleanModelText } from "./cleanModel.js";
import { escapeMarkdown, guardLines, leadingSpace, trailingSpace } from "./escape.js";
import type {
  Annex,
  Block,
  ExportComment,
  ExportModel,
  ExportSuggestion,
  Inline,
  TableCell,
} from "./model.js";
import { tableWidth } from "./tableGrid.js";
import { formatUtc } from "./version.js";
import { commentSpans, RunCursor } from "./walk.js";

/** A heading's closing `#`s would be dropped (`## C #` is "C"): a trailing `#` is escaped. */
function guardHeadingEnd(text: string): string {
  const core = text.slice(0, text.length - trailingSpace(text).length);
  return core.endsWith("#") ? `${core.slice(0, -1)}\\#` : core;
}

function wrap(text: string, marks: Extract<Inline, { kind: "text" }>["marks"]): string {
  if (text.trim() === "") return text;
  // Keep surrounding spaces outside the emphasis markers (`** x**` is not bold in CommonMark).
  const lead = leadingSpace(text);
  const trail = trailingSpace(text);
  let core = escapeMarkdown(text.trim());
  if (marks.strike) core = `~~${core}~~`;
  if (marks.underline) core = `<u>${core}</u>`;
  if (marks.italic) core = `*${core}*`;
  if (marks.bold) core = `**${core}**`;
  if (marks.link) core = `[${core}](<${marks.link.replace(/[<>\s]/g, encodeURIComponent)}>)`;
  return `${lead}${core}${trail}`;
}

class MarkdownWriter {
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
            if (i.inserted) return ending.map((id) => `[^${id}]`).join("");
            // Line breaks in a text run are not breaks of the document: they become spaces.
            return wrap(oneLine(i.text), i.marks) + ending.map((id) => `[^${id}]`).join("");
          }
          case "break":
            return "\\\n";
          case "openBracket":
            return `${this.inline(i.shown)}†`;
          case "bracket":
            return i.options
              .map((o) => {
                const label = i.labelled ? `Option ${o.number}: ` : "";
                const proposer = o.proposer
                  ? `^${escapeMarkdown(o.proposer).replace(/ /g, "\\ ")}^`
                  : "";
                return `[${label}${this.inline(o.content)}]${proposer}`;
              })
              .join(" ");
          default:
            return "";
        }
      })
      .join("");
  }

  /** Inline content on one line (a heading, a table cell): hard breaks as `<br>`. */
  private inlineOneLine(content: readonly Inline[]): string {
    return this.inline(content).replace(/\\\n/g, "<br>");
  }

  private cell(cell: TableCell): string {
    return cell.blocks
      .map((b) =>
        b.kind === "paragraph" ? this.inlineOneLine(b.content) : this.block(b).join(" "),
      )
      .join("<br>")
      .replace(/\n/g, " ");
  }

  private table(rows: readonly TableCell[][]): string[] {
    if (rows.length === 0) return [];
    const width = tableWidth(rows);
    const line = (cells: string[]) =>
      `| ${[...cells, ...Array(width - cells.length).fill("")].join(" | ")} |`;
    const render = (row: readonly TableCell[]) =>
      line(row.flatMap((c) => [this.cell(c), ...Array(c.colspan - 1).fill("")]));
    const [head, ...rest] = rows;
    return [render(head ?? []), line(Array(width).fill("---")), ...rest.map(render)];
  }

  /** Lines of one block (no trailing blank line). */
  block(block: Block): string[] {
    switch (block.kind) {
      case "heading":
        return [`${"#".repeat(block.level)} ${guardHeadingEnd(this.inlineOneLine(block.content))}`];
      case "paragraph":
        // Every line guarded: after a hard break, `# x` or `- x` would start a new block.
        return guardLines(this.inline(block.content), true).split("\n");
      case "blockquote":
        return this.blocks(block.blocks).map((l) => (l === "" ? ">" : `> ${l}`));
      case "table":
        return this.table(block.rows);
      case "list":
        return block.items.flatMap((item, n) => {
          const marker = block.ordered ? `${block.start + n}.` : "-";
          const pad = " ".repeat(marker.length + 1);
          const lines = this.blocks(item);
          if (lines.length === 0) return [marker];
          return lines.map((l, k) => (k === 0 ? `${marker} ${l}` : l === "" ? "" : `${pad}${l}`));
        });
      case "term": {
        const head = `**${block.label}**${block.status ? ` *(${block.status})*` : ""}`;
        const [first, ...rest] = block.blocks;
        const lines =
          first?.kind === "paragraph"
            ? [
                ...`${head} ${guardLines(this.inline(first.content), false)}`.split("\n"),
                ...(rest.length > 0 ? ["", ...this.blocks(rest)] : []),
              ]
            : [head, ...(block.blocks.length > 0 ? ["", ...this.blocks(block.blocks)] : [])];
        return lines;
      }
    }
  }

  blocks(blocks: readonly Block[]): string[] {
    return blocks.flatMap((b, i) => (i === 0 ? this.block(b) : ["", ...this.block(b)]));
  }
}

function annex(a: Annex): string[] {
  const esc = (s: string) => escapeMarkdown(s);
  const lines = [`## ${a.label}: ${esc(a.title)}`, ""];
  if (a.rows.length === 0) return [...lines, `*${esc(a.emptyNote)}*`];
  return [
    ...lines,
    `| ${a.columns.map(esc).join(" | ")} |`,
    `| ${a.columns.map(() => "---").join(" | ")} |`,
    ...a.rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ];
}

function footnote(c: ExportComment): string[] {
  const esc = escapeMarkdown;
  const [first, ...replies] = c.messages;
  const lines = [
    `[^${c.id}]: **${esc(first?.author ?? "")}**, ${formatUtc(first?.at ?? "")}: ${esc(first?.body ?? "")}${
      c.anchored ? "" : " *(on text since deleted)*"
    }`,
  ];
  for (const r of replies)
    lines.push(`    - **${esc(r.author)}**, ${formatUtc(r.at)}: ${esc(r.body)}`);
  if (c.proposedWording) lines.push(`    - Proposed wording: “${esc(c.proposedWording)}”`);
  return lines;
}

const SUGGESTION_KINDS: Record<ExportSuggestion["kind"], string> = {
  insert: "Insert",
  delete: "Delete",
  replace: "Replace",
  newBlock: "New article or item",
  removeBlock: "Remove article or item",
  split: "New paragraph",
  join: "Join paragraphs",
};

/** One entry of the appendix: kind, text, where, author (with party), time. */
function pendingItem(p: ExportSuggestion, n: number): string {
  const quote = (text: string) => `“${escapeMarkdown(text)}”`;
  let text = "";
  if (p.kind === "replace") text = ` ${quote(p.deleted)} with ${quote(p.inserted)}`;
  else if (p.inserted !== "" && p.deleted === "") text = ` ${quote(p.inserted)}`;
  else if (p.deleted !== "" && p.inserted === "") text = ` ${quote(p.deleted)}`;
  else if (p.deleted !== "" && p.inserted !== "")
    text = `: ${quote(p.deleted)} → ${quote(p.inserted)}`;
  const where = p.where === null ? "" : ` (${escapeMarkdown(p.where)})`;
  const party = p.party === null ? "no party" : `party ${escapeMarkdown(p.party)}`;
  return `${n}. **${SUGGESTION_KINDS[p.kind]}**${text}${where} — ${escapeMarkdown(p.author)}, ${party}, ${formatUtc(p.at)}`;
}

export function renderMarkdown(stored: ExportModel): string {
  const model = cleanModelText(stored);
  const writer = new MarkdownWriter(model);
  const out: string[] = [
    `# ${escapeMarkdown(model.title)}`,
    "",
    `*${escapeMarkdown(model.designation)} · ${escapeMarkdown(model.version.text)}*`,
  ];
  for (const note of model.notes) out.push("", `> ${escapeMarkdown(note)}`);
  out.push("", ...writer.blocks(model.body));
  for (const a of model.annexes) out.push("", ...annex(a));
  if (model.suggestions.view === "show" && model.suggestions.pending.length > 0) {
    out.push("", "## Pending suggestions", "");
    model.suggestions.pending.forEach((p, i) => {
      out.push(pendingItem(p, i + 1));
    });
  }
  const unanchored = model.comments.filter((c) => !c.anchored);
  if (unanchored.length > 0) {
    out.push("", "## Comments on deleted text", "", unanchored.map((c) => `[^${c.id}]`).join(" "));
  }
  if (model.comments.length > 0) {
    out.push("");
    for (const c of model.comments) out.push(...footnote(c));
  }
  return `${out.join("\n")}\n`;
}
