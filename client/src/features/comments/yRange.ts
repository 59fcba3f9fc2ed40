/**
 * A range of the text that survives other people's edits while the composer is open: kept as
 * Yjs relative positions (through the editor's y-prosemirror binding), turned back into
 * ProseMirror positions when needed. ProseMirror positions alone would not survive: remote
 * changes reach the editor as whole-node replacements.
 */

import type { EditorState } from "@tiptap/pm/state";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";

export interface YRange {
  from: Y.RelativePosition;
  to: Y.RelativePosition;
}

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

function bindingOf(state: EditorState): Binding | null {
  const plugin = ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined;
  return plugin?.binding ?? null;
}

export function toYRange(state: EditorState, from: number, to: number): YRange | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  const start: Y.RelativePosition = absolutePositionToRelativePosition(
    from,
    binding.type,
    binding.mapping,
  );
  // y-tiptap ties a position to the character before it; the start of a range belongs to the
  // character after it, so that text typed just before the selection stays outside (as the
  // non-inclusive mark does once written).
  const absolute = Y.createAbsolutePositionFromRelativePosition(start, binding.doc);
  return {
    from: absolute
      ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0)
      : start,
    to: absolutePositionToRelativePosition(to, binding.type, binding.mapping),
  };
}

export function fromYRange(state: EditorState, range: YRange): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  const from = relativePositionToAbsolutePosition(
    binding.doc,
    binding.type,
    range.from,
    binding.mapping,
  );
  const to = relativePositionToAbsolutePosition(
    binding.doc,
    binding.type,
    range.to,
    binding.mapping,
  );
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}
