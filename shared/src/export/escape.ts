/** Escaping user text for each output format. Every user string goes through one of these. */
import { oneLine } from "../text/clean.js";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text and attribute values in HTML (also safe inside double- or single-quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Inline Markdown text: every character CommonMark/GFM could read as inline syntax is
 * backslashed (`[` and `]` too, so user text never makes a link or an image).
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~&^]/g, (c) => `\\${c}`);
}

/**
 * Guards the start of a Markdown line against being read as a heading, list item, rule or
 * setext underline. (Quotes, fences, tables, HTML and emphasis start with characters
 * `escapeMarkdown` already backslashes.)
 */
export function guardLineStart(line: string): string {
  return line.replace(/^(\s*)(\d+)([.)])(\s|$)/, "$1$2\\$3$4").replace(/^(\s*)([#+=-])/, "$1\\$2");
}

/**
 * Guards every line of rendered inline text: after a hard break (`\` + newline) a line starts
 * afresh, and `# x`, `- x` or `1. x` there would open a block the document never had.
 * `first`: whether the first line starts a Markdown line too (not when it follows a label).
 */
export function guardLines(text: string, first: boolean): string {
  return text
    .split("\n")
    .map((line, i) => (i > 0 || first ? guardLineStart(line) : line))
    .join("\n");
}

function isSpace(c: string | undefined): boolean {
  return c !== undefined && c.trim() === "";
}

/** The whitespace a string starts with (a loop: `/\s*$/` is quadratic on long runs of spaces). */
export function leadingSpace(text: string): string {
  let i = 0;
  while (i < text.length && isSpace(text[i])) i++;
  return text.slice(0, i);
}

/** The whitespace a string ends with. */
export function trailingSpace(text: string): string {
  let i = text.length;
  while (i > 0 && isSpace(text[i - 1])) i--;
  return text.slice(i);
}
