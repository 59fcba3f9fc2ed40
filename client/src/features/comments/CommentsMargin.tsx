/**
 * The comments margin beside the text: thread cards aligned to their anchors (the focused one
 * exactly at its text, the others moved just enough not to overlap), a filter (open / resolved /
 * mine / by party), the composer for a new thread, detached threads, and the resolved list.
 */
import "./comments.css";
import { replaceableRange } from "@parley/shared/comments/anchors";
import type { ThreadWriter } from "@parley/shared/comments/commands";
import type { ThreadView } from "@parley/shared/comments/records";
import type { Party } from "@parley/shared/model/party";
import { useEditorState } from "@tiptap/react";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { oncePerFrame } from "../../collab/oncePerFrame.js";
import type { Participant } from "../../collab/presence.js";
import { onSkippedChange, skippedBlockAt } from "../../editor/skippedBlocks.js";
import { useWorkspaceAccess } from "../access/workspaceAccess.js";
import { useFramework, useFrameworkSelector } from "../framework/FrameworkContext.js";
import {
  MarginSuggestionCard,
  SuggestionsBar,
  suggestionCardId,
  useSuggestionPermissions,
  useSuggestionRecords,
} from "../suggestions/marginSuggestions.js";
import { Composer } from "./Composer.js";
import { type CardBox, layoutCards } from "./cardLayout.js";
import { applyProposal, type NewThread, openThread } from "./commentActions.js";
import { type CommentController, setHighlights } from "./commentController.js";
import { useAnchors, useAuthorId, useThreads } from "./hooks.js";
import type { MessageEnv } from "./MessageView.js";
import type { MentionCandidate } from "./mentions.js";
import { type ReplyDraft, ThreadCard } from "./ThreadCard.js";
import { filterKey, matchesFilter, parseFilterKey } from "./threadFilters.js";
import { fromYRange, toYRange, type YRange } from "./yRange.js";

const COMPOSER_ID = "__composer";

interface ComposerState {
  range: YRange;
  quote: string;
}

function sameTops(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => Math.abs((b.get(k) ?? -1) - v) < 0.5);
}

export function CommentsMargin({
  controller,
  people,
  frameworkId,
}: {
  controller: CommentController;
  people: readonly Participant[];
  frameworkId: string;
}) {
  const { editor, framework, discussion, actor, role } = useFramework();
  // Observers read only (the server refuses their writes anyway): nothing to write is offered.
  const canComment = useWorkspaceAccess(frameworkId).canWriteDiscussion;
  const allParties = useFrameworkSelector((s) => s.allParties);
  const parties = useFrameworkSelector((s) => s.parties);
  const labels = useFrameworkSelector((s) => s.labels);
  const authorId = useAuthorId();
  const me: ThreadWriter = useMemo(() => ({ actor, authorId }), [actor, authorId]);
  const { threads } = useThreads(discussion);
  const anchors = useAnchors(editor);
  const suggestions = useSuggestionRecords(editor);
  const suggestionRights = useSuggestionPermissions(framework, role, actor);
  const editable = useEditorState({ editor, selector: ({ editor: e }) => e.isEditable });

  const [filterValue, setFilterValue] = useState("open");
  const [focused, setFocused] = useState<string | null>(null);
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [composerError, setComposerError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Card tops and the track's height, both measured in the layout pass below (not in render,
  // where reading card heights would force a layout on every render).
  const [placed, setPlaced] = useState<{ tops: Map<string, number>; height: number }>({
    tops: new Map(),
    height: 0,
  });
  const { tops } = placed;
  const [, setTick] = useState(0);
  const trackRef = useRef<HTMLDivElement>(null);
  const composerRef = useRef<HTMLFormElement>(null);
  const cardRefs = useRef(new Map<string, HTMLElement>());
  const replyDrafts = useRef(new Map<string, ReplyDraft>()).current;

  const pendingRange = useEditorState({
    editor,
    selector: ({ editor: e }) => (composer ? fromYRange(e.state, composer.range) : null),
    equalityFn: (a, b) => a?.from === b?.from && a?.to === b?.to,
  });

  const filter = parseFilterKey(filterValue);
  const anchorById = useMemo(() => new Map(anchors.map((a) => [a.threadId, a])), [anchors]);
  const partyById = useMemo(() => new Map(allParties.map((p) => [p.id, p])), [allParties]);
  const meInfo = { authorId, name: actor.name, party: actor.party };
  const open = threads.filter((v) => !v.state.resolved);
  const shown =
    filter.kind === "resolved" ? [] : open.filter((v) => matchesFilter(v, filter, meInfo));
  const aligned = shown
    .filter((v) => anchorById.has(v.thread.threadId))
    .sort(
      (a, b) =>
        (anchorById.get(a.thread.threadId)?.from ?? 0) -
        (anchorById.get(b.thread.threadId)?.from ?? 0),
    );
  const detached = shown.filter((v) => !anchorById.has(v.thread.threadId));
  const resolved = threads
    .filter((v) => v.state.resolved)
    .sort((a, b) => (b.state.last?.at ?? "").localeCompare(a.state.last?.at ?? ""));

  const candidates = useMemo(
    () => mentionCandidates(people, threads, parties),
    [people, threads, parties],
  );
  const env: MessageEnv = { me, discussion, parties: partyById, candidates, canComment };

  // What the editor highlights: the aligned threads, or, in the resolved list, the focused one
  // (its anchor is intact: this shows where it was).
  const visibleKey = (
    filter.kind === "resolved"
      ? focused && anchorById.has(focused)
        ? [focused]
        : []
      : aligned.map((v) => v.thread.threadId)
  ).join(" ");
  useEffect(() => {
    if (editor.isDestroyed || !editor.view.dom?.isConnected) return;
    setHighlights(editor.view, {
      visible: new Set(visibleKey.split(" ").filter(Boolean)),
      focused,
      pending: pendingRange,
    });
  }, [editor, visibleKey, focused, pendingRange]);

  // The editor asks: comment on the selection (Mod-Alt-M) / focus the clicked thread.
  useEffect(() => {
    controller.onRequestComment = () => {
      if (!canComment) {
        setNotice("Your access to this framework lets you read the comments, not write them.");
        return;
      }
      const { from, to, empty } = editor.state.selection;
      const quote = editor.state.doc.textBetween(from, to, " ", " ").trim();
      const range = empty ? null : toYRange(editor.state, from, to);
      if (!range || quote === "") {
        setNotice("Select the words you want to comment on first.");
        return;
      }
      setNotice(null);
      setComposerError(null);
      setFilterValue((value) => (value === "resolved" ? "open" : value));
      setComposer({ range, quote });
    };
    controller.onThreadClick = (threadId) => {
      setFilterValue((value) => (value === "resolved" ? "open" : value));
      setFocused(threadId);
    };
  }, [controller, editor, canComment]);

  // A read-only text (commenters) takes no keys: the shortcut also works from the page, with the
  // selection in the text. `code` rather than `key`: Option+M types "µ" on a Mac.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.code !== "KeyM" || !event.altKey) return;
      if (!(event.ctrlKey || event.metaKey) || editor.isEditable) return;
      event.preventDefault();
      controller.onRequestComment();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [controller, editor]);

  // Cards follow the text: re-measure when the editor's content or the window changes size.
  useEffect(() => {
    if (editor.isDestroyed || !editor.view.dom?.isConnected) return;
    const bump = () => setTick((t) => t + 1);
    const observer = new ResizeObserver(bump);
    observer.observe(editor.view.dom);
    window.addEventListener("resize", bump);
    const stopSkipped = onSkippedChange(editor.view.dom, bump);
    return () => {
      observer.disconnect();
      stopSkipped();
      window.removeEventListener("resize", bump);
    };
  }, [editor]);

  // Where the cards go: each aligned card as close to its text as the others allow.
  const measure = () => {
    const track = trackRef.current;
    if (!track || editor.isDestroyed || !editor.view.dom?.isConnected) return;
    const base = track.getBoundingClientRect().top;
    // A card whose text is in a term the browser skips (out of view) goes beside the term's top
    // until the term is shown: its exact place would make the browser lay the term out.
    const topOf = (pos: number): number | null => {
      try {
        const at = Math.min(pos, editor.state.doc.content.size);
        const skipped = skippedBlockAt(editor.view, at);
        return (skipped?.getBoundingClientRect() ?? editor.view.coordsAtPos(at)).top - base;
      } catch {
        return null;
      }
    };
    const boxes: CardBox[] = [];
    for (const v of aligned) {
      const anchor = anchorById.get(v.thread.threadId);
      const top = anchor ? topOf(anchor.from) : null;
      if (top === null) continue;
      const height = cardRefs.current.get(v.thread.threadId)?.offsetHeight ?? 96;
      boxes.push({ id: v.thread.threadId, top, height });
    }
    if (filter.kind !== "resolved") {
      for (const record of suggestions) {
        const id = suggestionCardId(record.id);
        const top = topOf(record.from);
        if (top === null) continue;
        boxes.push({ id, top, height: cardRefs.current.get(id)?.offsetHeight ?? 90 });
      }
    }
    if (composer) {
      const top = pendingRange ? topOf(pendingRange.from) : 0;
      boxes.push({
        id: COMPOSER_ID,
        top: top ?? 0,
        height: composerRef.current?.offsetHeight ?? 160,
      });
    }
    const next = layoutCards(boxes, composer ? COMPOSER_ID : focused);
    const height = Math.max(
      0,
      ...boxes.map((box) => {
        const top = next.get(box.id);
        return top === undefined ? 0 : top + box.height + 16;
      }),
    );
    if (!sameTops(next, tops) || Math.abs(height - placed.height) >= 0.5)
      setPlaced({ tops: next, height });
  };
  const measureRef = useRef(measure);
  measureRef.current = measure;
  const measureAfterPaint = useMemo(
    () => oncePerFrame(() => measureRef.current(), { afterPaint: true }),
    [],
  );
  useEffect(() => () => measureAfterPaint.cancel(), [measureAfterPaint]);
  // A card, suggestion or composer not placed yet is placed before it is painted (or it would show
  // at the top of the margin for a frame). Cards already placed follow their text after the next
  // paint: others' edits move the anchors several times a second, and measuring right after each
  // change made the browser lay out the whole text once more (the largest cost of Parley's own
  // in the page's profile with 20 writers).
  useLayoutEffect(() => {
    const unplaced =
      aligned.some((v) => !tops.has(v.thread.threadId)) ||
      (filter.kind !== "resolved" && suggestions.some((r) => !tops.has(suggestionCardId(r.id)))) ||
      (composer !== null && !tops.has(COMPOSER_ID));
    if (unplaced) {
      measureAfterPaint.cancel();
      measure();
    } else {
      measureAfterPaint.schedule();
    }
  });

  // The comment box opens where its text is: once it is placed (not before, or the page would
  // jump to where it was drawn first), the keyboard goes to it and it is scrolled into view.
  const composerPlaced = composer !== null && tops.has(COMPOSER_ID);
  useEffect(() => {
    if (!composerPlaced) return;
    const form = composerRef.current;
    const field = form?.querySelector("textarea");
    if (!form || !field || form.contains(document.activeElement)) return;
    field.focus({ preventScroll: true });
    form.scrollIntoView({ block: "nearest" });
  }, [composerPlaced]);

  function focusThread(threadId: string) {
    setFocused(threadId);
    const highlight = editor.view.dom.querySelector(`[data-thread-highlight="${threadId}"]`);
    highlight?.scrollIntoView({ block: "nearest" });
  }

  function applyFor(view: ThreadView): string | null {
    const result = applyProposal(editor, discussion, view, me);
    return result.ok ? null : result.error.message;
  }

  function applyStateFor(view: ThreadView): ThreadCardApply {
    if (view.thread.proposal === null || !editable) return null;
    const anchor = anchorById.get(view.thread.threadId);
    if (!anchor) return { reason: "The text it was on is gone." };
    return replaceableRange(editor.state.doc, anchor)
      ? "can"
      : { reason: "Spans several paragraphs: edit by hand." };
  }

  function submitComposer(input: Omit<NewThread, "range">) {
    if (!composer) return;
    const result = openThread(
      editor,
      framework,
      discussion,
      { ...input, range: composer.range },
      me,
    );
    if (!result.ok) {
      setComposerError(result.error.message);
      return;
    }
    setComposer(null);
    setComposerError(null);
    setFocused(result.value.threadId);
  }

  const trackHeight = placed.height;

  const card = (view: ThreadView, placement: "margin" | "list") => {
    const anchor = anchorById.get(view.thread.threadId);
    const termId = anchor?.termId ?? view.thread.termId;
    return (
      <ThreadCard
        key={view.thread.threadId}
        ref={(el) => {
          if (placement !== "margin") return;
          if (el) cardRefs.current.set(view.thread.threadId, el);
          else cardRefs.current.delete(view.thread.threadId);
        }}
        view={view}
        drafts={replyDrafts}
        env={env}
        anchorText={anchor?.text ?? null}
        focused={focused === view.thread.threadId}
        applyState={applyStateFor(view)}
        onApply={() => applyFor(view)}
        onFocus={() => focusThread(view.thread.threadId)}
        placement={placement}
        top={tops.get(view.thread.threadId)}
        termLabel={termId ? (labels.get(termId) ?? null) : null}
      />
    );
  };

  return (
    <aside
      className="comments-margin"
      aria-label="Comments"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !(event.target instanceof HTMLTextAreaElement))
          setFocused(null);
      }}
    >
      <div className="comments-head">
        <h2 className="comments-title">
          Comments <span className="comments-count">{open.length} open</span>
        </h2>
        {canComment && (
          <button
            type="button"
            className="button button-small"
            title="Comment on the selected text (Ctrl+Alt+M)"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => controller.onRequestComment()}
          >
            Comment
          </button>
        )}
        <label className="comments-filter">
          <span className="visually-hidden">Show</span>
          <select
            className="text-input"
            aria-label="Show comments"
            value={filterValue}
            onChange={(event) => setFilterValue(event.target.value)}
          >
            <option value="open">Open</option>
            <option value="resolved">Resolved ({resolved.length})</option>
            <option value="mine">Mine</option>
            {parties.map((p) => (
              <option key={p.id} value={filterKey({ kind: "party", partyId: p.id })}>
                By {p.shortName}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice && (
        <p className="comments-notice" role="status">
          {notice}
        </p>
      )}
      {filter.kind !== "resolved" && (
        <SuggestionsBar
          editor={editor}
          records={suggestions}
          parties={allParties}
          permissions={suggestionRights}
        />
      )}
      {filter.kind === "resolved" ? (
        <section className="comments-list" aria-label="Resolved threads">
          {resolved.length === 0 ? (
            <p className="comments-empty">No resolved threads.</p>
          ) : (
            resolved.map((v) => card(v, "list"))
          )}
        </section>
      ) : (
        <>
          <div className="comments-track" ref={trackRef} style={{ minHeight: trackHeight }}>
            {composer && (
              <Composer
                ref={composerRef}
                quote={composer.quote}
                top={tops.get(COMPOSER_ID)}
                candidates={candidates}
                error={composerError}
                onSubmit={submitComposer}
                onCancel={() => {
                  setComposer(null);
                  setComposerError(null);
                }}
              />
            )}
            {aligned.map((v) => card(v, "margin"))}
            {suggestions.map((record) => {
              const id = suggestionCardId(record.id);
              return (
                <MarginSuggestionCard
                  key={id}
                  editor={editor}
                  record={record}
                  party={(record.party && partyById.get(record.party)) || null}
                  permissions={suggestionRights}
                  focused={focused === id}
                  top={tops.get(id)}
                  cardRef={(el) => {
                    if (el) cardRefs.current.set(id, el);
                    else cardRefs.current.delete(id);
                  }}
                  onFocus={() => setFocused(id)}
                  onReply={canComment ? () => controller.onRequestComment() : null}
                />
              );
            })}
            {aligned.length === 0 &&
              suggestions.length === 0 &&
              !composer &&
              detached.length === 0 && (
                <p className="comments-empty">
                  {threads.length > 0
                    ? "No open threads here."
                    : canComment
                      ? "Select words in the text and press Comment (Ctrl+Alt+M) to start a thread."
                      : "No comments yet."}
                </p>
              )}
          </div>
          {detached.length > 0 && (
            <section className="comments-list" aria-label="Detached threads">
              <h3 className="comments-subtitle">Detached</h3>
              {detached.map((v) => card(v, "list"))}
            </section>
          )}
        </>
      )}
    </aside>
  );
}

type ThreadCardApply = "can" | { reason: string } | null;

function mentionCandidates(
  people: readonly Participant[],
  threads: readonly ThreadView[],
  parties: readonly Party[],
): MentionCandidate[] {
  const out = new Map<string, MentionCandidate>();
  for (const party of parties) {
    out.set(`party:${party.id}`, {
      mention: { kind: "party", label: party.shortName, partyId: party.id },
      description: `${party.name} (party)`,
    });
  }
  for (const view of threads) {
    for (const m of [view.thread, ...view.replies]) {
      const key = `person:${m.by.name}`;
      if (!out.has(key)) {
        out.set(key, {
          mention: {
            kind: "person",
            label: m.by.name,
            authorId: m.authorId,
            ...(m.by.member === undefined ? {} : { member: m.by.member }),
          },
          description: "person",
        });
      }
    }
  }
  for (const person of people) {
    const key = `person:${person.name}`;
    if (!out.has(key)) {
      out.set(key, {
        mention: { kind: "person", label: person.name, authorId: null },
        description: "here now",
      });
    }
  }
  return [...out.values()];
}
