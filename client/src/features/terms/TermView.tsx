/**
 * A term as a block in the editor: its display number, category and status on top, the editable
 * text, and each party's stance below. A bad stored value (an unknown category, a malformed id)
 * is shown as such; the term still opens and its text stays editable.
 */
import { readTermAttrs } from "@parley/shared/model/term";
import { TERM_CATEGORIES, type TermCategory } from "@parley/shared/model/vocabulary";
import { ATTR, BLOCK_SUGGESTION_ATTR } from "@parley/shared/schema/nodeNames";
import { readBlockSuggestion } from "@parley/shared/schema/suggestion";
import { type NodeViewProps, NodeViewWrapper } from "@tiptap/react";
import { useEditsDirectly } from "../../editor/useEditsDirectly.js";
import {
  useOptionalFramework,
  useOptionalFrameworkSelector,
} from "../framework/FrameworkContext.js";
import { categoryLabel, invalidLabel } from "../framework/presentation.js";
import { StanceChips } from "../stances/StanceChips.js";
import { StatusChip } from "./StatusChip.js";
import { TermBody } from "./TermBody.js";

const INVALID = "__invalid__";

export function TermView({ node, editor, updateAttributes }: NodeViewProps) {
  const framework = useOptionalFramework();
  // Node views do not re-render when the editor turns editable (after the first sync).
  // (one listener shared by all term views: see useEditsDirectly)
  const editable = useEditsDirectly(editor);
  const attrs = readTermAttrs(node.attrs);
  const termId = attrs.termId.valid ? attrs.termId.value : null;
  const number = useOptionalFrameworkSelector((s) =>
    termId === null ? null : (s.labels.get(termId) ?? null),
  );
  const label = number ?? "Term";
  const category = attrs.category;
  // A proposed new or removed term is drawn like other block suggestions (suggestions.css).
  const suggestion = readBlockSuggestion(node.attrs[BLOCK_SUGGESTION_ATTR]);
  return (
    <NodeViewWrapper
      as="section"
      className={`term${category.valid ? "" : " term-invalid"}`}
      data-type="term"
      data-term-id={termId ?? undefined}
      data-category={category.valid ? category.value : "invalid"}
      data-suggestion={suggestion ? String(node.attrs[BLOCK_SUGGESTION_ATTR]) : undefined}
      data-suggestion-kind={suggestion?.kind}
    >
      <header className="term-head" contentEditable={false}>
        <span className="term-number">{label}</span>
        <select
          className={`chip category-chip${category.valid ? "" : " tone-invalid"}`}
          aria-label={`Category of ${label}`}
          value={category.valid ? category.value : INVALID}
          disabled={!editable}
          title={category.valid ? "Category" : category.message}
          onChange={(event) =>
            updateAttributes({ [ATTR.category]: event.target.value as TermCategory })
          }
        >
          {!category.valid && (
            <option value={INVALID} disabled>
              {`category ${invalidLabel(category.raw)}`}
            </option>
          )}
          {TERM_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c)}
            </option>
          ))}
        </select>
        {framework && termId !== null && (
          <StatusChip termId={termId} label={label} editable={editable} />
        )}
        {!attrs.termId.valid && (
          <span className="chip tone-invalid" title={attrs.termId.message}>
            no id yet
          </span>
        )}
      </header>
      <TermBody editor={editor} className="term-body" />
      {framework && termId !== null && (
        <div contentEditable={false}>
          <StanceChips termId={termId} label={label} />
        </div>
      )}
    </NodeViewWrapper>
  );
}
