/**
 * Contested text: an inline `bracket` node holding two or more `bracketOption` nodes, each an
 * alternative wording (`[shall][should]`). Options hold inline content: text with marks and nested
 * brackets.
 *
 * `bracket` attributes: `bracketId` (stable id `b-…`).
 * `bracketOption` attributes: `optionId` (`o-…`), `proposedBy` (party id or null), `supportedBy`
 * and `opposedBy` (party id lists). Stored as-is; `readOptionAttrs` in `model/bracket.ts` checks
 * them on read, so a bad stored value still opens and is shown as invalid.
 * Note: `supportedBy`/`opposedBy` are whole-list attributes, so two drafters changing the same
 * option's lists at the same instant resolve last-writer-wins (the document still converges).
 *
 * Edit them with the pure operations of `model/bracket.ts`, not by hand.
 *
 * HTML: `<span data-type="bracket" data-bracket-id>` holding
 * `<span data-type="bracket-option" data-option-id data-proposed-by data-supported-by="a b"
 * data-opposed-by="c">`.
 */
import { mergeAttributes, Node } from "@tiptap/core";
import { ATTR, NODE } from "./nodeNames.js";

function idList(value: string | null): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

function listAttr(value: unknown): string | undefined {
  return Array.isArray(value) && value.length > 0 ? value.map(String).join(" ") : undefined;
}

export const Bracket = Node.create({
  name: NODE.bracket,
  group: "inline",
  inline: true,
  content: `${NODE.bracketOption}{2,}`,
  selectable: true,

  addAttributes() {
    return {
      [ATTR.bracketId]: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-bracket-id"),
        renderHTML: (attrs) =>
          attrs[ATTR.bracketId] == null ? {} : { "data-bracket-id": String(attrs[ATTR.bracketId]) },
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-type="bracket"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      "span",
      mergeAttributes({ "data-type": "bracket", class: "bracket" }, HTMLAttributes),
      0,
    ];
  },
});

export const BracketOption = Node.create({
  name: NODE.bracketOption,
  inline: true,
  content: "inline*",

  addAttributes() {
    return {
      [ATTR.optionId]: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-option-id"),
        renderHTML: (attrs) =>
          attrs[ATTR.optionId] == null ? {} : { "data-option-id": String(attrs[ATTR.optionId]) },
      },
      [ATTR.proposedBy]: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-proposed-by"),
        renderHTML: (attrs) =>
          attrs[ATTR.proposedBy] == null
            ? {}
            : { "data-proposed-by": String(attrs[ATTR.proposedBy]) },
      },
      [ATTR.supportedBy]: {
        default: [],
        parseHTML: (el) => idList(el.getAttribute("data-supported-by")),
        renderHTML: (attrs) => {
          const list = listAttr(attrs[ATTR.supportedBy]);
          return list === undefined ? {} : { "data-supported-by": list };
        },
      },
      [ATTR.opposedBy]: {
        default: [],
        parseHTML: (el) => idList(el.getAttribute("data-opposed-by")),
        renderHTML: (attrs) => {
          const list = listAttr(attrs[ATTR.opposedBy]);
          return list === undefined ? {} : { "data-opposed-by": list };
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-type="bracket-option"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      "span",
      mergeAttributes({ "data-type": "bracket-option", class: "bracket-option" }, HTMLAttributes),
      0,
    ];
  },
});

/**
 * View-only marker of an open bracket in the `clean` and `party:<id>` views (see `model/views.ts`).
 * Not part of `documentExtensions()`, so it can never be stored in a framework's text; render view
 * output with `viewExtensions()`.
 *
 * Attributes: `bracketId`; `reason`: `open` (clean view: the bracket is not resolved) or
 * `noPreference` (party view: the party neither proposed nor supports any option); `optionCount`.
 * HTML: `<span data-type="bracket-flag" data-reason="open">[…]</span>`.
 */
export const BracketFlag = Node.create({
  name: NODE.bracketFlag,
  group: "inline",
  inline: true,
  atom: true,

  addAttributes() {
    return {
      bracketId: { default: null },
      reason: { default: "open" },
      optionCount: { default: 2 },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-type="bracket-flag"]' }];
  },

  renderHTML({ HTMLAttributes, node }) {
    const open = node.attrs.reason !== "noPreference";
    return [
      "span",
      mergeAttributes({ "data-type": "bracket-flag", class: "bracket-flag" }, HTMLAttributes, {
        "data-reason": String(node.attrs.reason),
        title: open
          ? "Still in brackets: the first proposed wording is shown"
          : "No option this party proposed or supports",
      }),
      open ? "†" : "[no preference]",
    ];
  },

  renderText({ node }) {
    return node.attrs.reason === "noPreference" ? "[no preference]" : "†";
  },
});
