/**
 * The server's rule for an update that must be a suggestion (a commenter's, or a drafter's while
 * "track all changes" is on): `checkSuggestionOnlyChange(before, after, author, context)`.
 *
 * Allowed: inserting text marked as the author's insertion, marking existing text as the author's
 * deletion, the author's own block suggestions, and removing or changing the author's own
 * suggestions (withdrawing). Checked as:
 * 1. the original view (every suggestion rejected, `projections.ts`) is the same before and after,
 *    comment anchors and `context.ignoredAttrs` left out (other checks own those);
 * 2. every suggestion that changed (its parts, text, attributes, formatting, or for a block the
 *    text it holds that is not a suggested insertion) is the author's, before and after: each
 *    part's `author`, `party` and `member` are the principal's, and its id is not one another
 *    author's suggestion uses anywhere in the document;
 * 3. a comment thread whose anchor covers other original text is for `context.anchorChanges`
 *    to allow (refused when absent).
 *
 * Only the top-level blocks that differ (plus one on each side) are compared: a keystroke in a
 * long document looks at a few blocks. Unchanged blocks are recognised by identity first, so a
 * caller that reuses the nodes of unchanged blocks (`server/src/core/fragmentNodes.ts`) pays
 * little for them.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { Fragment } from "@tiptap/pm/model";
import { canonicalJson } from "../access/frameworkPolicy.js";
import { COMMENT_MARK, THREAD_ID_ATTR } from "../comments/markNames.js";
import { err, ok, type Result } from "../model/result.js";
import { SUGGEST_INSERT_MARK } from "../schema/nodeNames.js";
import { rememberedPerNode } from "../schema/perBlock.js";
import { isSuggestionMark, MALFORMED_ID, type SuggestionPart, suggestionParts } from "./parts.js";
import { originalView } from "./projections.js";

/** Why a formatting change is refused in Suggesting mode (it is not tracked). */
export const FORMATTING_REFUSED =
  "formatting can't be suggested: switch to Editing or ask a drafter";

/** Who suggests: the principal's display name, party and member id. */
export interface SuggestionAuthor {
  name: string | null;
  party: string | null;
  member: string;
}

export interface SuggestionRuleContext {
  /** Marks left to other checks (default: the comment anchor). */
  ignoredMarks?: readonly string[];
  /** Node attributes left to other checks (a drafter's bracket positions). */
  ignoredAttrs?: readonly string[];
  /**
   * Comment threads whose anchors cover other original text (`changed`), and those of them that
   * covered some before (`existed`): the problem, or null when the author may move them.
   */
  anchorChanges?: (changed: ReadonlySet<string>, existed: ReadonlySet<string>) => string | null;
}

export interface SuggestionChange {
  /** Ids of the suggestions the update added, changed or removed. */
  changed: string[];
}

/** The top-level blocks that differ: `[start, endBefore)` of before, `[start, endAfter)` of after. */
function changedWindow(before: PMNode, after: PMNode) {
  const nb = before.childCount;
  const na = after.childCount;
  let start = 0;
  while (start < nb && start < na && before.child(start).eq(after.child(start))) start++;
  let endB = nb;
  let endA = na;
  while (endB > start && endA > start && before.child(endB - 1).eq(after.child(endA - 1))) {
    endB--;
    endA--;
  }
  return {
    start: Math.max(0, start - 1),
    endBefore: Math.min(nb, endB + 1),
    endAfter: Math.min(na, endA + 1),
  };
}

function slice(doc: PMNode, from: number, to: number): PMNode {
  const nodes: PMNode[] = [];
  for (let i = from; i < to; i++) nodes.push(doc.child(i));
  return doc.copy(Fragment.fromArray(nodes));
}

/** `node` without the ignored marks and attributes (identity when it has none of them). */
function stripped(node: PMNode, marks: ReadonlySet<string>, attrs: ReadonlySet<string>): PMNode {
  if (node.isText) {
    const kept = node.marks.filter((m) => !marks.has(m.type.name));
    return kept.length === node.marks.length ? node : node.mark(kept);
  }
  const children: PMNode[] = [];
  let changed = false;
  node.forEach((child) => {
    const s = stripped(child, marks, attrs);
    if (s !== child) changed = true;
    children.push(s);
  });
  const dropAttrs = Object.keys(node.attrs).some((k) => attrs.has(k) && node.attrs[k] != null);
  if (!changed && !dropAttrs) return node;
  const nextAttrs = { ...node.attrs };
  for (const key of attrs) if (key in nextAttrs) nextAttrs[key] = null;
  return node.type.create(nextAttrs, Fragment.fromArray(children), node.marks);
}

/** Per comment thread: the runs of the document it covers, as `from-to;…`. */
function anchorCoverage(doc: PMNode): Map<string, string> {
  const runs = new Map<string, Array<[number, number]>>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== COMMENT_MARK) continue;
      const thread = String(mark.attrs[THREAD_ID_ATTR]);
      const list = runs.get(thread) ?? [];
      const last = list.at(-1);
      if (last && last[1] === pos) last[1] = pos + node.nodeSize;
      else list.push([pos, pos + node.nodeSize]);
      runs.set(thread, list);
    }
    return false;
  });
  const out = new Map<string, string>();
  for (const [thread, list] of runs) out.set(thread, list.map(([a, b]) => `${a}-${b}`).join(";"));
  return out;
}

function ownerKey(attrs: { author: string; party: string | null; member: string | null }): string {
  return JSON.stringify([attrs.author, attrs.party, attrs.member]);
}

/** The text of a block that is not a suggested insertion (what a block suggestion holds). */
function baseText(node: PMNode): string {
  let out = "";
  node.descendants((child) => {
    if (child.isText && !child.marks.some((m) => m.type.name === SUGGEST_INSERT_MARK)) {
      out += child.text ?? "";
    }
    return !child.isText;
  });
  return out;
}

/**
 * What a suggestion is, as one comparable string: its parts, adjacent text runs with the same
 * attributes (and, for insertions, the same formatting) merged, so that a part split by someone
 * else's insertion inside it compares equal.
 */
function signature(parts: readonly SuggestionPart[], ignored: ReadonlySet<string>): string {
  const runs: string[][] = [];
  for (const part of parts) {
    if (part.type === "block") {
      runs.push(["block", canonicalJson(part.attrs), part.node.type.name, baseText(part.node)]);
      continue;
    }
    const formatting =
      part.type === "insert"
        ? canonicalJson(
            part.nodeMarks
              .filter((m) => !isSuggestionMark(m) && !ignored.has(m.type.name))
              .map((m) => m.toJSON()),
          )
        : "";
    const head = [part.type, canonicalJson(part.mark.attrs), formatting];
    const last = runs.at(-1);
    if (last && last[0] === head[0] && last[1] === head[1] && last[2] === head[2]) {
      last[3] += part.text;
    } else {
      runs.push([...head, part.text]);
    }
  }
  return JSON.stringify(runs);
}

function owners(parts: readonly SuggestionPart[]): Set<string> {
  const out = new Set<string>();
  for (const part of parts) out.add(part.attrs ? ownerKey(part.attrs) : "#malformed");
  return out;
}

function groupById(parts: readonly SuggestionPart[]): Map<string, SuggestionPart[]> {
  const out = new Map<string, SuggestionPart[]>();
  for (const part of parts) {
    const list = out.get(part.id);
    if (list) list.push(part);
    else out.set(part.id, [part]);
  }
  return out;
}

/** Owners of each suggestion id in a top-level block, remembered per (immutable) node. */
const idOwners = rememberedPerNode((block): Map<string, Set<string>> => {
  const found = new Map<string, Set<string>>();
  for (const [id, parts] of groupById(suggestionParts(block))) found.set(id, owners(parts));
  return found;
});

/**
 * Whether `after` differs from `before` only by suggestions of `author` (see the module comment).
 * `ok` with the ids of the suggestions changed, or `notAllowed` with the reason.
 */
export function checkSuggestionOnlyChange(
  before: PMNode,
  after: PMNode,
  author: SuggestionAuthor,
  context: SuggestionRuleContext = {},
): Result<SuggestionChange> {
  if (before === after || before.eq(after)) return ok({ changed: [] });
  const ignoredMarks = new Set(context.ignoredMarks ?? [COMMENT_MARK]);
  const ignoredAttrs = new Set(context.ignoredAttrs ?? []);
  const window = changedWindow(before, after);
  const b = slice(before, window.start, window.endBefore);
  const a = slice(after, window.start, window.endAfter);

  // 1. The original text is the same.
  const ob = originalView(b);
  const oa = originalView(a);
  if (!stripped(ob, ignoredMarks, ignoredAttrs).eq(stripped(oa, ignoredMarks, ignoredAttrs))) {
    const allMarks = new Set(Object.keys(ob.type.schema.marks));
    if (stripped(ob, allMarks, ignoredAttrs).eq(stripped(oa, allMarks, ignoredAttrs))) {
      return err("notAllowed", FORMATTING_REFUSED);
    }
    return err(
      "notAllowed",
      "the update changes the text itself: only suggestions (marked insertions and deletions) are allowed",
    );
  }
  // 3. Comment anchors over the original text.
  if (ignoredMarks.has(COMMENT_MARK)) {
    const cb = anchorCoverage(ob);
    const ca = anchorCoverage(oa);
    const changed = new Set<string>();
    for (const thread of new Set([...cb.keys(), ...ca.keys()])) {
      if (cb.get(thread) !== ca.get(thread)) changed.add(thread);
    }
    if (changed.size > 0) {
      const existed = new Set([...changed].filter((t) => cb.has(t)));
      const problem = context.anchorChanges
        ? context.anchorChanges(changed, existed)
        : "the update moves comment anchors";
      if (problem !== null) return err("notAllowed", problem);
    }
  }

  // 2. Every changed suggestion is the author's.
  const partsBefore = groupById(suggestionParts(b));
  const partsAfter = groupById(suggestionParts(a));
  const own = author.name
    ? ownerKey({ author: author.name, party: author.party, member: author.member })
    : null;
  const changedIds: string[] = [];
  for (const id of new Set([...partsBefore.keys(), ...partsAfter.keys()])) {
    const pb = partsBefore.get(id) ?? [];
    const pa = partsAfter.get(id) ?? [];
    if (signature(pb, ignoredMarks) === signature(pa, ignoredMarks)) continue;
    if (id === MALFORMED_ID) {
      return err(
        "notAllowed",
        "a suggestion mark without valid attributes (id, author, party, member, time)",
      );
    }
    if (own === null) return err("notAllowed", "a suggestion needs the author's display name");
    const previous = owners(pb);
    for (let i = 0; i < before.childCount; i++) {
      if (i >= window.start && i < window.endBefore) continue;
      for (const key of idOwners(before.child(i)).get(id) ?? []) previous.add(key);
    }
    for (const key of previous) {
      if (key === own) continue;
      return err(
        "notAllowed",
        pb.length === 0
          ? `suggestion id ${id} is already used by another author's suggestion`
          : `only its author may change or withdraw suggestion ${id}`,
      );
    }
    for (const key of owners(pa)) {
      if (key !== own) {
        return err(
          "notAllowed",
          "a suggestion must carry its author's own name, party and member id",
        );
      }
    }
    changedIds.push(id);
  }
  return ok({ changed: changedIds });
}
