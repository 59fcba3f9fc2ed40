/**
 * Test-only: a framework text that exercises every part of the export (ProseMirror JSON in the
 * export schema), with hostile and non-ASCII user text, and the comment threads anchored on it.
 */
import type { JSONContent } from "@tiptap/core";
import type { CommentThreadInput } from "../../export/comments.js";
import type { Party } from "../../model/party.js";
import { TEMPLATE_PARTIES } from "../../templates/phasedReciprocal.js";

export const NON_ASCII_TITLE = "Tehran–Washington «verification» ✓";
export const ARABIC = "التحقق";
export const CYRILLIC = "проверка";
export const HOSTILE_SCRIPT = "<script>alert('x')</script>";
export const HOSTILE_IMG = '<img src=x onerror="alert(1)">';
export const MARKDOWN_LINK = "[click](javascript:alert(1))";

const text = (value: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const para = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const heading = (level: number, value: string): JSONContent => ({
  type: "heading",
  attrs: { level },
  content: [text(value)],
});
const option = (id: string, proposedBy: string | null, content: JSONContent[]): JSONContent => ({
  type: "bracketOption",
  attrs: { optionId: id, proposedBy, supportedBy: [], opposedBy: [] },
  content,
});
const bracket = (id: string, options: JSONContent[]): JSONContent => ({
  type: "bracket",
  attrs: { bracketId: id },
  content: options,
});
const term = (id: string, category: string, content: JSONContent[]): JSONContent => ({
  type: "term",
  attrs: { termId: id, category },
  content,
});
const comment = (threadId: string) => ({ type: "comment", attrs: { threadId } });
const cell = (type: "tableCell" | "tableHeader", value: string): JSONContent => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content: [para(text(value))],
});

/** The template's two delegations (not its mediator). */
export const FIXTURE_PARTIES: Party[] = TEMPLATE_PARTIES.slice(0, 2);

/** Term ids in document order, with the labels the editor shows. */
export const FIXTURE_TERMS = [
  { termId: "t-lead", label: "Art. 1" },
  { termId: "t-one", label: "Art. 1.1" },
  { termId: "t-two", label: "Art. 1.2" },
  { termId: "t-three", label: "Art. 2.1" },
] as const;

export const FIXTURE_DOC: JSONContent = {
  type: "doc",
  content: [
    heading(1, NON_ASCII_TITLE),
    para(
      text(
        `Preamble with ${HOSTILE_SCRIPT} and ${HOSTILE_IMG} and ${MARKDOWN_LINK} typed by a user.`,
      ),
    ),
    term("t-lead", "general", [para(text("A term before the first section."))]),
    heading(2, "Verification"),
    term("t-one", "verification", [
      para(
        text("The Agency "),
        bracket("b-1", [
          option("o-1", "party-a", [text("shall")]),
          option("o-2", "party-b", [text("should")]),
        ]),
        text(" verify ", [{ type: "bold" }]),
        text(`${ARABIC} and ${CYRILLIC}`, [comment("th-open")]),
        text(" at every site.", [comment("th-open"), { type: "italic" }]),
      ),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [para(text("Declared sites"))] },
          { type: "listItem", content: [para(text("Undeclared sites"))] },
        ],
      },
    ]),
    term("t-two", "verification", [
      para(
        text("Reports go to "),
        bracket("b-2", [
          option("o-3", "party-a", [
            text("both Parties and the Mediator within the agreed period of thirty days"),
          ]),
          option("o-4", null, [text("the Parties")]),
        ]),
        text(" — see "),
        text("the agency", [{ type: "link", attrs: { href: "https://example.org/agency" } }]),
        text(" and "),
        text("this", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
        text("."),
      ),
    ]),
    heading(2, "Schedule"),
    term("t-three", "sequencing", [
      {
        type: "orderedList",
        attrs: { start: 1 },
        content: [
          { type: "listItem", content: [para(text("First phase", [comment("th-resolved")]))] },
          { type: "listItem", content: [para(text("Second phase"))] },
        ],
      },
    ]),
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [cell("tableHeader", "Phase"), cell("tableHeader", "Duration")],
        },
        {
          type: "tableRow",
          content: [cell("tableCell", "One"), cell("tableCell", "90 days | 3 months")],
        },
      ],
    },
  ],
};

export const FIXTURE_THREADS: CommentThreadInput[] = [
  {
    threadId: "th-open",
    resolved: false,
    messages: [
      {
        by: { name: "Leila Karimi", party: "party-a" },
        at: "2026-11-20T09:30:00.000Z",
        body: `Check the ${ARABIC} wording ${HOSTILE_SCRIPT}`,
      },
      {
        by: { name: "Ivan Petrov", party: "party-b" },
        at: "2026-11-20T10:00:00.000Z",
        body: `Agreed: ${CYRILLIC}.`,
      },
    ],
    proposedWording: "verify all sites",
  },
  {
    threadId: "th-resolved",
    resolved: true,
    messages: [
      {
        by: { name: "Anna Weber", party: null },
        at: "2026-11-20T09:00:00.000Z",
        body: "Done.",
      },
    ],
  },
  {
    threadId: "th-orphan",
    resolved: false,
    messages: [
      {
        by: { name: "Anna Weber", party: null },
        at: "2026-11-21T09:00:00.000Z",
        body: "On deleted text.",
      },
    ],
  },
];
