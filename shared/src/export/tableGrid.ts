/**
 * A table's cells placed on a bounded grid. Whatever spans a stored table claims, the exported
 * table is at most `MAX_TABLE_COLUMNS` columns wide, no cell spans past the last row or over a
 * column another cell already covers, and so the cells of the grid (what the Markdown writer pads
 * and the DOCX writer merges) number at most rows × (columns + 1): linear in the document.
 *
 * Cells that do not fit in a row (past the last column) keep their content: it is appended to
 * the last cell placed in that row, or, when rows above cover the whole row, to one extra cell.
 */
import { NUMERIC_ATTR_BOUNDS, readColspan, readRowspan } from "../schema/numericAttrs.js";
import type { TableCell } from "./model.js";

export const MAX_TABLE_COLUMNS = NUMERIC_ATTR_BOUNDS.colspan.max;

/** A cell as read from the document: spans as stored (anything), content converted. */
export interface StoredCell {
  header: boolean;
  colspan: unknown;
  rowspan: unknown;
  blocks: TableCell["blocks"];
}

export function placeCells(rows: readonly (readonly StoredCell[])[]): TableCell[][] {
  // For each column, the first row index no longer covered by a cell above (or to the left).
  const coveredUntil: number[] = Array.from({ length: MAX_TABLE_COLUMNS }, () => 0);
  const isFree = (column: number, row: number) => (coveredUntil[column] ?? 0) <= row;
  return rows.map((row, r) => {
    const out: TableCell[] = [];
    let column = 0;
    for (const cell of row) {
      while (column < MAX_TABLE_COLUMNS && !isFree(column, r)) column++;
      if (column >= MAX_TABLE_COLUMNS) {
        const last = out.at(-1);
        if (last) {
          for (const block of cell.blocks) last.blocks.push(block);
        } else {
          out.push({ header: cell.header, colspan: 1, rowspan: 1, blocks: [...cell.blocks] });
        }
        continue;
      }
      const wanted = Math.min(readColspan(cell.colspan), MAX_TABLE_COLUMNS - column);
      let colspan = 1;
      while (colspan < wanted && isFree(column + colspan, r)) colspan++;
      const rowspan = Math.min(readRowspan(cell.rowspan), rows.length - r);
      for (let k = column; k < column + colspan; k++) coveredUntil[k] = r + rowspan;
      out.push({ header: cell.header, colspan, rowspan, blocks: [...cell.blocks] });
      column += colspan;
    }
    return out;
  });
}

/** The widest row, in columns (spans counted), without spreading rows into arguments. */
export function tableWidth(rows: readonly (readonly TableCell[])[]): number {
  let width = 0;
  for (const row of rows) {
    let columns = 0;
    for (const cell of row) columns += cell.colspan;
    if (columns > width) width = columns;
  }
  return width;
}
