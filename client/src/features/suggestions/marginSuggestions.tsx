/**
 * The suggestions part of the comments margin: the live list of suggestions in the text, who may
 * decide them, the bulk bar (accept / reject all, one party's, or those in the selection, in
 * bounded batches) and one card per suggestion. `CommentsMargin` places the cards with its
 * threads.
 */
import type { Role } from "@parley/shared/access/roles";
import type { Actor } from "@parley/shared/model/actor";
import type { Party } from "@parley/shared/model/party";
import type { SuggestionFilter } from "@parley/shared/suggestions/decisions";
import { listSuggestions, type SuggestionRecord } from "@parley/shared/suggestions/list";
import type { SuggestionDecision } from "@parley/shared/suggestions/projections";
import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { useState } from "react";
import type * as Y from "yjs";
import { PANEL_INTERVAL_MS } from "../../collab/oncePerFrame.js";
import { useEditorFrameState } from "../../editor/useEditorFrameState.js";
import { decideSuggestions, withdrawSuggestion } from "./decide.js";
import { SuggestionCard } from "./SuggestionCard.js";
import { useTrackAllChanges } from "./useEditorMode.js";

/** Card ids in the margin layout: apart from thread ids. */
export const suggestionCardId = (id: string) => `suggestion:${id}`;

/** Same records (plain data: compared as JSON). */
function sameRecords(a: SuggestionRecord[], b: SuggestionRecord[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The suggestions in the text, listed at most once per frame and, while edits stream in, a few
 * times per second; a new array only when they changed (the document changes with every edit,
 * the suggestions seldom: the margin is not re-rendered for an edit elsewhere).
 */
export function useSuggestionRecords(editor: Editor): SuggestionRecord[] {
  return useEditorFrameState(editor, (e) => listSuggestions(e.state.doc), sameRecords, {
    minIntervalMs: PANEL_INTERVAL_MS,
  });
}

export interface SuggestionPermissions {
  canDecide: boolean;
  member: string | null;
  canSuggest: boolean;
}

/** Mediators decide; drafters too unless the framework tracks all changes (then theirs are suggestions). */
export function useSuggestionPermissions(
  framework: Y.Doc,
  role: Role | null,
  actor: Actor,
): SuggestionPermissions {
  const trackAll = useTrackAllChanges(framework);
  return {
    canDecide: role === "mediator" || (role === "drafter" && !trackAll),
    member: actor.member ?? null,
    canSuggest: role === "commenter" || role === "drafter" || role === "mediator",
  };
}

type Scope = "all" | "selection" | `party:${string}`;

function filterOf(scope: Scope, editor: Editor): SuggestionFilter | null {
  if (scope === "all") return { all: true };
  if (scope === "selection") {
    const { from, to, empty } = editor.state.selection;
    return empty ? null : { range: { from, to } };
  }
  return { party: scope.slice("party:".length) };
}

/** The head of the suggestions: how many, and the bulk decisions. */
export function SuggestionsBar({
  editor,
  records,
  parties,
  permissions,
}: {
  editor: Editor;
  records: readonly SuggestionRecord[];
  parties: readonly Party[];
  permissions: SuggestionPermissions;
}) {
  const [scope, setScope] = useState<Scope>("all");
  const [progress, setProgress] = useState<string | null>(null);
  if (records.length === 0) return null;
  const partiesWith = parties.filter((p) => records.some((r) => r.party === p.id));

  async function decide(decision: SuggestionDecision) {
    const filter = filterOf(scope, editor);
    if (!filter) {
      setProgress("Select the text whose suggestions you want to decide first.");
      return;
    }
    const verb = decision === "accept" ? "Accepting" : "Rejecting";
    setProgress(`${verb}…`);
    const batches = await decideSuggestions(editor, filter, decision, (n) =>
      setProgress(`${verb}… (${n * 100} done)`),
    );
    setProgress(batches === 0 ? "Nothing to decide there." : null);
  }

  return (
    <section className="suggestions-bar" aria-label="Suggestions">
      <h3 className="comments-subtitle">
        Suggestions <span className="comments-count">{records.length}</span>
      </h3>
      {permissions.canDecide && (
        <div className="suggestions-bulk">
          <select
            className="text-input"
            aria-label="Decide suggestions"
            value={scope}
            onChange={(event) => setScope(event.target.value as Scope)}
          >
            <option value="all">All</option>
            {partiesWith.map((p) => (
              <option key={p.id} value={`party:${p.id}`}>
                All of {p.shortName}
              </option>
            ))}
            <option value="selection">In the selection</option>
          </select>
          <button
            type="button"
            className="button button-small"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void decide("accept")}
          >
            Accept all
          </button>
          <button
            type="button"
            className="button button-small"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void decide("reject")}
          >
            Reject all
          </button>
        </div>
      )}
      {progress && (
        <p className="comments-notice" role="status">
          {progress}
        </p>
      )}
    </section>
  );
}

/** One card, wired to the editor. */
export function MarginSuggestionCard({
  editor,
  record,
  party,
  permissions,
  focused,
  top,
  cardRef,
  onFocus,
  onReply,
}: {
  editor: Editor;
  record: SuggestionRecord;
  party: Party | null;
  permissions: SuggestionPermissions;
  focused: boolean;
  top: number | undefined;
  cardRef: (el: HTMLElement | null) => void;
  onFocus: () => void;
  onReply: (() => void) | null;
}) {
  const [busy, setBusy] = useState(false);
  const own =
    permissions.canSuggest &&
    permissions.member !== null &&
    record.parts.every((p) => (p.attrs?.member ?? null) === permissions.member);
  const decide = (decision: SuggestionDecision) => {
    setBusy(true);
    void decideSuggestions(editor, { ids: [record.id] }, decision).finally(() => setBusy(false));
  };
  return (
    <SuggestionCard
      ref={cardRef}
      record={record}
      party={party}
      focused={focused}
      top={top}
      canDecide={permissions.canDecide}
      canWithdraw={own}
      canReply={onReply !== null}
      busy={busy}
      onAccept={() => decide("accept")}
      onReject={() => decide("reject")}
      onWithdraw={() => {
        if (permissions.member) withdrawSuggestion(editor, record.id, permissions.member);
      }}
      onReply={() => {
        // A reply is a comment thread on the same words: select them and open the comment box.
        const { doc } = editor.state;
        const to = Math.min(record.to, doc.content.size);
        const selection = TextSelection.between(doc.resolve(record.from), doc.resolve(to));
        editor.view.dispatch(editor.state.tr.setSelection(selection));
        onReply?.();
      }}
      onFocus={onFocus}
    />
  );
}
