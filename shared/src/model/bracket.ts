/**
 * Brackets and options: pure operations over ProseMirror state, plus the resolution log.
 *
 * Every operation takes an `EditorState` and returns `Result<Transaction>`; nothing is dispatched.
 * The caller dispatches the transaction (with Tiptap: `editor.view.dispatch(result.value)`), and
 * with Collaboration the change reaches Yjs like any edit (and is undoable by its author).
 * A refused operation returns an error with a message and no transaction: nothing is changed.
 *
 *   const r = bracketRange(editor.state, { from, to, proposedBy: "p-us", alternative: "should" }, ctx);
 *   if (r.ok) editor.view.dispatch(r.value); else toast(r.error.message);
 *
 * Resolving is the one operation that also writes outside the text: `applyBracketResolution`
 * dispatches the text change and then records who chose which option, when, and the texts, in the
 * framework room's `bracketResolutions` map (a log: a bracket that is in the text is open, whatever
 * the log says, e.g. after its resolution was undone).
 */

import type { Fragment, Node as PMNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import type * as Y from "yjs";
import { z } from "zod";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { actorSchema, attribution, attributionSchema, type WriteOptions } from "./actor.js";
import { type Checked, checked } from "./attr.js";
import { plainText } from "./documentJson.js";
import { isId, newId } from "./ids.js";
import { resolutionsMap } from "./maps.js";
import { type Party, requireActiveParty } from "./party.js";
import { err, ok, type Result } from "./result.js";

/** What bracket operations validate party ids against: the framework's parties (`listAllParties`). */
export interface BracketContext {
  parties: readonly Party[];
}

const idSchema = z.string().refine(isId, "malformed id");
const idListSchema = z.array(idSchema);

export interface OptionAttrs {
  optionId: Checked<string>;
  proposedBy: Checked<string | null>;
  supportedBy: Checked<string[]>;
  opposedBy: Checked<string[]>;
}

/** Reads a `bracketOption`'s attributes (JSON, PM node attrs or Y attributes); never throws. */
export function readOptionAttrs(attrs: Record<string, unknown> | null | undefined): OptionAttrs {
  return {
    optionId: checked(idSchema, attrs?.[ATTR.optionId], "option id"),
    proposedBy: checked(idSchema.nullable(), attrs?.[ATTR.proposedBy] ?? null, "proposer"),
    supportedBy: checked(idListSchema, attrs?.[ATTR.supportedBy] ?? [], "supporters"),
    opposedBy: checked(idListSchema, attrs?.[ATTR.opposedBy] ?? [], "opponents"),
  };
}

export function readBracketAttrs(attrs: Record<string, unknown> | null | undefined): {
  bracketId: Checked<string>;
} {
  return { bracketId: checked(idSchema, attrs?.[ATTR.bracketId], "bracket id") };
}

interface Located {
  node: PMNode;
  pos: number;
}

/** The bracket node with this id, and its position. */
export function findBracket(doc: PMNode, bracketId: string): Located | null {
  let found: Located | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === NODE.bracket && node.attrs[ATTR.bracketId] === bracketId) {
      found = { node, pos };
      return false;
    }
    return true;
  });
  return found;
}

/** The option with this id, its position, and its bracket. */
export function findOption(doc: PMNode, optionId: string): (Located & { bracket: Located }) | null {
  let found: (Located & { bracket: Located }) | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name !== NODE.bracket) return true;
    node.forEach((child, offset) => {
      if (!found && child.attrs[ATTR.optionId] === optionId) {
        found = { node: child, pos: pos + 1 + offset, bracket: { node, pos } };
      }
    });
    return !found;
  });
  return found;
}

function checkProposer(proposedBy: string | null, context: BracketContext): Result<string | null> {
  if (proposedBy === null) return ok(null);
  const party = requireActiveParty(context.parties, proposedBy);
  return party.ok ? ok(party.value.id) : party;
}

function makeOption(
  state: EditorState,
  proposedBy: string | null,
  content: Fragment | string | null,
): PMNode {
  const type = state.schema.nodes[NODE.bracketOption];
  if (!type) throw new Error("the schema has no bracketOption node: use documentExtensions()");
  const inner =
    typeof content === "string" ? (content === "" ? null : state.schema.text(content)) : content;
  return type.create(
    {
      [ATTR.optionId]: newId("o"),
      [ATTR.proposedBy]: proposedBy,
      [ATTR.supportedBy]: [],
      [ATTR.opposedBy]: [],
    },
    inner,
  );
}

export interface BracketRangeInput {
  from: number;
  to: number;
  /** Proposer of the existing wording (option 1); null for text of no particular party. */
  proposedBy: string | null;
  /** Text of option 2 (default: empty, to be typed in place). */
  alternative?: string;
  /** Proposer of option 2 (default: none). */
  alternativeProposedBy?: string | null;
}

/**
 * Brackets the span `from`..`to`: it becomes option 1 of a new bracket, with a second option
 * (`alternative`, possibly empty). The span must be non-empty inline content of one textblock or
 * one option (brackets nest: bracketing text inside an option makes a nested bracket).
 */
export function bracketRange(
  state: EditorState,
  input: BracketRangeInput,
  context: BracketContext,
): Result<Transaction> {
  const { from, to } = input;
  if (
    !(Number.isInteger(from) && Number.isInteger(to)) ||
    from >= to ||
    from < 0 ||
    to > state.doc.content.size
  ) {
    return err("invalid", "Select the text to put in brackets first.");
  }
  const $from = state.doc.resolve(from);
  const $to = state.doc.resolve(to);
  if (!$from.sameParent($to) || !$from.parent.inlineContent) {
    return err("invalid", "Brackets hold text within one paragraph: select less.");
  }
  const first = checkProposer(input.proposedBy, context);
  if (!first.ok) return first;
  const second = checkProposer(input.alternativeProposedBy ?? null, context);
  if (!second.ok) return second;
  const bracketType = state.schema.nodes[NODE.bracket];
  if (!bracketType) return err("invalid", "This editor has no brackets: use documentExtensions().");
  const content = state.doc.slice(from, to).content;
  const bracket = bracketType.create({ [ATTR.bracketId]: newId("b") }, [
    makeOption(state, first.value, content),
    makeOption(state, second.value, input.alternative ?? ""),
  ]);
  if (!$from.parent.canReplaceWith($from.index(), $to.indexAfter(), bracketType)) {
    return err("invalid", "Brackets are not allowed here.");
  }
  return ok(state.tr.replaceWith(from, to, bracket));
}

/** Adds an option (a new alternative wording) at the end of a bracket. */
export function addBracketOption(
  state: EditorState,
  input: { bracketId: string; text: string; proposedBy: string | null },
  context: BracketContext,
): Result<Transaction> {
  const bracket = findBracket(state.doc, input.bracketId);
  if (!bracket)
    return err("unknownBracket", `There is no bracket "${input.bracketId}" in the text.`);
  const proposer = checkProposer(input.proposedBy, context);
  if (!proposer.ok) return proposer;
  const option = makeOption(state, proposer.value, input.text);
  return ok(state.tr.insert(bracket.pos + bracket.node.nodeSize - 1, option));
}

/** Removes an option; a bracket keeps at least two (resolve it to leave one wording). */
export function removeBracketOption(
  state: EditorState,
  input: { optionId: string },
): Result<Transaction> {
  const option = findOption(state.doc, input.optionId);
  if (!option) return err("unknownOption", `There is no option "${input.optionId}" in the text.`);
  if (option.bracket.node.childCount <= 2) {
    return err("notAllowed", "A bracket keeps at least two options: resolve it instead.");
  }
  return ok(state.tr.delete(option.pos, option.pos + option.node.nodeSize));
}

export type OptionPosition = "support" | "oppose" | "neutral";

/** Records that a party supports, opposes, or neither (`neutral`), an option. */
export function setOptionPosition(
  state: EditorState,
  input: { optionId: string; partyId: string; position: OptionPosition },
  context: BracketContext,
): Result<Transaction> {
  if (!["support", "oppose", "neutral"].includes(input.position)) {
    return err(
      "invalid",
      `Unknown position ${JSON.stringify(input.position)}: support, oppose or neutral.`,
    );
  }
  const option = findOption(state.doc, input.optionId);
  if (!option) return err("unknownOption", `There is no option "${input.optionId}" in the text.`);
  const party = requireActiveParty(context.parties, input.partyId);
  if (!party.ok) return party;
  const attrs = readOptionAttrs(option.node.attrs);
  if (
    input.position === "oppose" &&
    attrs.proposedBy.valid &&
    attrs.proposedBy.value === party.value.id
  ) {
    return err("notAllowed", `${party.value.name} proposed this option and cannot oppose it.`);
  }
  const without = (list: Checked<string[]>) =>
    (list.valid ? list.value : []).filter((id) => id !== party.value.id);
  const supportedBy = without(attrs.supportedBy);
  const opposedBy = without(attrs.opposedBy);
  if (input.position === "support") supportedBy.push(party.value.id);
  if (input.position === "oppose") opposedBy.push(party.value.id);
  const tr = state.tr
    .setNodeAttribute(option.pos, ATTR.supportedBy, supportedBy)
    .setNodeAttribute(option.pos, ATTR.opposedBy, opposedBy);
  return ok(tr);
}

const resolutionEntrySchema = z.object({
  bracketId: z.string(),
  optionId: z.string(),
  /** Plain text of the chosen option (what the clean text now says). */
  text: z.string(),
  proposedBy: z.string().nullable(),
  /**
   * Every option the bracket had, chosen one included, for the record: the text that was dropped,
   * and the positions the parties had recorded (restored when the bracket is reopened).
   */
  options: z.array(
    z.object({
      optionId: z.string(),
      text: z.string(),
      proposedBy: z.string().nullable(),
      supportedBy: z.array(z.string()).optional(),
      opposedBy: z.array(z.string()).optional(),
    }),
  ),
  /** The term the bracket was in, if any. */
  termId: z.string().nullable(),
  by: actorSchema,
  at: z.string(),
  /**
   * Where the bracket stood, to put it back (`reopenBracket`): the text just before and after it
   * in its paragraph (or option), and the chosen option's text as it stands in the text now.
   */
  place: z.object({ before: z.string(), chosen: z.string(), after: z.string() }).optional(),
  /** Set when the bracket was put back in the text (`reopenBracket`). */
  reopened: attributionSchema.optional(),
});

export const bracketResolutionSchema = resolutionEntrySchema.extend({
  /** Earlier resolutions of the same bracket (each reopened since), oldest first. */
  earlier: z.array(resolutionEntrySchema).optional(),
});
export type BracketResolution = z.infer<typeof bracketResolutionSchema>;

/**
 * Computes the resolution of a bracket: the transaction that replaces the bracket with the chosen
 * option's content (nested brackets inside it stay open), and the record to log. Pure.
 */
export function resolveBracket(
  state: EditorState,
  input: { bracketId: string; optionId: string },
  options: WriteOptions,
): Result<{ tr: Transaction; resolution: BracketResolution }> {
  const bracket = findBracket(state.doc, input.bracketId);
  if (!bracket)
    return err("unknownBracket", `There is no bracket "${input.bracketId}" in the text.`);
  const actor = actorSchema.safeParse(options.actor);
  if (!actor.success) return err("invalid", "Who made this change is missing or invalid.");
  let chosen: PMNode | null = null;
  const all: BracketResolution["options"] = [];
  bracket.node.forEach((option) => {
    const attrs = readOptionAttrs(option.attrs);
    const optionId = attrs.optionId.valid
      ? attrs.optionId.value
      : String(option.attrs[ATTR.optionId]);
    all.push({
      optionId,
      text: plainText(option.toJSON()),
      proposedBy: attrs.proposedBy.valid ? attrs.proposedBy.value : null,
      supportedBy: attrs.supportedBy.valid ? attrs.supportedBy.value : [],
      opposedBy: attrs.opposedBy.valid ? attrs.opposedBy.value : [],
    });
    if (option.attrs[ATTR.optionId] === input.optionId) chosen = option;
  });
  const picked = chosen as PMNode | null;
  if (!picked) {
    return err("unknownOption", `Bracket "${input.bracketId}" has no option "${input.optionId}".`);
  }
  const $pos = state.doc.resolve(bracket.pos);
  let termId: string | null = null;
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === NODE.term) {
      const id: unknown = node.attrs[ATTR.termId];
      termId = isId(id) ? id : null;
      break;
    }
  }
  const end = bracket.pos + bracket.node.nodeSize;
  const around = inlineChars(state.doc, $pos.start(), $pos.end());
  const place = {
    before: around.text
      .slice(
        0,
        around.positions.findIndex((p) => p >= bracket.pos),
      )
      .slice(-PLACE_CONTEXT),
    chosen: inlineChars(state.doc, bracket.pos, end, picked).text,
    after: around.text.slice(firstAtOrAfter(around.positions, end)).slice(0, PLACE_CONTEXT),
  };
  if (around.positions.every((p) => p < bracket.pos))
    place.before = around.text.slice(-PLACE_CONTEXT);
  const tr =
    picked.content.size === 0
      ? state.tr.delete(bracket.pos, end)
      : state.tr.replaceWith(bracket.pos, end, picked.content);
  const record = all.find((o) => o.optionId === input.optionId);
  const resolution: BracketResolution = {
    bracketId: input.bracketId,
    optionId: input.optionId,
    text: record?.text ?? "",
    proposedBy: record?.proposedBy ?? null,
    options: all,
    termId,
    ...attribution({ ...options, actor: actor.data }),
    place,
  };
  return ok({ tr, resolution });
}

/** Something that holds an editor state and applies transactions: `editor.view` in Tiptap. */
export interface TransactionTarget {
  readonly state: EditorState;
  dispatch(tr: Transaction): void;
}

/**
 * Resolves a bracket in the editor and logs the resolution in the framework room. Validates
 * everything first: a refused resolution changes neither the text nor the log.
 */
export function applyBracketResolution(
  target: TransactionTarget,
  framework: Y.Doc,
  input: { bracketId: string; optionId: string },
  options: WriteOptions,
): Result<BracketResolution> {
  const result = resolveBracket(target.state, input, options);
  if (!result.ok) return result;
  const resolution: BracketResolution = { ...result.value.resolution };
  // A bracket resolved before (and reopened since) keeps its earlier resolutions.
  const previous = bracketResolutionSchema.safeParse(
    resolutionsMap(framework).get(input.bracketId),
  );
  if (previous.success) {
    const { earlier, ...entry } = previous.data;
    resolution.earlier = [...(earlier ?? []), entry];
  }
  // One Yjs transaction, so one update: the server sees the record with the bracket's removal.
  framework.transact(() => {
    target.dispatch(result.value.tr);
    resolutionsMap(framework).set(input.bracketId, resolution);
  });
  return ok(resolution);
}

/**
 * Puts a resolved bracket back in the text, with its options (the chosen one's current content,
 * the others' recorded text), proposers and recorded positions, and marks its resolution record
 * reopened (the record and its earlier resolutions stay: the bracket's history). The chosen text
 * is found where the bracket stood (the text around it as recorded); if it was edited since, the
 * bracket cannot be put back automatically.
 */
export function reopenBracket(
  target: TransactionTarget,
  framework: Y.Doc,
  input: { bracketId: string },
  options: WriteOptions,
): Result<BracketResolution> {
  const parsed = bracketResolutionSchema.safeParse(resolutionsMap(framework).get(input.bracketId));
  if (!parsed.success) {
    return err(
      "unknownBracket",
      `There is no resolution of bracket "${input.bracketId}" to reopen.`,
    );
  }
  const record = parsed.data;
  const { state } = target;
  if (findBracket(state.doc, input.bracketId)) {
    return err("notAllowed", "This bracket is already open in the text.");
  }
  if (!record.place) {
    return err(
      "notAllowed",
      "This resolution did not record where the bracket stood: reopen it by hand.",
    );
  }
  const actor = actorSchema.safeParse(options.actor);
  if (!actor.success) return err("invalid", "Who made this change is missing or invalid.");
  const range = locatePlace(state.doc, record.place, record.termId);
  if (!range) {
    return err(
      "notAllowed",
      "The chosen wording was edited since it was resolved: the bracket cannot be put back automatically.",
    );
  }
  if (!state.doc.resolve(range.from).sameParent(state.doc.resolve(range.to))) {
    return err(
      "notAllowed",
      "The chosen wording now spans other brackets: the bracket cannot be put back automatically.",
    );
  }
  const bracketType = state.schema.nodes[NODE.bracket];
  const optionType = state.schema.nodes[NODE.bracketOption];
  if (!bracketType || !optionType) {
    return err("invalid", "This editor has no brackets: use documentExtensions().");
  }
  const chosenContent = state.doc.slice(range.from, range.to).content;
  const optionNodes = record.options.map((option) =>
    optionType.create(
      {
        [ATTR.optionId]: option.optionId,
        [ATTR.proposedBy]: option.proposedBy,
        [ATTR.supportedBy]: option.supportedBy ?? [],
        [ATTR.opposedBy]: option.opposedBy ?? [],
      },
      option.optionId === record.optionId
        ? chosenContent
        : option.text === ""
          ? null
          : state.schema.text(option.text),
    ),
  );
  const bracket = bracketType.create({ [ATTR.bracketId]: input.bracketId }, optionNodes);
  const tr = state.tr.replaceWith(range.from, range.to, bracket);
  const reopened: BracketResolution = {
    ...record,
    reopened: attribution({ ...options, actor: actor.data }),
  };
  framework.transact(() => {
    target.dispatch(tr);
    resolutionsMap(framework).set(input.bracketId, reopened);
  });
  return ok(reopened);
}

/** How many characters of text around a resolved bracket its record keeps to find it again. */
const PLACE_CONTEXT = 40;

/**
 * The characters of the inline text between `from` and `to` (nested brackets' text included) and
 * the document position of each; `within`, when given, limits it to that node's content.
 */
function inlineChars(
  doc: PMNode,
  from: number,
  to: number,
  within?: PMNode,
): { text: string; positions: number[] } {
  let text = "";
  const positions: number[] = [];
  const collect = (node: PMNode, pos: number) => {
    if (!node.isText || !node.text) return true;
    for (let i = 0; i < node.text.length; i++) {
      text += node.text[i];
      positions.push(pos + i);
    }
    return false;
  };
  if (within) within.descendants((node, pos) => collect(node, pos));
  else doc.nodesBetween(from, to, (node, pos) => collect(node, pos));
  return { text, positions };
}

function firstAtOrAfter(positions: readonly number[], pos: number): number {
  const index = positions.findIndex((p) => p >= pos);
  return index === -1 ? positions.length : index;
}

/** Where the recorded place is now: the chosen text between its recorded neighbours. */
function locatePlace(
  doc: PMNode,
  place: { before: string; chosen: string; after: string },
  termId: string | null,
): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  const search = (node: PMNode, pos: number) => {
    if (found) return false;
    if (!node.inlineContent) return true;
    const start = pos + 1;
    const chars = inlineChars(doc, start, start + node.content.size);
    const needle = place.before + place.chosen + place.after;
    const at = chars.text.indexOf(needle);
    if (at === -1) return true;
    const first = at + place.before.length;
    const last = first + place.chosen.length;
    const from =
      first < chars.positions.length
        ? (chars.positions[first] ?? start)
        : start + node.content.size;
    const to = place.chosen.length === 0 ? from : (chars.positions[last - 1] ?? from) + 1;
    // An empty chosen text sits right after the text before it.
    const emptyFrom =
      place.chosen.length === 0 && first > 0 ? (chars.positions[first - 1] ?? start) + 1 : from;
    found = place.chosen.length === 0 ? { from: emptyFrom, to: emptyFrom } : { from, to };
    return false;
  };
  // Within the bracket's term when it was in one (and the term is still there).
  let scope: { node: PMNode; start: number } = { node: doc, start: 0 };
  if (termId !== null) {
    doc.descendants((node, pos) => {
      if (node.type.name === NODE.term && node.attrs[ATTR.termId] === termId) {
        scope = { node, start: pos + 1 };
      }
      return scope.node === doc;
    });
  }
  scope.node.descendants((node, pos) => search(node, scope.start + pos));
  return found;
}

/** Every logged resolution, valid or marked invalid, keyed by bracketId. Never throws. */
export function readResolutions(framework: Y.Doc): Map<string, Checked<BracketResolution>> {
  const out = new Map<string, Checked<BracketResolution>>();
  resolutionsMap(framework).forEach((raw, id) => {
    out.set(id, checked(bracketResolutionSchema, raw, `resolution of ${id}`));
  });
  return out;
}
