/**
 * Colours each bracket option after the party that proposed it and says who on hover, as
 * ProseMirror node decorations (nothing is written to the document). The parties come in through
 * `setDecorationParties`, dispatched by the framework provider whenever they change.
 */
import { readOptionAttrs } from "@parley/shared/model/bracket";
import type { Party } from "@parley/shared/model/party";
import { NODE } from "@parley/shared/schema/nodeNames";
import { type PerBlock, perBlock } from "@parley/shared/schema/perBlock";
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { partyNameOf } from "../framework/presentation.js";

export const partyDecorationsKey = new PluginKey<DecorationState>("parleyPartyDecorations");

interface DecorationState {
  parties: readonly Party[];
  decorations: DecorationSet;
  /** Reads each block's options for these parties; kept while they stay (blocks read once). */
  options: PerBlock<readonly OptionDecoration[]>;
}

/** The DOM attributes of one option: tint, proposer label and hover text. Pure. */
export function optionDecorationAttrs(
  attrs: Record<string, unknown>,
  parties: readonly Party[],
): Record<string, string> {
  const read = readOptionAttrs(attrs);
  if (!read.proposedBy.valid) {
    return {
      class: "bracket-option-invalid",
      title: `Proposed by: ${read.proposedBy.message}`,
      "data-proposer": "invalid",
    };
  }
  const id = read.proposedBy.value;
  const party = id === null ? undefined : parties.find((p) => p.id === id);
  const names = (list: typeof read.supportedBy) =>
    list.valid ? list.value.map((p) => partyNameOf(p, parties)).join(", ") : list.message;
  const lines = [`Proposed by ${id === null ? "no party" : partyNameOf(id, parties)}`];
  if (!read.supportedBy.valid || read.supportedBy.value.length > 0)
    lines.push(`Supported by ${names(read.supportedBy)}`);
  if (!read.opposedBy.valid || read.opposedBy.value.length > 0)
    lines.push(`Opposed by ${names(read.opposedBy)}`);
  const out: Record<string, string> = {
    title: lines.join("\n"),
    "data-proposer": party ? party.shortName : id === null ? "" : "unknown",
  };
  if (party) out.style = `--party: ${party.colour}`;
  else if (id !== null) out.class = "bracket-option-invalid";
  return out;
}

interface OptionDecoration {
  /** From the start of its top-level block's content. */
  offset: number;
  size: number;
  attrs: Record<string, string>;
}

function blockOptions(block: PMNode, parties: readonly Party[]): OptionDecoration[] {
  const found: OptionDecoration[] = [];
  block.descendants((node, pos) => {
    if (node.type.name === NODE.bracketOption) {
      found.push({
        offset: pos,
        size: node.nodeSize,
        attrs: optionDecorationAttrs(node.attrs, parties),
      });
    }
    return node.isBlock || node.type.name === NODE.bracket || node.type.name === NODE.bracketOption;
  });
  return found;
}

/** The options' decorations of each top-level block, for one list of parties. */
function optionsPass(parties: readonly Party[]): PerBlock<readonly OptionDecoration[]> {
  return perBlock((block) => (block.isLeaf ? [] : blockOptions(block, parties)));
}

function build(doc: PMNode, options: PerBlock<readonly OptionDecoration[]>): DecorationSet {
  const decorations: Decoration[] = [];
  options(doc, (found, start) => {
    for (const option of found) {
      const from = start + option.offset;
      decorations.push(Decoration.node(from, from + option.size, option.attrs));
    }
  });
  return DecorationSet.create(doc, decorations);
}

/** A transaction that hands the decorations a new list of parties. */
export function setDecorationParties(tr: Transaction, parties: readonly Party[]): Transaction {
  return tr.setMeta(partyDecorationsKey, parties).setMeta("addToHistory", false);
}

export const PartyDecorations = Extension.create({
  name: "partyDecorations",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationState>({
        key: partyDecorationsKey,
        state: {
          init: (_config, state) => {
            const options = optionsPass([]);
            return { parties: [], options, decorations: build(state.doc, options) };
          },
          apply(tr, value, _old, state) {
            const parties: readonly Party[] | undefined = tr.getMeta(partyDecorationsKey);
            if (parties) {
              const options = optionsPass(parties);
              return { parties, options, decorations: build(state.doc, options) };
            }
            if (tr.docChanged) return { ...value, decorations: build(state.doc, value.options) };
            return value;
          },
        },
        props: {
          decorations: (state) => partyDecorationsKey.getState(state)?.decorations ?? null,
        },
      }),
    ];
  },
});
