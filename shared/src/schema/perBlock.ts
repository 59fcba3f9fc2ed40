/**
 * What a pass over the document reads from each top-level block, kept per block node. ProseMirror
 * nodes are immutable, and the editor and the Yjs binding keep the nodes of the blocks an edit did
 * not touch (the same objects), so a pass after an edit reads only the blocks that changed. The
 * editor runs such passes after every transaction (party colours, comment anchors, the id check):
 * with 20 people typing, a whole-document walk each time was the largest cost of Parley's own.
 */
import type { Node as PMNode } from "@tiptap/pm/model";

/**
 * Calls `each` for every top-level block of `doc`, in order, with what `read` gives for it and
 * where the block's content starts in `doc` (offsets `read` returns are from there).
 */
export type PerBlock<T> = (doc: PMNode, each: (value: T, start: number) => void) => void;

/** `read`, remembered for each node while the node lives (nodes are immutable). */
export function rememberedPerNode<T>(read: (node: PMNode) => T): (node: PMNode) => T {
  const readings = new WeakMap<PMNode, T>();
  return (node) => {
    let value = readings.get(node);
    if (value === undefined) {
      value = read(node);
      readings.set(node, value);
    }
    return value;
  };
}

/** A pass that reads each block once with `read` and keeps the reading while the node lives. */
export function perBlock<T>(read: (block: PMNode) => T): PerBlock<T> {
  const readBlock = rememberedPerNode(read);
  return (doc, each) => {
    doc.forEach((block, offset) => {
      each(readBlock(block), offset + 1);
    });
  };
}
