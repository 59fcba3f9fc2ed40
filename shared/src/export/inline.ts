/** ProseMirror inline JSON → export inlines: text runs with marks and comments, brackets. */
import type { JSONContent } from "@tiptap/core";
import { readBracketAttrs, readOptionAttrs } from "../model/bracket.js";
import { NODE } from "../schema/nodeNames.js";
import { readStepRefAttrs, STEP_REF_NODE } from "../schema/stepRef.js";
import { SUGGEST_DELETE_MARK, SUGGEST_INSERT_MARK } from "../schema/suggestion.js";
import { COMMENT_MARK, COMMENT_THREAD_ATTR } from "./comments.js";
import { flatText } from "./flatText.js";
import type { BlockSuggestionRef, Inline, SuggestionRef, TextMarks } from "./model.js";
import type { TextMode } from "./options.js";

/** Options longer than this many words get an "Option N:" label inside their brackets. */
export const LABEL_OPTIONS_OVER_WORDS = 8;

/**
 * Brackets nested in options deeper than this show as plain text: every renderer recurses once
 * per bracket level, and a stored document can nest them arbitrarily.
 */
export const MAX_BRACKET_DEPTH = 8;

export interface InlineContext {
  text: TextMode;
  /** Short name of a party for an option's proposer; null hides attribution (non-paper). */
  proposerName(partyId: string): string | null;
  /** The export comment id ("c1") for a thread id, or null to leave the run uncommented. */
  commentId(threadId: string): string | null;
  /** Counts an open bracket shown in clean mode. */
  countOpen(): void;
  /** The text shown for a reference to a sequencing step (`stepRef` node). */
  stepText(stepId: string | null): string;
  /** The reference of a suggestion mark on a run of `text`; null when suggestions are not shown. */
  suggestion(kind: "insert" | "delete", attrs: unknown, text: string): SuggestionRef | null;
  /** The suggestion of the whole block being built (a proposed article), which its runs take on. */
  enclosingSuggestion(): BlockSuggestionRef | null;
}

type TextInline = Extract<Inline, { kind: "text" }>;

/** A text run with its suggestions: its own marks, else the enclosing block's suggestion. */
function textInline(node: JSONContent, text: string, ctx: InlineContext): TextInline {
  const { marks, comments } = readMarks(node, ctx);
  const run: TextInline = { kind: "text", text, marks, commentIds: comments };
  for (const mark of node.marks ?? []) {
    const kind =
      mark.type === SUGGEST_INSERT_MARK
        ? "insert"
        : mark.type === SUGGEST_DELETE_MARK
          ? "delete"
          : null;
    if (kind === null) continue;
    const ref = ctx.suggestion(kind, mark.attrs, text);
    if (ref === null) continue;
    if (kind === "insert") run.inserted = ref;
    else run.deleted = ref;
  }
  const enclosing = ctx.enclosingSuggestion();
  if (enclosing !== null) {
    const { kind: direction, scope: _scope, ...ref } = enclosing;
    if (direction === "insert") run.inserted ??= ref;
    else run.deleted ??= ref;
  }
  return run;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

function readMarks(
  node: JSONContent,
  ctx: InlineContext,
): { marks: TextMarks; comments: string[] } {
  const marks: TextMarks = {};
  const comments: string[] = [];
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case "bold":
      case "italic":
      case "underline":
      case "strike":
        marks[mark.type] = true;
        break;
      case "link": {
        const href: unknown = mark.attrs?.href;
        if (typeof href === "string" && SAFE_LINK.test(href.trim())) marks.link = href.trim();
        break;
      }
      case COMMENT_MARK: {
        const threadId: unknown = mark.attrs?.[COMMENT_THREAD_ATTR];
        const id = typeof threadId === "string" ? ctx.commentId(threadId) : null;
        if (id !== null && !comments.includes(id)) comments.push(id);
        break;
      }
      default:
        break;
    }
  }
  return { marks, comments };
}

function wordCount(node: JSONContent): number {
  return flatText(node).split(" ").filter(Boolean).length;
}

function convertBracket(node: JSONContent, ctx: InlineContext, depth: number): Inline {
  const { bracketId } = readBracketAttrs(node.attrs);
  const id = bracketId.valid ? bracketId.value : null;
  const options = (node.content ?? []).filter((o) => o.type === NODE.bracketOption);
  if (ctx.text === "clean") {
    ctx.countOpen();
    return {
      kind: "openBracket",
      bracketId: id,
      optionCount: options.length,
      shown: options[0] ? convertInline(options[0].content ?? [], ctx, depth + 1) : [],
    };
  }
  return {
    kind: "bracket",
    bracketId: id,
    labelled: options.some((o) => wordCount(o) > LABEL_OPTIONS_OVER_WORDS),
    options: options.map((option, i) => {
      const { proposedBy } = readOptionAttrs(option.attrs);
      const proposer =
        proposedBy.valid && proposedBy.value !== null ? ctx.proposerName(proposedBy.value) : null;
      return {
        number: i + 1,
        proposer,
        content: convertInline(option.content ?? [], ctx, depth + 1),
      };
    }),
  };
}

/**
 * Converts inline content; unknown inline nodes keep their content (or vanish if empty).
 * `depth`: how many brackets hold `content`.
 */
export function convertInline(
  content: readonly JSONContent[],
  ctx: InlineContext,
  depth = 0,
): Inline[] {
  const out: Inline[] = [];
  for (const node of content) {
    if (node.type === NODE.text) {
      const text = node.text ?? "";
      if (text === "") continue;
      out.push(textInline(node, text, ctx));
    } else if (node.type === "hardBreak") {
      out.push({ kind: "break" });
    } else if (node.type === NODE.bracket && depth >= MAX_BRACKET_DEPTH) {
      const text = flatText(node);
      if (text !== "") out.push({ kind: "text", text, marks: {}, commentIds: [] });
    } else if (node.type === NODE.bracket) {
      out.push(convertBracket(node, ctx, depth));
    } else if (node.type === STEP_REF_NODE) {
      const { stepId } = readStepRefAttrs(node.attrs);
      const text = ctx.stepText(stepId.valid ? stepId.value : null);
      out.push({ kind: "text", text, marks: { italic: true }, commentIds: [] });
    } else if (node.content) {
      for (const inline of convertInline(node.content, ctx, depth + 1)) out.push(inline);
    }
  }
  return out;
}

/** The plain text of inlines as the export shows them (brackets as `[a] [b]`). */
export function inlineText(content: readonly Inline[]): string {
  return content
    .map((i) => {
      switch (i.kind) {
        case "text":
          return i.text;
        case "break":
          return "\n";
        case "openBracket":
          return inlineText(i.shown);
        case "bracket":
          return i.options.map((o) => `[${inlineText(o.content)}]`).join(" ");
        default:
          return "";
      }
    })
    .join("");
}
