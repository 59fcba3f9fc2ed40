/**
 * The three ways to show a framework's text, as pure functions over ProseMirror JSON:
 *
 * - `brackets`: everything, as stored (a deep copy).
 * - `clean`: the text as the export's "clean text" prints it (`export/inline.ts`): each open
 *   bracket shows its FIRST option, followed by a `bracketFlag` node, `reason: "open"`, drawn as
 *   "†" (still in brackets); brackets nested in that option likewise. `cleanTextNote` is the
 *   sentence both print under the title.
 * - `party:<id>`: the text as that party would have it. Each open bracket is replaced by the
 *   content of the option the party proposed (first choice) or else supports (the first such
 *   option in order), recursively for brackets nested in it; a bracket where the party has no
 *   preferred option becomes a `bracketFlag`, `reason: "noPreference"`.
 *
 * Output is JSON valid in the schema of `viewExtensions()` (the document schema plus the
 * view-only `bracketFlag`), renderable in a read-only editor or with `@tiptap/static-renderer`.
 * `flags` lists every flagged bracket for a summary ("3 open brackets").
 */
import type { JSONContent } from "@tiptap/core";
import { NODE } from "../schema/nodeNames.js";
import { readBracketAttrs, readOptionAttrs } from "./bracket.js";
import { ID_PATTERN } from "./ids.js";

export type TextView = "clean" | "brackets" | `party:${string}`;

export interface ViewFlag {
  bracketId: string | null;
  reason: "open" | "noPreference";
}

export interface ViewResult {
  doc: JSONContent;
  flags: ViewFlag[];
}

/** Parses a view name; null when it is not one of the three forms. */
export function parseTextView(value: string): TextView | null {
  if (value === "clean" || value === "brackets") return value;
  if (value.startsWith("party:") && ID_PATTERN.test(value.slice(6))) return value as TextView;
  return null;
}

function flag(bracket: JSONContent, reason: ViewFlag["reason"], flags: ViewFlag[]): JSONContent {
  const { bracketId } = readBracketAttrs(bracket.attrs);
  const id = bracketId.valid ? bracketId.value : null;
  flags.push({ bracketId: id, reason });
  return {
    type: NODE.bracketFlag,
    attrs: { bracketId: id, reason, optionCount: bracket.content?.length ?? 0 },
  };
}

/** The option a party would pick: the one it proposed, else the first it supports, else null. */
export function preferredOption(bracket: JSONContent, partyId: string): JSONContent | null {
  const options = bracket.content ?? [];
  const proposed = options.find((o) => {
    const a = readOptionAttrs(o.attrs);
    return a.proposedBy.valid && a.proposedBy.value === partyId;
  });
  if (proposed) return proposed;
  return (
    options.find((o) => {
      const a = readOptionAttrs(o.attrs);
      return a.supportedBy.valid && a.supportedBy.value.includes(partyId);
    }) ?? null
  );
}

/** Rewrites the inline content of a node, replacing each bracket by what `replace` returns. */
function mapInline(
  node: JSONContent,
  replace: (bracket: JSONContent) => JSONContent[],
): JSONContent {
  const copy: JSONContent = { ...node };
  if (node.attrs) copy.attrs = structuredClone(node.attrs);
  if (node.marks) copy.marks = structuredClone(node.marks);
  if (node.content) {
    copy.content = node.content.flatMap((child) =>
      child.type === NODE.bracket ? replace(child) : [mapInline(child, replace)],
    );
  }
  return copy;
}

/**
 * What the clean text (view and export alike) says about its open brackets: "2 passages marked
 * † are still in brackets: the first proposed wording is shown."; null when there are none.
 */
export function cleanTextNote(openBrackets: number): string | null {
  if (openBrackets === 0) return null;
  const passages =
    openBrackets === 1 ? "1 passage marked † is" : `${openBrackets} passages marked † are`;
  return `${passages} still in brackets: the first proposed wording is shown.`;
}

/** Computes a view of the document. Unknown view names fall back to `brackets`. */
export function renderView(doc: JSONContent, view: TextView): ViewResult {
  const flags: ViewFlag[] = [];
  if (view === "clean") {
    const replace = (bracket: JSONContent): JSONContent[] => {
      // Counted before the brackets nested in it, in reading order, as the export counts them.
      const mark = flag(bracket, "open", flags);
      const first = (bracket.content ?? []).find((o) => o.type === NODE.bracketOption);
      return [...(first ? (mapInline(first, replace).content ?? []) : []), mark];
    };
    return { doc: mapInline(doc, replace), flags };
  }
  if (view.startsWith("party:")) {
    const partyId = view.slice("party:".length);
    const replace = (bracket: JSONContent): JSONContent[] => {
      const option = preferredOption(bracket, partyId);
      if (!option) return [flag(bracket, "noPreference", flags)];
      return mapInline(option, replace).content ?? [];
    };
    return { doc: mapInline(doc, replace), flags };
  }
  return { doc: structuredClone(doc), flags };
}
