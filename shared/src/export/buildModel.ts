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
import type { SequencingContext } from "../sequencing/context.js";
import type { SequencingSnapshot } from "../sequencing/snapshot.js";
import { buildAnnexes, orderSteps, withoutPartyNames } from "./annexes.js";
import type { CommentThreadInput } from "./comments.js";
import { countNodes, flatText } from "./flatText.js";
import { convertInline, type InlineContext, inlineText } from "./inline.js";
import type { Block, ExportComment, ExportModel, TableCell, VersionStamp } from "./model.js";
import type { ExportOptions } from "./options.js";
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
  /** Comment threads (issue 7); empty until comments exist. */
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

  constructor(
    private readonly source: ExportSource,
    private readonly options: ModelOptions,
  ) {
    this.places = listTerms(source.doc);
    this.parties = new Map(source.parties.map((p) => [p.id, p]));
    this.steps = new Map(source.sequencing.steps.map((s) => [s.id, s]));
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
    };
  }

  private stepNumbers: Map<string, string> | null = null;
  private actorNames: ReadonlyMap<string, string> | null = null;

  /** "Second Party: suspends … (step S2)": the step's summary, and its number in Annex I. */
  private stepText(stepId: string | null): string {
    const step = stepId ? this.steps.get(stepId) : undefined;
    if (!step) return "(deleted step)";
    this.stepNumbers ??= new Map(
      orderSteps({
        sequencing: this.source.sequencing,
        context: this.context(),
        termLabels: new Map(),
      }).map((s, i) => [s.id, `S${i + 1}`]),
    );
    // The names the sequencing summaries use (a non-paper's "Party A"), looked up once.
    this.actorNames ??= new Map(
      this.context().parties.flatMap((p) => (p.name === undefined ? [] : [[p.id, p.name]])),
    );
    const actor = this.actorNames.get(step.actorPartyId) ?? step.actorPartyId;
    const number = this.options.annexes ? ` (step ${this.stepNumbers.get(step.id)}, Annex I)` : "";
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
      case NODE.heading:
        return [{ kind: "heading", level: readHeadingLevel(node.attrs?.level), content: inline() }];
      case NODE.paragraph:
        return [{ kind: "paragraph", content: inline() }];
      case "bulletList":
      case "orderedList":
        return [
          {
            kind: "list",
            ordered: node.type === "orderedList",
            start: readListStart(node.attrs?.start),
            items: (node.content ?? []).map((item) => this.blocks(item.content ?? [], inside)),
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
        return [
          {
            kind: "term",
            termId: place?.termId ?? null,
            label: place?.label ?? "Art. ?",
            section: place?.section ?? 0,
            index: place?.index ?? 0,
            category: place?.category.valid ? place.category.value : "general",
            status: this.options.text === "clean" ? null : STATUS_LABELS[status],
            blocks: this.blocks(node.content ?? [], inside),
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

function notes(options: ModelOptions, openBrackets: number): string[] {
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

export function buildExportModel(source: ExportSource, options: ModelOptions): ExportModel {
  const builder = new Builder(source, options);
  const content = [...(source.doc.content ?? [])];
  let title = source.title;
  const first = content[0];
  if (first?.type === NODE.heading && Number(first.attrs?.level) === 1) {
    const text = inlineText(
      convertInline(first.content ?? [], {
        ...builder.inline,
        text: "clean",
        commentId: () => null,
        countOpen() {},
      }),
    ).trim();
    if (text !== "") {
      title = text;
      content.shift();
    }
  }
  const body = builder.blocks(content);
  const termLabels = new Map<string, string>();
  for (const place of listTerms(source.doc)) {
    if (place.termId !== null && !termLabels.has(place.termId))
      termLabels.set(place.termId, place.label);
  }
  const annexes = options.annexes
    ? buildAnnexes({
        sequencing: source.sequencing,
        termLabels,
        context: builder.context(),
      })
    : [];
  return {
    title,
    designation: designation(options),
    version: source.version,
    notes: notes(options, builder.openBrackets),
    body,
    comments: builder.comments(),
    annexes,
  };
}
