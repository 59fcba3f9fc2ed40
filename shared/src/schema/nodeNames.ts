/**
 * Node and attribute names of the domain nodes, exactly as they appear in ProseMirror JSON and, via
 * y-prosemirror, as Y.XmlElement node names and attributes. Pure constants: the template writer,
 * the analysis and the model read them without loading Tiptap.
 */
export const NODE = {
  term: "term",
  bracket: "bracket",
  bracketOption: "bracketOption",
  /** View-only (never stored): marks an open bracket in the clean and party views. */
  bracketFlag: "bracketFlag",
  heading: "heading",
  paragraph: "paragraph",
  text: "text",
} as const;

export const ATTR = {
  termId: "termId",
  category: "category",
  bracketId: "bracketId",
  optionId: "optionId",
  proposedBy: "proposedBy",
  supportedBy: "supportedBy",
  opposedBy: "opposedBy",
} as const;

/** Which attribute holds the stable id of each identified node, and the prefix of fresh ids. */
export const IDENTIFIED_NODES = [
  { type: NODE.term, attr: ATTR.termId, prefix: "t" },
  { type: NODE.bracket, attr: ATTR.bracketId, prefix: "b" },
  { type: NODE.bracketOption, attr: ATTR.optionId, prefix: "o" },
] as const;

/**
 * Suggestion marks (`schema/suggestion.ts`): text proposed for insertion, and existing text
 * proposed for deletion. A replacement is one suggestion: both parts carry the same `id`.
 */
export const SUGGEST_INSERT_MARK = "suggestInsert";
export const SUGGEST_DELETE_MARK = "suggestDelete";
/** The attributes every suggestion mark carries (all strings; `party`/`member` may be null). */
export const SUGGESTION_ATTRS = ["id", "author", "party", "member", "at"] as const;
/**
 * The block attribute of a structural suggestion (a new or removed paragraph break, term or list
 * item): a JSON string of `BlockSuggestion` (`schema/suggestion.ts`) or null. Kept as a node
 * attribute because y-prosemirror does not sync marks on non-text nodes.
 */
export const BLOCK_SUGGESTION_ATTR = "suggestion";
/** The node types that can carry a block suggestion. */
export const SUGGESTIBLE_BLOCKS = ["paragraph", "heading", "term", "listItem"] as const;
