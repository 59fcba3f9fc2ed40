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

/** The comment mark (`schema/comment.ts`) and its attribute naming the thread. */
export const COMMENT_MARK = "comment";
export const THREAD_ID_ATTR = "threadId";
