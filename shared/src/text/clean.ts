/**
 * Text hygiene: the characters a stored string may not carry into an output or a label.
 *
 * - `cleanXmlText`: every character XML 1.0 forbids (C0 controls except tab, LF and CR; lone
 *   surrogates; U+FFFE and U+FFFF) is removed; a lone surrogate becomes U+FFFD so the reader sees
 *   something was there. The DOCX and HTML writers pass every string through it.
 * - `cleanSingleLine`: titles, display names and party names are one line of plain text. Line
 *   breaks and tabs become a space; other C0 and C1 controls and DEL are removed; so are the
 *   bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the Arabic
 *   letter mark U+061C, which can reorder the text around a name. The left-to-right and
 *   right-to-left marks (U+200E, U+200F) stay: they only settle the direction of neutral
 *   characters next to them (a name mixing scripts may need one), and cannot reorder text outside
 *   the name once it is shown isolated (`<bdi>` / `unicode-bidi: isolate` in the client).
 * - `oneLine`: the line terminators CommonMark and browsers know (CR, LF, CRLF, NEL, U+2028,
 *   U+2029) as one space each, for text that must stay on its line.
 */

/** C0 controls XML 1.0 forbids, U+FFFE, U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanXmlText(text: string): string {
  return text.replace(XML_FORBIDDEN, "").replace(LONE_SURROGATE, "\uFFFD");
}

const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

export function oneLine(text: string): string {
  return text.replace(LINE_BREAK, " ");
}

/** Controls (C0, DEL, C1) and the bidi embedding, override and isolate characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters
const NOT_IN_A_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

export function cleanSingleLine(text: string): string {
  return cleanXmlText(oneLine(text).replace(/\t/g, " ")).replace(NOT_IN_A_LINE, "");
}
