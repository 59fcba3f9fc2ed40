/**
 * The write gate's suggestion path (`writeGate.ts`): a commenter's framework update, or a
 * drafter's while the framework tracks all changes, that does more than anchor comments is tried
 * on the room's shadow and kept only if it is a suggestion of the principal's
 * (`checkSuggestionOnlyChange`, `@parley/shared/suggestions/suggestionRule`).
 *
 * - `onlyAnchorFormatting`: the cheap look at the decoded update that keeps anchoring a comment on
 *   the old path (format items only, no conversion to ProseMirror).
 * - `outsideTheText`: a transaction that changed anything but the framework text (a map: parties,
 *   statuses, settings…) is refused for a commenter.
 * - `suggestionProblem`: the shadow's text before and after the update (`fragmentNodes.ts`:
 *   unchanged blocks are reused, so a keystroke converts one block) asked to the rule.
 *
 * Cost, measured roughly on this (shared, loaded) machine with `WriteGate` in a unit test: a
 * suggested keystroke in a 300-paragraph text ~1 ms (median), in 2,000 paragraphs ~6–10 ms; the
 * first check of a room converts the whole text once (~0.3–0.7 s at 2,000 paragraphs, with the
 * shadow built); a refused update costs the shadow's rebuild (~30 ms at 300, ~90 ms at 2,000
 * paragraphs), converted blocks surviving it. A drafter's plain typing with tracking off stays
 * on the fast path (no shadow, no conversion).
 */
import { isCommentAnchorKey } from "@parley/shared/access/commentAnchors";
import type { Principal } from "@parley/shared/access/roles";
import { commentFormatKey } from "@parley/shared/comments/commentMark";
import { documentFragment } from "@parley/shared/model/maps";
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import { ATTR } from "@parley/shared/schema/nodeNames";
import {
  checkSuggestionOnlyChange,
  type SuggestionRuleContext,
} from "@parley/shared/suggestions/suggestionRule";
import * as Y from "yjs";
import { anchorKeysChangeAllowed, type ThreadAuthors } from "./commentAnchorOwnership.js";
import { decodeUpdateOnce } from "./decodedUpdate.js";
import type { FragmentNodes } from "./fragmentNodes.js";

/**
 * Whether the update only adds and deletes comment-anchor format items: the commenter's anchor
 * path, checked without converting the text. Anything else (Yjs's clean-up of other format items
 * included, which the rule sees as no change) takes the suggestion path.
 */
export function onlyAnchorFormatting(doc: Y.Doc, update: Uint8Array): boolean {
  const decoded = decodeUpdateOnce(update);
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (!(struct instanceof Y.Item)) return false;
    const content = struct.content;
    if (!(content instanceof Y.ContentFormat) || !isCommentAnchorKey(content.key)) return false;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const last = structs[structs.length - 1];
    if (!last) continue;
    for (const range of ranges) {
      if (range.clock >= last.id.clock + last.length) continue;
      let index = Y.findIndexSS(structs, Math.max(range.clock, structs[0]?.id.clock ?? 0));
      for (; index < structs.length; index++) {
        const struct = structs[index];
        if (!struct || struct.id.clock >= range.clock + range.len) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const content = struct.content;
        if (!(content instanceof Y.ContentFormat) || !isCommentAnchorKey(content.key)) return false;
      }
    }
  }
  return true;
}

/**
 * The cheap look before a commenter's update is tried: it may only add text, elements of the
 * text and their attributes, under the framework text. Anything else (a map, an array, an embed,
 * another root) is refused without applying it anywhere. Returns the problem, or null.
 */
export function beyondTheText(update: Uint8Array): string | null {
  const decoded = decodeUpdateOnce(update);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (typeof struct.parent === "string" && struct.parent !== DOCUMENT_FIELD) {
      return "a commenter may change nothing but the framework text";
    }
    const content = struct.content;
    if (content instanceof Y.ContentType) {
      if (!(content.type instanceof Y.XmlElement) && !(content.type instanceof Y.XmlText)) {
        return "a commenter may change nothing but the framework text";
      }
    } else if (
      !(content instanceof Y.ContentString) &&
      !(content instanceof Y.ContentFormat) &&
      !(content instanceof Y.ContentDeleted) &&
      !(content instanceof Y.ContentAny && struct.parentSub !== null)
    ) {
      return "a commenter may change nothing but the framework text";
    }
  }
  return null;
}

function rootOf(type: { _item: Y.Item | null }): unknown {
  let current: { _item: Y.Item | null } = type;
  while (current._item?.parent instanceof Y.AbstractType) current = current._item.parent;
  return current;
}

/** The problem if a transaction changed anything but the framework text, else null. */
export function outsideTheText(shadow: Y.Doc, tr: Y.Transaction): string | null {
  const text = documentFragment(shadow);
  for (const type of tr.changed.keys()) {
    if (rootOf(type) !== text) return "a commenter may change nothing but the framework text";
  }
  return null;
}

/** The rule's context for this principal: who may move which comment anchors, what is left out. */
export function suggestionContext(
  principal: Principal,
  authors: ThreadAuthors,
): SuggestionRuleContext {
  if (principal.role !== "commenter") {
    // A drafter moves anchors freely and records its party's positions (`frameworkPolicy.ts`).
    return { ignoredAttrs: [ATTR.supportedBy, ATTR.opposedBy], anchorChanges: () => null };
  }
  return {
    anchorChanges: (changed, existed) =>
      anchorKeysChangeAllowed(
        principal,
        new Set([...changed].map(commentFormatKey)),
        new Set([...existed].map(commentFormatKey)),
        authors,
      ),
  };
}

/**
 * The suggestion rule on the shadow's text before (`before`, converted before the update was
 * applied) and now. Returns the problem, or null.
 */
export function suggestionProblem(
  principal: Principal,
  before: ReturnType<FragmentNodes["document"]>,
  after: ReturnType<FragmentNodes["document"]>,
  authors: ThreadAuthors,
): string | null {
  // Content the schema cannot hold (left out of both documents) must stay exactly as it was.
  for (const problem of after.problems) {
    if (!before.problems.has(problem)) return `content the framework text cannot hold (${problem})`;
  }
  for (const problem of before.problems) {
    if (!after.problems.has(problem)) return `a change to content outside the schema (${problem})`;
  }
  const verdict = checkSuggestionOnlyChange(
    before.node,
    after.node,
    { name: principal.name, party: principal.party, member: principal.member },
    suggestionContext(principal, authors),
  );
  return verdict.ok ? null : verdict.error.message;
}
