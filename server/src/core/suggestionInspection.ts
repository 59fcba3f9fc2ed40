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
 * - `trySuggestion`: converts the shadow's text before and after the update (`fragmentNodes.ts`:
 *   unchanged blocks are reused, so a keystroke converts one block) and asks the rule.
 */
import { isCommentAnchorKey } from "@parley/shared/access/commentAnchors";
import type { Principal } from "@parley/shared/access/roles";
import { commentFormatKey } from "@parley/shared/comments/commentMark";
import { documentFragment } from "@parley/shared/model/maps";
import { ATTR } from "@parley/shared/schema/nodeNames";
import {
  checkSuggestionOnlyChange,
  type SuggestionRuleContext,
} from "@parley/shared/suggestions/suggestionRule";
import * as Y from "yjs";
import { anchorKeysChangeAllowed, type ThreadAuthors } from "./commentAnchorOwnership.js";
import { decodeUpdateOnce } from "./decodedUpdate.js";
import { FragmentNodes } from "./fragmentNodes.js";

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

const nodesOfDoc = new WeakMap<Y.Doc, FragmentNodes>();

/** The converted text of a (shadow) doc, kept in step with it. */
export function fragmentNodesOf(doc: Y.Doc): FragmentNodes {
  let nodes = nodesOfDoc.get(doc);
  if (!nodes) {
    nodes = new FragmentNodes(doc);
    nodesOfDoc.set(doc, nodes);
  }
  return nodes;
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
  nodes: FragmentNodes,
  authors: ThreadAuthors,
): string | null {
  const after = nodes.document();
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
