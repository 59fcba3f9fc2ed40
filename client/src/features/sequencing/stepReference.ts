/**
 * Where "insert reference in text" puts a step reference: at the cursor when it is inside a term;
 * otherwise at the end of the term the step implements (if that term exists); otherwise at the
 * cursor. No React here.
 */
import { STEP_REF_NODE } from "@parley/shared/schema/stepRef";
import type { Editor } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";

/** Position at the end of the last textblock inside the term with `termId`, or null. */
export function endOfTerm(doc: PmNode, termId: string): number | null {
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === "term" && node.attrs.termId === termId) {
      let end: number | null = null;
      node.descendants((child, childPos) => {
        if (child.isTextblock) end = pos + 1 + childPos + 1 + child.content.size;
        return true;
      });
      found = end;
      return false;
    }
    return true;
  });
  return found;
}

function selectionInTerm(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type.name === "term") return true;
  return false;
}

/** Inserts a `stepRef` (with a space before it when it follows text). Returns whether it did. */
export function insertStepReference(
  editor: Editor,
  stepId: string,
  termId: string | null,
): boolean {
  const target = !selectionInTerm(editor) && termId ? endOfTerm(editor.state.doc, termId) : null;
  const chain = editor.chain();
  if (target !== null) {
    const before = editor.state.doc.resolve(target).nodeBefore;
    const space = before?.isText && !before.text?.endsWith(" ") ? " " : "";
    return chain
      .insertContentAt(target, [
        ...(space ? [{ type: "text", text: space }] : []),
        { type: STEP_REF_NODE, attrs: { stepId } },
      ])
      .run();
  }
  return chain.insertStepRef(stepId).run();
}
