/**
 * Suggestions as the export shows them (`suggestions=show`): the reference each marked run or
 * suggested block carries, the legend of authors (name, party, colour) and the list of pending
 * suggestions, collected while the model is built.
 *
 * Stored attributes are read leniently: the export must not fail on a document a client wrote,
 * so a missing author reads "Unknown author", a missing id gets a placeholder of its own, and a
 * time that is not a date becomes the version's time (Word refuses a file with a bad `w:date`).
 */
import type { Party } from "../model/party.js";
import type { BlockSuggestion } from "../schema/suggestion.js";
import type {
  BlockSuggestionRef,
  ExportSuggestion,
  SuggestionAuthor,
  SuggestionRef,
  SuggestionsModel,
} from "./model.js";

/** The colour of suggestions by no party. */
export const NO_PARTY_COLOUR = "#5f6368";
/** The one colour of every suggestion in a non-paper (colours would tell the parties apart). */
export const NON_PAPER_COLOUR = "#3465a4";
export const UNKNOWN_AUTHOR = "Unknown author";

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const MAX_AUTHOR = 120;

interface StoredAttrs {
  id: string | null;
  author: string;
  party: string | null;
  at: string | null;
}

function readAttrs(attrs: unknown): StoredAttrs {
  const record: Record<string, unknown> =
    typeof attrs === "object" && attrs !== null ? { ...attrs } : {};
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const author = text(record.author).slice(0, MAX_AUTHOR);
  return {
    id: text(record.id) || null,
    author: author || UNKNOWN_AUTHOR,
    party: text(record.party) || null,
    at: text(record.at) || null,
  };
}

/** A valid ISO time, or `fallback`. */
function isoTime(at: string | null, fallback: string): string {
  if (at === null) return fallback;
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? fallback : time.toISOString();
}

export interface SuggestionLabels {
  parties: ReadonlyMap<string, Party>;
  nonPaper: boolean;
  /** The time of a suggestion whose stored time is not a date (ISO). */
  fallbackAt: string;
}

export class SuggestionCollector {
  private readonly legend: SuggestionAuthor[] = [];
  private readonly legendIndex = new Map<string, number>();
  private readonly pending = new Map<string, ExportSuggestion>();
  private anonymous = 0;
  /** The article being built ("Art. 1.2"), for the list; null outside articles. */
  where: string | null = null;

  constructor(private readonly labels: SuggestionLabels) {}

  private ref(attrs: StoredAttrs): { ref: SuggestionRef; party: string | null } {
    const { parties, nonPaper } = this.labels;
    const party = attrs.party === null || nonPaper ? undefined : parties.get(attrs.party);
    const author = nonPaper
      ? "Participant"
      : party
        ? `${attrs.author} (${party.shortName})`
        : attrs.author;
    const key = `${author}\u0000${party?.id ?? ""}`;
    let legend = this.legendIndex.get(key);
    if (legend === undefined) {
      legend = this.legend.length;
      this.legendIndex.set(key, legend);
      const colour = nonPaper
        ? NON_PAPER_COLOUR
        : party && COLOUR.test(party.colour)
          ? party.colour
          : NO_PARTY_COLOUR;
      this.legend.push({ author, party: party?.name ?? null, colour });
    }
    const id = attrs.id ?? `unidentified-${++this.anonymous}`;
    return {
      ref: { id, author, legend, at: isoTime(attrs.at, this.labels.fallbackAt) },
      party: party?.shortName ?? null,
    };
  }

  private entry(
    ref: SuggestionRef,
    party: string | null,
    kind: ExportSuggestion["kind"],
  ): ExportSuggestion {
    const known = this.pending.get(ref.id);
    if (known) return known;
    const entry: ExportSuggestion = {
      id: ref.id,
      kind,
      inserted: "",
      deleted: "",
      author: ref.author,
      party,
      at: ref.at,
      where: this.where,
    };
    this.pending.set(ref.id, entry);
    return entry;
  }

  /** A run marked `suggestInsert` / `suggestDelete` with `attrs`: its reference, noted in the list. */
  text(kind: "insert" | "delete", attrs: unknown, text: string): SuggestionRef {
    const { ref, party } = this.ref(readAttrs(attrs));
    const entry = this.entry(ref, party, kind);
    if (entry.kind === "newBlock" || entry.kind === "removeBlock") return ref;
    if (kind === "insert") entry.inserted += text;
    else entry.deleted += text;
    if (entry.inserted !== "" && entry.deleted !== "") entry.kind = "replace";
    return ref;
  }

  /** A block's suggestion attribute; `text`: the block's text (listed for a whole block). */
  block(suggestion: BlockSuggestion, scope: "break" | "block", text: string): BlockSuggestionRef {
    const { ref, party } = this.ref(readAttrs(suggestion));
    const kind: ExportSuggestion["kind"] =
      scope === "block"
        ? suggestion.kind === "insert"
          ? "newBlock"
          : "removeBlock"
        : suggestion.kind === "insert"
          ? "split"
          : "join";
    const entry = this.entry(ref, party, kind);
    entry.kind = kind;
    if (scope === "block") {
      entry.inserted = suggestion.kind === "insert" ? text : "";
      entry.deleted = suggestion.kind === "delete" ? text : "";
    }
    return { ...ref, kind: suggestion.kind, scope };
  }

  model(view: SuggestionsModel["view"]): SuggestionsModel {
    return { view, legend: [...this.legend], pending: [...this.pending.values()] };
  }
}
