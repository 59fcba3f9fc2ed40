/**
 * Table cells and header cells with bounded spans and widths. Tiptap's cells take `colspan`,
 * `rowspan` and `colwidth` from pasted HTML as they come, and a `colspan` of 100,000,000 makes
 * every table walk allocate that many columns. Here parsing and rendering go through
 * `numericAttrs.ts`: spans 1..64 columns and 1..1000 rows, widths 0..10,000 px.
 *
 * The node names and attribute names stay those of `@tiptap/extension-table`, so stored documents
 * are unchanged. Values written into a Y.Doc directly never pass through `parseHTML`: the export
 * model reads them with the same functions (`export/buildModel.ts`), and in the editor
 * `BoundedTableSpans` bounds them before the table is laid out or drawn (the table's own plugin
 * and its `renderHTML` allocate one entry per spanned column).
 */
import { type Attributes, Extension } from "@tiptap/core";
import { TableCell, TableHeader } from "@tiptap/extension-table";
import type { Node as PMNode } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { readColspan, readColwidth, readRowspan } from "./numericAttrs.js";

function boundedSpans(parent: Attributes): Attributes {
  const colwidth = parent.colwidth;
  return {
    ...parent,
    colspan: {
      default: 1,
      parseHTML: (element) => readColspan(element.getAttribute("colspan")),
      renderHTML: (attributes) => ({ colspan: readColspan(attributes.colspan) }),
    },
    rowspan: {
      default: 1,
      parseHTML: (element) => readRowspan(element.getAttribute("rowspan")),
      renderHTML: (attributes) => ({ rowspan: readRowspan(attributes.rowspan) }),
    },
    colwidth: {
      default: null,
      parseHTML: (element) =>
        readColwidth(
          colwidth?.parseHTML?.(element) ?? null,
          readColspan(element.getAttribute("colspan")),
        ),
      renderHTML: (attributes) => {
        const widths = readColwidth(attributes.colwidth, readColspan(attributes.colspan));
        return widths ? { colwidth: widths.join(",") } : {};
      },
    },
  };
}

export const BoundedTableCell = TableCell.extend({
  addAttributes() {
    return boundedSpans(this.parent?.() ?? {});
  },
});

export const BoundedTableHeader = TableHeader.extend({
  addAttributes() {
    return boundedSpans(this.parent?.() ?? {});
  },
});

const CELL_TYPES: ReadonlySet<string> = new Set([TableCell.name, TableHeader.name]);

function sameWidths(a: readonly number[] | null, b: unknown): boolean {
  if (a === null || !Array.isArray(b)) return a === b;
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** The transaction that bounds every cell's spans and widths in `state`, or null if all are. */
export function boundSpansTransaction(state: EditorState): Transaction | null {
  let tr: Transaction | null = null;
  state.doc.descendants((node: PMNode, pos: number) => {
    // Text blocks hold no tables: skip their inline content.
    if (node.isTextblock) return false;
    if (!CELL_TYPES.has(node.type.name)) return true;
    const colspan = readColspan(node.attrs.colspan);
    const rowspan = readRowspan(node.attrs.rowspan);
    const colwidth = readColwidth(node.attrs.colwidth, colspan);
    if (
      colspan !== node.attrs.colspan ||
      rowspan !== node.attrs.rowspan ||
      !sameWidths(colwidth, node.attrs.colwidth)
    ) {
      tr ??= state.tr;
      tr.setNodeMarkup(pos, undefined, { ...node.attrs, colspan, rowspan, colwidth });
    }
    return true;
  });
  return tr;
}

export const boundedSpansKey = new PluginKey("parleyBoundedTableSpans");

/**
 * Bounds the cells of every changed document before any other plugin sees it: its priority runs
 * it ahead of the table plugin (whose table map has one slot per spanned column), and an appended
 * transaction is applied before the view draws. For a change from Yjs the bounded values stay in
 * the editor only until the next local edit, when y-prosemirror writes them back to the Y.Doc.
 */
export const BoundedTableSpans = Extension.create({
  name: "boundedTableSpans",
  priority: 1000,

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: boundedSpansKey,
        appendTransaction(transactions, _oldState, newState) {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          return boundSpansTransaction(newState)?.setMeta("addToHistory", false) ?? null;
        },
      }),
    ];
  },
});
