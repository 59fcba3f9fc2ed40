/**
 * Table cells and header cells with bounded spans and widths. Tiptap's cells take `colspan`,
 * `rowspan` and `colwidth` from pasted HTML as they come, and a `colspan` of 100,000,000 makes
 * every table walk allocate that many columns. Here parsing and rendering go through
 * `numericAttrs.ts`: spans 1..64 columns and 1..1000 rows, widths 0..10,000 px.
 *
 * The node names and attribute names stay those of `@tiptap/extension-table`, so stored documents
 * are unchanged. Values written into a Y.Doc directly never pass through `parseHTML`: the export
 * model reads them with the same functions (`export/buildModel.ts`).
 */
import type { Attributes } from "@tiptap/core";
import { TableCell, TableHeader } from "@tiptap/extension-table";
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
