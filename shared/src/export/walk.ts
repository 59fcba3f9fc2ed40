/**
 * Where each comment's range starts and ends, counted in text runs. Every renderer visits the
 * text runs of the body in the same order (blocks depth first, inlines in order, bracket options
 * in order) and numbers them 0, 1, 2, …; a comment's range starts before its first run and ends
 * after its last one, however many runs, marks or paragraphs lie between.
 */
import type { Block, ExportModel, Inline } from "./model.js";

export interface RunSpan {
  first: number;
  last: number;
}

export function* inlineRuns(
  content: readonly Inline[],
): Generator<Extract<Inline, { kind: "text" }>> {
  for (const inline of content) {
    if (inline.kind === "text") yield inline;
    else if (inline.kind === "bracket")
      for (const o of inline.options) yield* inlineRuns(o.content);
    else if (inline.kind === "openBracket") yield* inlineRuns(inline.shown);
  }
}

export function* blockRuns(blocks: readonly Block[]): Generator<Extract<Inline, { kind: "text" }>> {
  for (const block of blocks) {
    switch (block.kind) {
      case "heading":
      case "paragraph":
        yield* inlineRuns(block.content);
        break;
      case "list":
        for (const item of block.items) yield* blockRuns(item);
        break;
      case "blockquote":
      case "term":
        yield* blockRuns(block.blocks);
        break;
      case "table":
        for (const row of block.rows) for (const cell of row) yield* blockRuns(cell.blocks);
        break;
    }
  }
}

/** comment id → the first and last run it covers. */
export function commentSpans(model: ExportModel): Map<string, RunSpan> {
  const spans = new Map<string, RunSpan>();
  let index = 0;
  for (const run of blockRuns(model.body)) {
    for (const id of run.commentIds) {
      const span = spans.get(id);
      if (span) span.last = index;
      else spans.set(id, { first: index, last: index });
    }
    index++;
  }
  return spans;
}

/** Counts runs as a renderer visits them, and says which comments start / end at each. */
export class RunCursor {
  private index = 0;
  private readonly starts = new Map<number, string[]>();
  private readonly ends = new Map<number, string[]>();

  constructor(spans: ReadonlyMap<string, RunSpan>) {
    const add = (map: Map<number, string[]>, at: number, id: string) => {
      const ids = map.get(at);
      if (ids) ids.push(id);
      else map.set(at, [id]);
    };
    for (const [id, span] of spans) {
      add(this.starts, span.first, id);
      add(this.ends, span.last, id);
    }
  }

  /** Call once per text run, in order: the comments that start before it and end after it. */
  next(): { starting: string[]; ending: string[] } {
    const i = this.index++;
    return { starting: this.starts.get(i) ?? [], ending: this.ends.get(i) ?? [] };
  }
}
