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
import { actorSchema, attribution, type WriteOptions } from "./actor.js";
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

export const bracketResolutionSchema = z.object({
  bracketId: z.string(),
  optionId: z.string(),
  /** Plain text of the chosen option (what the clean text now says). */
  text: z.string(),
  proposedBy: z.string().nullable(),
  /** Every option the bracket had, chosen one included, for the record. */
  options: z.array(
    z.object({ optionId: z.string(), text: z.string(), proposedBy: z.string().nullable() }),
  ),
  /** The term the bracket was in, if any. */
  termId: z.string().nullable(),
  by: actorSchema,
  at: z.string(),
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
  target.dispatch(result.value.tr);
  resolutionsMap(framework).set(input.bracketId, result.value.resolution);
  return ok(result.value.resolution);
}

/** Every logged resolution, valid or marked invalid, keyed by bracketId. Never throws. */
export function readResolutions(framework: Y.Doc): Map<string, Checked<BracketResolution>> {
  const out = new Map<string, Checked<BracketResolution>>();
  resolutionsMap(framework).forEach((raw, id) => {
    out.set(id, checked(bracketResolutionSchema, raw, `resolution of ${id}`));
  });
  return out;
}
