/**
 * Suggesting mode in the editor. The mode and the suggesting person live in this plugin's state
 * (set with `setEditorMode`); while suggesting, every local edit is turned into suggestions by a
 * transaction appended to it (`trackChanges.ts`), whatever made it: typing (IME included: the
 * composed text is marked once composition ends), Backspace/Delete, Enter, paste, cut, insert
 * term. Formatting is refused before it applies (`refusals.ts`), with a hint (`onSuggestingRefused`).
 *
 * Never touched: transactions from Yjs (remote changes, undo/redo and the initial render carry
 * the ySync meta; they are other people's suggestions or already tracked), and transactions
 * marked with `untracked` (accept / reject / withdraw, which are decisions, not suggestions).
 */
import { SUGGESTION_DECISION_META } from "@parley/shared/suggestions/decisions";
import { Extension } from "@tiptap/core";
import { type EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { suggestingRefusal } from "./refusals.js";
import type { EditorMode, SuggestionAuthor } from "./suggestionAuthor.js";
import { trackChanges } from "./trackChanges.js";

export interface SuggestingState {
  mode: EditorMode;
  author: SuggestionAuthor | null;
}

export const suggestingKey = new PluginKey<SuggestingState>("parleySuggesting");
const trackedMeta = "parleySuggestionTracked";
const untrackedMeta = SUGGESTION_DECISION_META;

type RefusalListener = (message: string) => void;
const refusalListeners = new Set<RefusalListener>();

/** Calls `listener` with the sentence to show whenever Suggesting mode refuses a change. */
export function onSuggestingRefused(listener: RefusalListener): () => void {
  refusalListeners.add(listener);
  return () => refusalListeners.delete(listener);
}

function refuse(message: string) {
  for (const listener of refusalListeners) listener(message);
}

/**
 * Whether the person edits the framework directly: editable and not suggesting. Structured edits
 * (a term's status or category, bracket decisions, parties) cannot be suggested, so they are
 * offered only then.
 */
export function editsDirectly(editor: { isEditable: boolean; state: EditorState }): boolean {
  return editor.isEditable && suggestingKey.getState(editor.state)?.mode !== "suggesting";
}

/** Sets the mode (and who suggests) on a transaction. */
export function setEditorMode(tr: Transaction, state: SuggestingState): Transaction {
  return tr.setMeta(suggestingKey, state).setMeta("addToHistory", false);
}

/**
 * Marks a transaction as a decision (accept, reject, withdraw): applied as it is, never tracked.
 * The decision transforms of `@parley/shared/suggestions` set the same meta themselves.
 */
export function untracked(tr: Transaction): Transaction {
  return tr.setMeta(untrackedMeta, tr.getMeta(untrackedMeta) ?? "untracked");
}

/**
 * The editor's own empty paragraph after a final term or table (StarterKit's trailing node),
 * appended to another transaction. Someone who does not edit directly must not write it: it would
 * reach the shared text as an unmarked insertion, which the server refuses from a suggester (and
 * every later update of theirs, built on it, with it).
 */
function isTrailingParagraph(tr: Transaction): boolean {
  if (tr.steps.length !== 1) return false;
  const step = tr.steps[0];
  const before = tr.docs[0];
  if (!(step instanceof ReplaceStep) || !before) return false;
  const inserted = step.slice.content;
  return (
    step.from === before.content.size &&
    step.to === step.from &&
    inserted.childCount === 1 &&
    inserted.firstChild?.type.name === "paragraph" &&
    inserted.firstChild.content.size === 0
  );
}

function fromYjs(tr: Transaction): boolean {
  if (tr.getMeta(ySyncPluginKey) !== undefined) return true;
  const root: unknown = tr.getMeta("appendedTransaction");
  return (
    typeof root === "object" &&
    root !== null &&
    "getMeta" in root &&
    (root as Transaction).getMeta(ySyncPluginKey) !== undefined
  );
}

/** A local edit this plugin turns into a suggestion. */
function tracked(tr: Transaction): boolean {
  if (!tr.docChanged || fromYjs(tr)) return false;
  if (tr.getMeta(trackedMeta) || tr.getMeta(untrackedMeta) !== undefined) return false;
  const root: unknown = tr.getMeta("appendedTransaction");
  if (typeof root === "object" && root !== null && "getMeta" in root) {
    if ((root as Transaction).getMeta(untrackedMeta) !== undefined) return false;
  }
  return true;
}

export const Suggesting = Extension.create({
  name: "suggesting",

  // Formatting is refused before it applies: here, where only the transactions a person's action
  // dispatches pass (never those other plugins append to them, such as a new term's id).
  dispatchTransaction({ transaction, next }) {
    const current = suggestingKey.getState(this.editor.state);
    if (current?.mode === "suggesting" && tracked(transaction)) {
      const refusal =
        current.author === null
          ? "Suggesting needs your name and party: reload the page."
          : suggestingRefusal(transaction);
      if (refusal !== null) {
        refuse(refusal);
        return;
      }
    }
    next(transaction);
  },

  addProseMirrorPlugins() {
    let forward = false;
    let composing = false;
    const held: Transaction[] = [];
    return [
      new Plugin<SuggestingState>({
        key: suggestingKey,
        state: {
          // Viewing until the workspace says what this person may do.
          init: () => ({ mode: "viewing", author: null }),
          apply(tr, value) {
            const next: SuggestingState | undefined = tr.getMeta(suggestingKey);
            return next ?? value;
          },
        },
        filterTransaction(tr, state) {
          // ProseMirror marks appended transactions only after filtering them: the pattern says it.
          if (!tr.docChanged || suggestingKey.getState(state)?.mode === "editing") return true;
          return !isTrailingParagraph(tr);
        },
        appendTransaction(transactions, _oldState, newState) {
          const current = suggestingKey.getState(newState);
          if (current?.mode !== "suggesting" || current.author === null) {
            held.length = 0;
            return null;
          }
          const mine = transactions.filter(tracked);
          // Marking text in the middle of an IME composition breaks it: the composed text is
          // marked with the first transaction after composition ends.
          if (composing) {
            held.push(...mine);
            return null;
          }
          const all = [...held.splice(0), ...mine];
          if (all.length === 0) return null;
          try {
            const out = trackChanges(all, newState, { author: current.author, forward });
            return out?.setMeta(trackedMeta, true) ?? null;
          } catch {
            // Held composition steps that no longer map onto the text (a remote change came in
            // between): the server refuses untracked text, so say so rather than guess.
            refuse("That change could not be tracked: undo it and try again.");
            return null;
          } finally {
            forward = false;
          }
        },
        props: {
          handleKeyDown(_view, event) {
            forward = event.key === "Delete";
            return false;
          },
          handleDOMEvents: {
            compositionstart() {
              composing = true;
              return false;
            },
            compositionend(view) {
              composing = false;
              // Mark what the composition inserted, once PM has read it.
              queueMicrotask(() => {
                if (held.length === 0 || view.isDestroyed) return;
                view.dispatch(view.state.tr.setMeta("parleyCompositionEnd", true));
              });
              return false;
            },
          },
        },
      }),
    ];
  },
});
