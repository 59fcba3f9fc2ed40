/**
 * A comment body is plain text. To show it, it is cut into segments — text, line breaks, links
 * (http, https and mailto only) and @mentions — that React renders as text nodes and elements:
 * nothing in a body is ever parsed as HTML.
 */
import type { Mention } from "@parley/shared/comments/records";

export type BodySegment =
  | { kind: "text"; text: string }
  | { kind: "break" }
  | { kind: "link"; text: string; href: string }
  | { kind: "mention"; text: string; mention: Mention };

const URL_PATTERN = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?)\]}'»”]+$/;

/** `href` if it is an http(s) or mailto URL the browser parses, else null. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:"
      ? url.href
      : null;
  } catch {
    return null;
  }
}

function linkSegments(text: string): BodySegment[] {
  const out: BodySegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, "");
    const start = match.index ?? 0;
    const href = safeHref(raw);
    if (!href || raw.length === 0) continue;
    if (start > last) out.push({ kind: "text", text: text.slice(last, start) });
    out.push({ kind: "link", text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

function mentionSegments(text: string, mentions: readonly Mention[]): BodySegment[] {
  // Longest labels first, so "@North Delegation" wins over "@North".
  const labels = [...mentions].sort((a, b) => b.label.length - a.label.length);
  const out: BodySegment[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { index: number; mention: Mention } | null = null;
    for (const mention of labels) {
      const index = rest.indexOf(`@${mention.label}`);
      if (index >= 0 && (best === null || index < best.index)) best = { index, mention };
    }
    if (!best) {
      out.push(...linkSegments(rest));
      break;
    }
    if (best.index > 0) out.push(...linkSegments(rest.slice(0, best.index)));
    const token = `@${best.mention.label}`;
    out.push({ kind: "mention", text: token, mention: best.mention });
    rest = rest.slice(best.index + token.length);
  }
  return out;
}

/** The segments of `body`, line by line. */
export function bodySegments(body: string, mentions: readonly Mention[] = []): BodySegment[] {
  const out: BodySegment[] = [];
  body.split("\n").forEach((line, index) => {
    if (index > 0) out.push({ kind: "break" });
    out.push(...mentionSegments(line, mentions));
  });
  return out;
}
