/** Escaping user text for each output format. Every user string goes through one of these. */

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
  return text.replace(/[\\`*_[\]<>|~&^]/g, (c) => `\\${c}`).replace(/\n/g, " ");
}

/** Guards the start of a Markdown line against being read as a heading, list item or rule. */
export function guardLineStart(line: string): string {
  return line.replace(/^(\s*)(\d+)([.)])(\s|$)/, "$1$2\\$3$4").replace(/^(\s*)([#+=-])/, "$1\\$2");
}
