/**
 * What the bracket panel shows for the current selection: the brackets around it (innermost
 * first, so a nested bracket comes before the one that holds it), each with its options. Pure over
 * an editor state.
 */
import { type OptionAttrs, readBracketAttrs, readOptionAttrs } from "@parley/shared/model/bracket";
import { plainText } from "@parley/shared/model/documentJson";
import { isId } from "@parley/shared/model/ids";
import { ATTR, NODE } from "@parley/shared/schema/nodeNames";
import type { Node as PMNode } from "@tiptap/pm/model";
import { type EditorState, NodeSelection } from "@tiptap/pm/state";

export interface OptionSummary {
  /** The stored id, or null when it is missing or malformed. */
  optionId: string | null;
  text: string;
  attrs: OptionAttrs;
  /** Parties recorded on brackets nested in this option (proposed, supported or opposed). */
  nestedParties: string[];
}

/** Every party recorded on a bracket option inside `option` (not on `option` itself). */
function nestedPartiesOf(option: PMNode): string[] {
  const parties = new Set<string>();
  option.descendants((node) => {
    if (node.type.name !== NODE.bracketOption) return true;
    const attrs = readOptionAttrs(node.attrs);
    if (attrs.proposedBy.valid && attrs.proposedBy.value !== null) {
      parties.add(attrs.proposedBy.value);
    }
    for (const list of [attrs.supportedBy, attrs.opposedBy]) {
      if (list.valid) for (const party of list.value) parties.add(party);
    }
    return true;
  });
  return [...parties].sort();
}

export interface BracketSummary {
  bracketId: string | null;
  /** The term that holds the bracket, if any. */
  termId: string | null;
  /** How many brackets hold this one (0 for a top-level bracket). */
  depth: number;
  options: OptionSummary[];
}

function summarise(node: PMNode, termId: string | null, depth: number): BracketSummary {
  const id = readBracketAttrs(node.attrs).bracketId;
  const options: OptionSummary[] = [];
  node.forEach((option) => {
    const attrs = readOptionAttrs(option.attrs);
    options.push({
      optionId: attrs.optionId.valid ? attrs.optionId.value : null,
      text: plainText(option.toJSON()),
      attrs,
      nestedParties: nestedPartiesOf(option),
    });
  });
  return { bracketId: id.valid ? id.value : null, termId, depth, options };
}

/** The brackets that contain the selection's start (or are selected), innermost first. */
export function bracketsAtSelection(state: EditorState): BracketSummary[] {
  const { selection } = state;
  const $from = selection.$from;
  const chain: PMNode[] = [];
  let termId: string | null = null;
  for (let depth = 0; depth <= $from.depth; depth++) {
    const node = $from.node(depth);
    if (node.type.name === NODE.bracket) chain.push(node);
    if (node.type.name === NODE.term) {
      const id: unknown = node.attrs[ATTR.termId];
      termId = isId(id) ? id : null;
    }
  }
  if (selection instanceof NodeSelection && selection.node.type.name === NODE.bracket) {
    chain.push(selection.node);
  }
  return chain.map((node, index) => summarise(node, termId, index)).reverse();
}

/** A stable text key of the summaries, for `useEditorState` equality. */
export function bracketsKey(brackets: readonly BracketSummary[]): string {
  return JSON.stringify(brackets);
}
