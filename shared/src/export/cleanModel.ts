/**
 * The export model with every string passed through `cleanXmlText`: no character XML 1.0
 * forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) reaches a writer. The
 * DOCX writer (whose XML is invalid with any of them, and Word refuses the file) and the HTML
 * writer call it first, so every string they take — text, titles, party names, comment bodies and
 * authors, annexes — is covered in one place.
 */
import { cleanXmlText as clean } from "../text/clean.js";
import type {
  Annex,
  Block,
  ExportComment,
  ExportModel,
  Inline,
  SuggestionRef,
  SuggestionsModel,
  TableCell,
  TextMarks,
} from "./model.js";

function ref<T extends SuggestionRef>(r: T): T {
  return { ...r, id: clean(r.id), author: clean(r.author), at: clean(r.at) };
}

function suggestions(s: SuggestionsModel): SuggestionsModel {
  return {
    view: s.view,
    legend: s.legend.map((a) => ({
      author: clean(a.author),
      party: a.party === null ? null : clean(a.party),
      colour: a.colour,
    })),
    pending: s.pending.map((p) => ({
      ...p,
      id: clean(p.id),
      inserted: clean(p.inserted),
      deleted: clean(p.deleted),
      author: clean(p.author),
      party: p.party === null ? null : clean(p.party),
      at: clean(p.at),
      where: p.where === null ? null : clean(p.where),
    })),
  };
}

function marks(m: TextMarks): TextMarks {
  return m.link === undefined ? m : { ...m, link: clean(m.link) };
}

function inlines(content: readonly Inline[]): Inline[] {
  return content.map(inline);
}

function inline(i: Inline): Inline {
  switch (i.kind) {
    case "text":
      return {
        ...i,
        text: clean(i.text),
        marks: marks(i.marks),
        ...(i.inserted ? { inserted: ref(i.inserted) } : {}),
        ...(i.deleted ? { deleted: ref(i.deleted) } : {}),
      };
    case "break":
      return i;
    case "openBracket":
      return { ...i, shown: inlines(i.shown) };
    case "bracket":
      return {
        ...i,
        options: i.options.map((o) => ({
          ...o,
          proposer: o.proposer === null ? null : clean(o.proposer),
          content: inlines(o.content),
        })),
      };
  }
}

function cell(c: TableCell): TableCell {
  return { ...c, blocks: blocks(c.blocks) };
}

function blocks(content: readonly Block[]): Block[] {
  return content.map(block);
}

function block(b: Block): Block {
  switch (b.kind) {
    case "heading":
    case "paragraph":
      return {
        ...b,
        content: inlines(b.content),
        ...(b.suggestion ? { suggestion: ref(b.suggestion) } : {}),
      };
    case "list":
      return { ...b, items: b.items.map(blocks) };
    case "blockquote":
      return { ...b, blocks: blocks(b.blocks) };
    case "table":
      return { ...b, rows: b.rows.map((row) => row.map(cell)) };
    case "term":
      return {
        ...b,
        label: clean(b.label),
        category: clean(b.category),
        status: b.status === null ? null : clean(b.status),
        blocks: blocks(b.blocks),
        ...(b.suggestion ? { suggestion: ref(b.suggestion) } : {}),
      };
  }
}

function comment(c: ExportComment): ExportComment {
  return {
    ...c,
    messages: c.messages.map((m) => ({
      author: clean(m.author),
      at: clean(m.at),
      body: clean(m.body),
    })),
    proposedWording: c.proposedWording === null ? null : clean(c.proposedWording),
  };
}

function annex(a: Annex): Annex {
  return {
    ...a,
    label: clean(a.label),
    title: clean(a.title),
    columns: a.columns.map(clean),
    rows: a.rows.map((r) => r.map(clean)),
    emptyNote: clean(a.emptyNote),
  };
}

export function cleanModelText(model: ExportModel): ExportModel {
  return {
    title: clean(model.title),
    designation: clean(model.designation),
    version: {
      text: clean(model.version.text),
      updatedAt: clean(model.version.updatedAt),
      revision: clean(model.version.revision),
    },
    notes: model.notes.map(clean),
    body: blocks(model.body),
    comments: model.comments.map(comment),
    annexes: model.annexes.map(annex),
    suggestions: suggestions(model.suggestions),
  };
}
