/**
 * ProseMirror JSON + the framework's records → the export model. Pure: the caller reads the
 * Y.Docs (`source.ts` does it for both sides).
 */
import type { JSONContent } from "@tiptap/core";
import { listTerms, type TermPlace } from "../model/documentJson.js";
import type { Party } from "../model/party.js";
import { cleanTextNote } from "../model/views.js";
import { STATUS_LABELS, type TermStatus } from "../model/vocabulary.js";
import { NODE } from "../schema/nodeNames.js";
import { readHeadingLevel, readListStart } from "../schema/numericAttrs.js";
import {
  BLOCK_SUGGESTION_ATTR,
  readBlockSuggestion,
  SUGGEST_INSERT_MARK,
} from "../schema/suggestion.js";
import type { SequencingContext } from "../sequencing/context.js";
import { joinAnd } from "../sequencing/names.js";
import type { SequencingSnapshot } from "../sequencing/snapshot.js";
import { stepActors } from "../sequencing/step.js";
import { annexLabel, buildAnnexes, stepNumbering, withoutPartyNames } from "./annexes.js";
import type { CommentThreadInput } from "./comments.js";
import { countNodes, flatText } from "./flatText.js";
import { convertInline, type InlineContext, inlineText } from "./inline.js";
import type {
  Block,
  BlockSuggestionRef,
  ExportComment,
  ExportModel,
  TableCell,
  VersionStamp,
} from "./model.js";
import type { ExportOptions } from "./options.js";
import { countSuggestions, resolveSuggestions } from "./resolveSuggestions.js";
import { SuggestionCollector } from "./suggestions.js";
import { placeCells } from "./tableGrid.js";

/**
 * Containers (lists, quotes, tables, articles) nested deeper than this export their text as one
 * paragraph: the renderers recurse once per level, and a stored document can nest arbitrarily.
 */
export const MAX_EXPORT_DEPTH = 32;

export interface ExportSource {
  /** The framework's title as stored (used when the text does not start with a level-1 heading). */
  title: string;
  version: VersionStamp;
  doc: JSONContent;
  /** Every party, removed ones included (old options still name them). */
  parties: readonly Party[];
  /** termId → status (effective status of each term; missing means `proposed`). */
  termStatuses: ReadonlyMap<string, TermStatus>;
  /** Comment threads; empty until comments exist. */
  threads: readonly CommentThreadInput[];
  sequencing: SequencingSnapshot;
}

type ModelOptions = Omit<ExportOptions, "format">;

export const NON_PAPER_AUTHOR = "Participant";

function authorLabel(
  author: CommentThreadInput["messages"][number]["by"],
  parties: ReadonlyMap<string, Party>,
  options: ModelOptions,
): string {
  if (options.nonPaper) return NON_PAPER_AUTHOR;
  const party = author.party ? parties.get(author.party) : undefined;
  const name = author.name.trim() || "Unnamed";
  return party ? `${name} (${party.shortName})` : name;
}

class Builder {
  private readonly places: TermPlace[];
  private termCursor = 0;
  private openCount = 0;
  private readonly commentIds = new Map<string, string>();
  private readonly threads: Map<string, CommentThreadInput>;
  /** Lookups by id, built once (a text can hold many references, a framework many parties). */
  private readonly parties: ReadonlyMap<string, Party>;
  private readonly steps: ReadonlyMap<string, SequencingSnapshot["steps"][number]>;
  readonly inline: InlineContext;
  readonly suggestions: SuggestionCollector;
  /** The suggestion of the article or list item being built: its blocks and runs take it on. */
  private enclosing: BlockSuggestionRef | null = null;

  constructor(
    private readonly source: ExportSource,
    private readonly options: ModelOptions,
  ) {
    this.places = listTerms(source.doc);
    this.parties = new Map(source.parties.map((p) => [p.id, p]));
    this.steps = new Map(source.sequencing.steps.map((s) => [s.id, s]));
    this.suggestions = new SuggestionCollector({
      parties: this.parties,
      nonPaper: options.nonPaper,
      fallbackAt: source.version.updatedAt,
    });
    const showSuggestions = options.suggestions === "show";
    this.threads = new Map(
      options.comments
        ? source.threads
            .filter((t) => !t.resolved && t.messages.length > 0)
            .map((t) => [t.threadId, t])
        : [],
    );
    this.inline = {
      text: options.text,
      proposerName: (partyId) => {
        if (options.nonPaper) return null;
        return this.parties.get(partyId)?.shortName ?? partyId;
      },
      commentId: (threadId) => {
        if (!this.threads.has(threadId)) return null;
        let id = this.commentIds.get(threadId);
        if (id === undefined) {
          id = `c${this.commentIds.size + 1}`;
          this.commentIds.set(threadId, id);
        }
        return id;
      },
      countOpen: () => {
        this.openCount++;
      },
      stepText: (stepId) => this.stepText(stepId),
      suggestion: (kind, attrs, text) =>
        showSuggestions ? this.suggestions.text(kind, attrs, text) : null,
      enclosingSuggestion: () => this.enclosing,
    };
  }

  /**
   * The block suggestion of `node` (shown suggestions only). A paragraph's or heading's concerns
   * the break before it; an article's or list item's the whole of it. Inside a suggested article
   * or list item, the enclosing suggestion wins.
   */
  private blockSuggestion(node: JSONContent, scope: "break" | "block"): BlockSuggestionRef | null {
    if (this.enclosing !== null) return this.enclosing;
    if (this.options.suggestions !== "show") return null;
    const stored = readBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION_ATTR]);
    if (stored === null) return null;
    return this.suggestions.block(stored, scope, scope === "block" ? flatText(node) : "");
  }

  /** Runs `build` with `suggestion` as the enclosing suggestion (when it is a whole-block one). */
  private within<T>(suggestion: BlockSuggestionRef | null, build: () => T): T {
    const outer = this.enclosing;
    if (suggestion?.scope === "block") this.enclosing = suggestion;
    try {
      return build();
    } finally {
      this.enclosing = outer;
    }
  }

  private listItem(item: JSONContent, depth: number): Block[] {
    return this.within(this.blockSuggestion(item, "block"), () =>
      this.blocks(item.content ?? [], depth),
    );
  }

  private stepNumbers: Map<string, string> | null = null;
  private actorNames: ReadonlyMap<string, string> | null = null;

  /** "Second Party: suspends … (step S2)": the step's summary, and its number in Annex I. */
  private stepText(stepId: string | null): string {
    const step = stepId ? this.steps.get(stepId) : undefined;
    if (!step) return "(deleted step)";
    this.stepNumbers ??= stepNumbering({
      sequencing: this.source.sequencing,
      context: this.context(),
      termLabels: new Map(),
    });
    // The names the sequencing summaries use (a non-paper's "Party A"), looked up once.
    this.actorNames ??= new Map(
      this.context().parties.flatMap((p) => (p.name === undefined ? [] : [[p.id, p.name]])),
    );
    const actorNames = this.actorNames;
    const bodies = this.source.sequencing.bodies;
    const actor = joinAnd(
      stepActors(step).map((a) =>
        a.kind === "party"
          ? (actorNames.get(a.partyId) ?? a.partyId)
          : (bodies.find((b) => b.id === a.bodyId)?.name ?? a.bodyId),
      ),
    );
    const number = this.options.annexes
      ? ` (step ${this.stepNumbers.get(step.id)}, ${annexLabel(0, this.options.annexPrefix)})`
      : "";
    return `${actor}: ${step.action}${number}`;
  }

  /** The parties and terms for the sequencing summaries; a non-paper names no party. */
  context(): SequencingContext {
    const context: SequencingContext = {
      parties: this.source.parties.map((p) => ({ id: p.id, name: p.name, role: p.role })),
      termIds: this.places.flatMap((p) => (p.termId === null ? [] : [p.termId])),
    };
    return this.options.nonPaper ? withoutPartyNames(context) : context;
  }

  get openBrackets(): number {
    return this.openCount;
  }

  /** `depth`: how many containers hold `content` (0 at the top of the document). */
  blocks(content: readonly JSONContent[], depth = 0): Block[] {
    return content.flatMap((node) => this.block(node, depth));
  }

  private table(node: JSONContent, depth: number): TableCell[][] {
    return placeCells(
      (node.content ?? []).map((row) =>
        (row.content ?? []).map((cell) => ({
          header: cell.type === "tableHeader",
          colspan: cell.attrs?.colspan,
          rowspan: cell.attrs?.rowspan,
          blocks: this.blocks(cell.content ?? [], depth + 1),
        })),
      ),
    );
  }

  private block(node: JSONContent, depth: number): Block[] {
    const inline = () => convertInline(node.content ?? [], this.inline);
    const isContainer = !(node.type === NODE.heading || node.type === NODE.paragraph);
    if (isContainer && depth >= MAX_EXPORT_DEPTH) {
      // Terms inside still count, so the articles after them keep their numbers.
      this.termCursor += countNodes(node, NODE.term);
      const text = flatText(node);
      return text === ""
        ? []
        : [{ kind: "paragraph", content: [{ kind: "text", text, marks: {}, commentIds: [] }] }];
    }
    const inside = depth + 1;
    switch (node.type) {
      case NODE.heading: {
        const suggestion = this.blockSuggestion(node, "break");
        return [
          {
            kind: "heading",
            level: readHeadingLevel(node.attrs?.level),
            content: inline(),
            ...(suggestion ? { suggestion } : {}),
          },
        ];
      }
      case NODE.paragraph: {
        const suggestion = this.blockSuggestion(node, "break");
        return [{ kind: "paragraph", content: inline(), ...(suggestion ? { suggestion } : {}) }];
      }
      case "bulletList":
      case "orderedList":
        return [
          {
            kind: "list",
            ordered: node.type === "orderedList",
            start: readListStart(node.attrs?.start),
            items: (node.content ?? []).map((item) => this.listItem(item, inside)),
          },
        ];
      case "blockquote":
        return [{ kind: "blockquote", blocks: this.blocks(node.content ?? [], inside) }];
      case "table":
        return [{ kind: "table", rows: this.table(node, inside) }];
      case NODE.term: {
        const place = this.places[this.termCursor++];
        const status =
          place?.termId != null
            ? (this.source.termStatuses.get(place.termId) ?? "proposed")
            : "proposed";
        const label = place?.label ?? "Art. ?";
        const outerWhere = this.suggestions.where;
        this.suggestions.where = label;
        const suggestion = this.blockSuggestion(node, "block");
        const blocks = this.within(suggestion, () => this.blocks(node.content ?? [], inside));
        this.suggestions.where = outerWhere;
        return [
          {
            kind: "term",
            termId: place?.termId ?? null,
            label,
            section: place?.section ?? 0,
            index: place?.index ?? 0,
            category: place?.category.valid ? place.category.value : "general",
            status: this.options.text === "clean" ? null : STATUS_LABELS[status],
            blocks,
            ...(suggestion ? { suggestion } : {}),
          },
        ];
      }
      default:
        // Unknown blocks keep their children (a future node type still exports its text).
        return node.content ? this.blocks(node.content, inside) : [];
    }
  }

  comments(): ExportComment[] {
    const out: ExportComment[] = [];
    const toExport = (
      thread: CommentThreadInput,
      id: string,
      anchored: boolean,
    ): ExportComment => ({
      id,
      index: out.length,
      threadId: thread.threadId,
      anchored,
      proposedWording: thread.proposedWording?.trim() ? thread.proposedWording : null,
      messages: thread.messages.map((m) => ({
        author: authorLabel(m.by, this.parties, this.options),
        at: m.at,
        body: m.body,
      })),
    });
    for (const [threadId, id] of this.commentIds) {
      const thread = this.threads.get(threadId);
      if (thread) out.push(toExport(thread, id, true));
    }
    for (const [threadId, thread] of this.threads) {
      if (this.commentIds.has(threadId)) continue;
      out.push(toExport(thread, `c${out.length + 1}`, false));
    }
    return out;
  }
}

function designation(options: ModelOptions): string {
  if (options.nonPaper) return "Non-paper";
  return options.text === "clean" ? "Clean text" : "Working draft";
}

function bracketNotes(options: ModelOptions, openBrackets: number): string[] {
  if (options.text === "clean") {
    const note = cleanTextNote(openBrackets);
    return note === null ? [] : [note];
  }
  return [
    options.nonPaper
      ? "Text in square brackets is not agreed; alternatives are shown side by side."
      : "Text in square brackets is not agreed; each alternative is followed by the party that proposed it.",
  ];
}

const plural = (n: number) => (n === 1 ? "1 pending suggestion" : `${n} pending suggestions`);

/** What the reader is told about pending suggestions: nothing when there are none. */
export function suggestionNote(view: ModelOptions["suggestions"], count: number): string | null {
  if (count === 0) return null;
  switch (view) {
    case "show":
      return `${plural(count)}, shown as tracked changes: proposed insertions underlined, proposed deletions struck through.`;
    case "accepted":
      return `The text as it would read with all ${plural(count)} accepted.`;
    case "original":
      return `The text without its ${plural(count)} (as it would read with all rejected).`;
  }
}

/**
 * The model of `source` with `options`. `suggestions: "accepted" | "original"` resolves every
 * suggestion before anything else is read (numbering, brackets and comments see the resolved
 * text); `"show"` carries them on the runs and blocks, with the legend and the list.
 */
export function buildExportModel(source: ExportSource, options: ModelOptions): ExportModel {
  const view = options.suggestions;
  const doc = view === "show" ? source.doc : resolveSuggestions(source.doc, view);
  const builder = new Builder({ ...source, doc }, options);
  const content = [...(doc.content ?? [])];
  let title = source.title;
  const first = content[0];
  if (first?.type === NODE.heading && Number(first.attrs?.level) === 1) {
    // The title reads as the original text (a suggestion on it is not drawn).
    const titleContent =
      view === "show"
        ? first.content?.filter((n) => !n.marks?.some((m) => m.type === SUGGEST_INSERT_MARK))
        : first.content;
    const text = inlineText(
      convertInline(titleContent ?? [], {
        ...builder.inline,
        text: "clean",
        commentId: () => null,
        countOpen() {},
        suggestion: () => null,
        enclosingSuggestion: () => null,
      }),
    ).trim();
    if (text !== "") {
      title = text;
      content.shift();
    }
  }
  const body = builder.blocks(content);
  const termLabels = new Map<string, string>();
  for (const place of listTerms(doc)) {
    if (place.termId !== null && !termLabels.has(place.termId))
      termLabels.set(place.termId, place.label);
  }
  const annexes = options.annexes
    ? buildAnnexes(
        { sequencing: source.sequencing, termLabels, context: builder.context() },
        { prefix: options.annexPrefix },
      )
    : [];
  const suggestions = builder.suggestions.model(view);
  const note = suggestionNote(
    view,
    view === "show" ? suggestions.pending.length : countSuggestions(source.doc),
  );
  return {
    title,
    designation: designation(options),
    version: source.version,
    notes: [...bracketNotes(options, builder.openBrackets), ...(note === null ? [] : [note])],
    body,
    comments: builder.comments(),
    annexes,
    suggestions,
  };
}

/**
 * The model for a format that cannot draw a tracked change (Markdown): the chosen view's text;
 * with `show`, the ORIGINAL text (every suggestion left out) and the pending suggestions listed.
 */
export function buildPlainModel(source: ExportSource, options: ModelOptions): ExportModel {
  if (options.suggestions !== "show" || countSuggestions(source.doc) === 0)
    return buildExportModel(source, options);
  const shown = buildExportModel(source, options);
  const original = buildExportModel(source, { ...options, suggestions: "original" });
  const note =
    shown.suggestions.pending.length === 0
      ? []
      : [
          `The text without its ${plural(shown.suggestions.pending.length)}; they are listed under “Pending suggestions” at the end.`,
        ];
  const replaced = suggestionNote("original", countSuggestions(source.doc));
  return {
    ...original,
    notes: [...original.notes.filter((n) => n !== replaced), ...note],
    suggestions: { ...shown.suggestions },
  };
}
