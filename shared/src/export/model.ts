/**
 * The export model: a framework as a document to circulate, independent of any output format.
 * Built from ProseMirror JSON by `buildExportModel` (`buildModel.ts`); read by every renderer
 * (Markdown and HTML here, DOCX and PDF on the server). Plain data, no functions, no Yjs.
 *
 * Strings in the model are user text, unescaped: each renderer escapes for its own format.
 */

/** Character formatting of a run of text (the marks of the shared schema). */
export interface TextMarks {
  bold?: true;
  italic?: true;
  underline?: true;
  strike?: true;
  /** The link target, only http(s) and mailto (anything else is dropped when the model is built). */
  link?: string;
}

export type Inline =
  | {
      kind: "text";
      text: string;
      marks: TextMarks;
      /** Comment threads (export ids, see `ExportComment.id`) anchored on this run. */
      commentIds: string[];
      /** Pending suggestions on this run (`suggestions=show` only): proposed for insertion… */
      inserted?: SuggestionRef;
      /** …or for deletion (both: inserted by one person, proposed for deletion by another). */
      deleted?: SuggestionRef;
    }
  | { kind: "break" }
  | BracketInline
  | OpenBracketInline;

/** Contested text, shown with its options (`with brackets` mode). */
export interface BracketInline {
  kind: "bracket";
  bracketId: string | null;
  /** Long options are labelled "Option 1: …" inside their brackets. */
  labelled: boolean;
  options: BracketOptionModel[];
}

export interface BracketOptionModel {
  /** 1-based position in the bracket. */
  number: number;
  /** Short name of the proposing party ("FP"); null for no party or in non-paper mode. */
  proposer: string | null;
  content: Inline[];
}

/**
 * An unresolved bracket in `clean` mode: its FIRST option is shown in the text, flagged as still
 * open (the reader sees the passage is not settled, and how many alternatives there are).
 */
export interface OpenBracketInline {
  kind: "openBracket";
  bracketId: string | null;
  optionCount: number;
  shown: Inline[];
}

/** Who proposed a suggestion and when, on the text or block it concerns. */
export interface SuggestionRef {
  /** The suggestion's id (`s-…`): a replacement's deleted and inserted parts share it. */
  id: string;
  /** "Ana Lima (FP)"; "Participant" in non-paper mode. */
  author: string;
  /** Index of the author in `SuggestionsModel.legend` (colour and party). */
  legend: number;
  /** ISO 8601, always a valid date (a malformed stored time becomes the version's time). */
  at: string;
}

/**
 * A block-level suggestion. `scope: "break"` (paragraph, heading): the break BEFORE this block is
 * proposed (kind insert: a split) or proposed for removal (kind delete: joined to the block
 * before). `scope: "block"` (the blocks of a term or list item): the whole block is proposed, or
 * proposed for removal.
 */
export interface BlockSuggestionRef extends SuggestionRef {
  kind: "insert" | "delete";
  scope: "break" | "block";
}

export type Block =
  | {
      kind: "heading";
      level: 1 | 2 | 3 | 4 | 5 | 6;
      content: Inline[];
      suggestion?: BlockSuggestionRef;
    }
  | { kind: "paragraph"; content: Inline[]; suggestion?: BlockSuggestionRef }
  | { kind: "list"; ordered: boolean; start: number; items: Block[][] }
  | { kind: "blockquote"; blocks: Block[] }
  | TableBlock
  | TermBlock;

export interface TableBlock {
  kind: "table";
  rows: TableCell[][];
}

export interface TableCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  blocks: Block[];
}

/** A numbered article of the framework. */
export interface TermBlock {
  kind: "term";
  termId: string | null;
  /** Display number, as the editor shows it: "Art. 3.2" (or "Art. 2" before the first section). */
  label: string;
  /** Section (count of level-2 headings before it; 0 before the first) and index within it. */
  section: number;
  index: number;
  category: string;
  /** Status label ("Agreed ad referendum"); null when status is not shown (clean mode). */
  status: string | null;
  blocks: Block[];
  /** The whole article is proposed, or proposed for removal (its blocks carry it too). */
  suggestion?: BlockSuggestionRef;
}

/** One message of a comment thread, as exported. */
export interface ExportMessage {
  /** "Ana Lima (FP)"; "Participant" in non-paper mode. */
  author: string;
  /** ISO 8601. */
  at: string;
  body: string;
}

/** A comment thread in the export: the opening comment and its replies. */
export interface ExportComment {
  /** "c1", "c2", … in order of first appearance in the text. */
  id: string;
  /** Position in order of appearance, 0-based: the Word comment id. */
  index: number;
  threadId: string;
  messages: ExportMessage[];
  /** Proposed wording attached to the thread, if any. */
  proposedWording: string | null;
  /** False when the thread's anchor is no longer in the text (its text was deleted). */
  anchored: boolean;
}

/** A table annex (sequencing steps, verification mechanisms, guarantees). */
export interface Annex {
  /** "Annex I". */
  label: string;
  title: string;
  columns: string[];
  /** Relative column widths (percent, summing to 100). */
  widths: number[];
  rows: string[][];
  /** Shown instead of the table when there are no rows. */
  emptyNote: string;
}

export interface VersionStamp {
  /** "Draft of 26 November 2026, 13:20 UTC · rev 3f9a2c1b". */
  text: string;
  /** When the framework was last changed (ISO 8601). */
  updatedAt: string;
  /** Short hash of the document state: two exports with the same revision have the same text. */
  revision: string;
}

/** One author of suggestions, as the legend lists them. */
export interface SuggestionAuthor {
  /** "Ana Lima (FP)": the label the suggestions carry (`SuggestionRef.author`). */
  author: string;
  /** The party's full name; null for no party (or in non-paper mode). */
  party: string | null;
  /** `#rrggbb`: the party's colour (a neutral colour for no party and in non-paper mode). */
  colour: string;
}

/** One pending suggestion, as listed (Markdown's appendix). */
export interface ExportSuggestion {
  id: string;
  /**
   * insert / delete / replace: text; newBlock / removeBlock: a whole article or list item;
   * split / join: a paragraph break proposed or proposed for removal.
   */
  kind: "insert" | "delete" | "replace" | "newBlock" | "removeBlock" | "split" | "join";
  /** The text proposed for insertion (empty for none). */
  inserted: string;
  /** The text proposed for deletion (empty for none). */
  deleted: string;
  author: string;
  /** The party's short name; null for no party or in non-paper mode. */
  party: string | null;
  at: string;
  /** The article it is in ("Art. 1.2"); null outside articles. */
  where: string | null;
}

export interface SuggestionsModel {
  view: "show" | "accepted" | "original";
  /** The authors of the suggestions shown, in order of first appearance (empty unless shown). */
  legend: SuggestionAuthor[];
  /** The pending suggestions in order of first appearance (empty unless shown or listed). */
  pending: ExportSuggestion[];
}

export interface ExportModel {
  title: string;
  /** "Non-paper" in non-paper mode, otherwise "Working draft" or "Clean text". */
  designation: string;
  version: VersionStamp;
  /** Notes printed under the title ("2 passages marked † are still open…"). */
  notes: string[];
  body: Block[];
  comments: ExportComment[];
  annexes: Annex[];
  suggestions: SuggestionsModel;
}
