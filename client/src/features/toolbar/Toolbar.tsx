import type { Editor } from "@tiptap/core";
import type { ReactNode } from "react";
import { PANEL_INTERVAL_MS } from "../../collab/oncePerFrame.js";
import { sameFields, useEditorFrameState } from "../../editor/useEditorFrameState.js";
import {
  BoldIcon,
  BulletListIcon,
  ItalicIcon,
  LinkIcon,
  OrderedListIcon,
  QuoteIcon,
  RedoIcon,
  StrikeIcon,
  TableIcon,
  UnderlineIcon,
  UndoIcon,
} from "./icons.js";
import { LinkForm } from "./LinkForm.js";
import { type BlockType, modKey, selectToolbarState, setBlockType } from "./toolbarState.js";

interface ToolbarProps {
  editor: Editor;
  linkFormOpen: boolean;
  onLinkFormChange: (open: boolean) => void;
  /** The mode switch (Editing / Suggesting / Viewing), at the end of the toolbar. */
  modeSwitch?: ReactNode;
  /** False while suggesting: formatting cannot be suggested, its buttons are off. */
  formatting?: boolean;
}

export function Toolbar({
  editor,
  linkFormOpen,
  onLinkFormChange,
  modeSwitch,
  formatting = true,
}: ToolbarProps) {
  // Read once per frame, not per transaction: with many remote writers, dozens of transactions a
  // second each ran the marks, block and undo checks (6 % of the page's CPU in a profile). Other
  // people's edits and caret moves rarely change what it shows: after them it reads a few times a
  // second.
  const state = useEditorFrameState(editor, (e) => selectToolbarState({ editor: e }), sameFields, {
    remoteIntervalMs: PANEL_INTERVAL_MS,
  });
  const off = !state.editable || !formatting;
  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar-wrap">
      <div className="toolbar" role="toolbar" aria-label="Formatting">
        <div className="toolbar-group">
          <ToolButton
            label="Undo my last edit"
            shortcut={`${modKey}+Z`}
            disabled={!state.canUndo}
            onClick={() => chain().undo().run()}
          >
            <UndoIcon />
          </ToolButton>
          <ToolButton
            label="Redo"
            shortcut={`${modKey}+Shift+Z`}
            disabled={!state.canRedo}
            onClick={() => chain().redo().run()}
          >
            <RedoIcon />
          </ToolButton>
        </div>
        <div className="toolbar-group">
          <select
            className="block-select"
            aria-label="Text style"
            value={state.block}
            disabled={off}
            onChange={(event) => setBlockType(editor, event.target.value as BlockType)}
          >
            <option value="paragraph">Body text</option>
            <option value="h1">Title</option>
            <option value="h2">Heading</option>
            <option value="h3">Subheading</option>
            {state.block === "other" && (
              <option value="other" disabled>
                —
              </option>
            )}
          </select>
        </div>
        <div className="toolbar-group">
          <ToolButton
            label="Bold"
            shortcut={`${modKey}+B`}
            active={state.bold}
            disabled={off}
            onClick={() => chain().toggleBold().run()}
          >
            <BoldIcon />
          </ToolButton>
          <ToolButton
            label="Italic"
            shortcut={`${modKey}+I`}
            active={state.italic}
            disabled={off}
            onClick={() => chain().toggleItalic().run()}
          >
            <ItalicIcon />
          </ToolButton>
          <ToolButton
            label="Underline"
            shortcut={`${modKey}+U`}
            active={state.underline}
            disabled={off}
            onClick={() => chain().toggleUnderline().run()}
          >
            <UnderlineIcon />
          </ToolButton>
          <ToolButton
            label="Strikethrough"
            shortcut={`${modKey}+Shift+S`}
            active={state.strike}
            disabled={off}
            onClick={() => chain().toggleStrike().run()}
          >
            <StrikeIcon />
          </ToolButton>
        </div>
        <div className="toolbar-group">
          <ToolButton
            label="Bulleted list"
            shortcut={`${modKey}+Shift+8`}
            active={state.bulletList}
            disabled={off}
            onClick={() => chain().toggleBulletList().run()}
          >
            <BulletListIcon />
          </ToolButton>
          <ToolButton
            label="Numbered list"
            shortcut={`${modKey}+Shift+7`}
            active={state.orderedList}
            disabled={off}
            onClick={() => chain().toggleOrderedList().run()}
          >
            <OrderedListIcon />
          </ToolButton>
          <ToolButton
            label="Quote"
            shortcut={`${modKey}+Shift+B`}
            active={state.blockquote}
            disabled={off}
            onClick={() => chain().toggleBlockquote().run()}
          >
            <QuoteIcon />
          </ToolButton>
          <ToolButton
            label="Link"
            shortcut={`${modKey}+K`}
            active={state.link || linkFormOpen}
            disabled={off}
            onClick={() => onLinkFormChange(!linkFormOpen)}
          >
            <LinkIcon />
          </ToolButton>
        </div>
        <div className="toolbar-group">
          <ToolButton
            label="Insert table"
            disabled={off || state.inTable}
            onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          >
            <TableIcon />
          </ToolButton>
          {state.inTable && !off && (
            <>
              <TextButton label="Add row below" onClick={() => chain().addRowAfter().run()}>
                + Row
              </TextButton>
              <TextButton label="Delete row" onClick={() => chain().deleteRow().run()}>
                − Row
              </TextButton>
              <TextButton label="Add column right" onClick={() => chain().addColumnAfter().run()}>
                + Column
              </TextButton>
              <TextButton label="Delete column" onClick={() => chain().deleteColumn().run()}>
                − Column
              </TextButton>
              <TextButton label="Delete table" onClick={() => chain().deleteTable().run()}>
                Delete table
              </TextButton>
            </>
          )}
        </div>
        {modeSwitch}
      </div>
      {linkFormOpen && !off && <LinkForm editor={editor} onClose={() => onLinkFormChange(false)} />}
    </div>
  );
}

interface ToolButtonProps {
  label: string;
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

function ToolButton({ label, shortcut, active, disabled, onClick, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      className="tool-button"
      aria-label={label}
      aria-pressed={active === undefined ? undefined : active}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      // keep the editor's selection: a mousedown on the button would otherwise blur it
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function TextButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="tool-button tool-button-text"
      aria-label={label}
      title={label}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
