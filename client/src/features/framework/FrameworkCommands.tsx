/**
 * The framework's own editing commands: insert a term, turn the current paragraph into a term,
 * and put the selected words in brackets with an alternative wording.
 */
import { roleAtLeast } from "@parley/shared/access/roles";
import { bracketRange } from "@parley/shared/model/bracket";
import { sectionCategory } from "@parley/shared/model/sectionCategory";
import { ATTR, NODE } from "@parley/shared/schema/nodeNames";
import type { Editor } from "@tiptap/core";
import { TextSelection, type Transaction } from "@tiptap/pm/state";
import { type FormEvent, useEffect, useState } from "react";
import { PANEL_INTERVAL_MS } from "../../collab/oncePerFrame.js";
import { sameFields, useEditorFrameState } from "../../editor/useEditorFrameState.js";
import { shortcutEvents } from "../shortcuts/frameworkShortcuts.js";
import { isMac, keyLabel, SHORTCUTS } from "../shortcuts/shortcutList.js";
import { useFramework, useFrameworkSelector } from "./FrameworkContext.js";
import { PopoverFormEnd } from "./PopoverFormEnd.js";
import { SelectionToolbar } from "./SelectionToolbar.js";

interface CommandState {
  editable: boolean;
  inTerm: boolean;
  canWrap: boolean;
  hasSelection: boolean;
  selected: string;
}

function selectCommandState({ editor }: { editor: Editor }): CommandState {
  const { from, to, empty } = editor.state.selection;
  return {
    editable: editor.isEditable,
    inTerm: editor.isActive(NODE.term),
    canWrap: editor.isEditable && editor.can().wrapIn(NODE.term),
    hasSelection: !empty,
    selected: empty ? "" : editor.state.doc.textBetween(from, to, " ").slice(0, 80),
  };
}

interface FrameworkCommandsProps {
  /** The person may comment (the selection toolbar offers Comment). */
  canComment: boolean;
  onComment: () => void;
}

export function FrameworkCommands({ canComment, onComment }: FrameworkCommandsProps) {
  const { editor, role } = useFramework();
  // once per frame, not per transaction (as the toolbar: `can().wrapIn` on every remote update),
  // and after other people's edits a few times a second
  const state = useEditorFrameState(editor, (e) => selectCommandState({ editor: e }), sameFields, {
    remoteIntervalMs: PANEL_INTERVAL_MS,
  });
  // The Bracket shortcut (the editor's keymap) opens the form under the commands.
  useEffect(() => {
    const open = () => setBracketing("bar");
    shortcutEvents.addEventListener("bracket", open);
    return () => shortcutEvents.removeEventListener("bracket", open);
  }, []);
  const keys = (key: string) => ` (${keyLabel(key, isMac())})`;
  // Where the bracket form is open: under the commands, or at the selection.
  const [bracketing, setBracketing] = useState<"bar" | "selection" | null>(null);
  const makeTerm = () =>
    editor
      .chain()
      .focus()
      .wrapIn(NODE.term, {
        [ATTR.category]: sectionCategory(editor.state.doc, editor.state.selection.from),
      })
      .run();
  const canMakeTerm = state.canWrap && !state.inTerm;
  const closeBracketForm = () => setBracketing(null);
  const selectionToolbar = (
    <SelectionToolbar
      editor={editor}
      canComment={canComment}
      onComment={onComment}
      onBracket={state.editable ? () => setBracketing("selection") : null}
      onMakeTerm={canMakeTerm ? makeTerm : null}
      panel={
        bracketing === "selection" && state.editable ? (
          <BracketForm selected={state.selected} onClose={closeBracketForm} />
        ) : null
      }
    />
  );
  // A role that may not edit the text (commenter, observer) is not shown buttons it cannot use.
  if (role !== null && !roleAtLeast(role, "drafter")) return selectionToolbar;
  return (
    <div className="framework-commands" role="toolbar" aria-label="Framework">
      <button
        type="button"
        className="button button-small"
        disabled={!state.editable}
        title={`Insert a new term${keys(SHORTCUTS.insertTerm.key)}`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => editor.chain().focus().insertTerm().run()}
      >
        Insert term
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={!canMakeTerm}
        title={
          state.inTerm
            ? "The cursor is already in a term"
            : `Make the current paragraph a term${keys(SHORTCUTS.makeTerm.key)}`
        }
        onMouseDown={(event) => event.preventDefault()}
        onClick={makeTerm}
      >
        Make term
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={!state.editable || !state.hasSelection}
        aria-expanded={bracketing === "bar"}
        title={`Put the selected words in brackets with an alternative wording${keys(SHORTCUTS.bracket.key)}`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setBracketing((open) => (open === "bar" ? null : "bar"))}
      >
        [ ] Bracket selection
      </button>
      {bracketing === "bar" && state.editable && (
        <BracketForm selected={state.selected} onClose={closeBracketForm} />
      )}
      {selectionToolbar}
    </div>
  );
}

/** Puts the cursor at the end of the new bracket's second option, to type or amend it in place. */
function withCursorInAlternative(tr: Transaction, from: number): Transaction {
  const bracket = tr.doc.nodeAt(from);
  if (bracket?.type.name !== NODE.bracket || bracket.childCount < 2) return tr;
  const second = bracket.child(1);
  const end = from + 1 + bracket.child(0).nodeSize + 1 + second.content.size;
  return tr.setSelection(TextSelection.create(tr.doc, end));
}

function BracketForm({ selected, onClose }: { selected: string; onClose: () => void }) {
  const { editor, actor } = useFramework();
  const parties = useFrameworkSelector((s) => s.parties);
  const allParties = useFrameworkSelector((s) => s.allParties);
  // The wording is most often the person's own delegation's: it proposes it unless changed.
  const [proposer, setProposer] = useState(() =>
    actor.party !== null && parties.some((p) => p.id === actor.party) ? actor.party : "",
  );
  const [alternative, setAlternative] = useState("");
  const [altProposer, setAltProposer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { from, to } = editor.state.selection;
    const result = bracketRange(
      editor.state,
      {
        from,
        to,
        proposedBy: proposer === "" ? null : proposer,
        alternative,
        alternativeProposedBy: altProposer === "" ? null : altProposer,
      },
      { parties: allParties },
    );
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    editor.view.dispatch(withCursorInAlternative(result.value, from));
    editor.commands.focus();
    onClose();
  };
  const partyOptions = (
    <>
      <option value="">no party</option>
      {parties.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name} ({p.shortName})
        </option>
      ))}
    </>
  );
  return (
    <form className="popover bracket-form" aria-label="Bracket the selection" onSubmit={submit}>
      <p className="popover-meta">Selected: “{selected || "nothing"}”</p>
      <label className="field">
        <span className="field-label">Current wording proposed by</span>
        <select
          className="text-input"
          value={proposer}
          onChange={(e) => setProposer(e.target.value)}
        >
          {partyOptions}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Alternative wording</span>
        <input
          className="text-input"
          value={alternative}
          placeholder="leave empty to type it in place"
          onChange={(e) => setAlternative(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Alternative proposed by</span>
        <select
          className="text-input"
          value={altProposer}
          onChange={(e) => setAltProposer(e.target.value)}
        >
          {partyOptions}
        </select>
      </label>
      <PopoverFormEnd error={error} onCancel={onClose} submitLabel="Put in brackets" />
    </form>
  );
}
