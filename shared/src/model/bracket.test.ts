import { getSchema } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentExtensions } from "../schema/extensions.js";
import {
  ACTOR,
  bracket,
  doc,
  NOW,
  option,
  PARTIES,
  p,
  t,
  term,
} from "../test/frameworkFixtures.js";
import {
  addBracketOption,
  applyBracketResolution,
  bracketRange,
  findBracket,
  readOptionAttrs,
  readResolutions,
  removeBracketOption,
  resolveBracket,
  setOptionPosition,
} from "./bracket.js";
import { plainText } from "./documentJson.js";

const schema = getSchema(documentExtensions());
const ctx = { parties: PARTIES };

function stateOf(json = doc(term("t-1", [p(t("The Party shall act."))]))): EditorState {
  return EditorState.create({ schema, doc: schema.nodeFromJSON(json) });
}

function apply(
  state: EditorState,
  result: { ok: true; value: Transaction } | { ok: false; error: { message: string } },
): EditorState {
  if (!result.ok) throw new Error(result.error.message);
  const next = state.apply(result.value);
  next.doc.check();
  return next;
}

/** Position of the first occurrence of `text` in the doc. */
function find(state: EditorState, text: string): number {
  let at = -1;
  state.doc.descendants((node: PMNode, pos: number) => {
    if (at >= 0) return false;
    if (node.isText && node.text?.includes(text)) at = pos + (node.text.indexOf(text) ?? 0);
    return true;
  });
  if (at < 0) throw new Error(`no "${text}"`);
  return at;
}

function onlyBracket(state: EditorState): PMNode {
  let found: PMNode | null = null;
  state.doc.descendants((n) => {
    if (!found && n.type.name === "bracket") found = n;
    return true;
  });
  if (!found) throw new Error("no bracket");
  return found;
}

describe("bracketing a span", () => {
  it("makes the span option 1 and the alternative option 2", () => {
    let state = stateOf();
    const from = find(state, "shall");
    state = apply(
      state,
      bracketRange(
        state,
        {
          from,
          to: from + 5,
          proposedBy: "party-a",
          alternative: "should",
          alternativeProposedBy: "party-b",
        },
        ctx,
      ),
    );
    const b = onlyBracket(state);
    expect(b.childCount).toBe(2);
    expect(b.child(0).textContent).toBe("shall");
    expect(b.child(1).textContent).toBe("should");
    expect(readOptionAttrs(b.child(0).attrs).proposedBy).toEqual({ valid: true, value: "party-a" });
    expect(plainText(state.doc.toJSON())).toBe("The Party [shall / should] act.");
  });

  it("keeps marks of the bracketed text", () => {
    let state = stateOf(doc(p(t("bold", [{ type: "bold" }]), t(" plain"))));
    state = apply(state, bracketRange(state, { from: 1, to: 5, proposedBy: null }, ctx));
    expect(
      onlyBracket(state)
        .child(0)
        .firstChild?.marks.map((m) => m.type.name),
    ).toEqual(["bold"]);
    expect(onlyBracket(state).child(1).childCount).toBe(0);
  });

  it("refuses an empty span, a span across paragraphs, and unknown or removed proposers, changing nothing", () => {
    const state = stateOf(doc(p(t("one")), p(t("two"))));
    expect(bracketRange(state, { from: 2, to: 2, proposedBy: null }, ctx)).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(bracketRange(state, { from: 2, to: 7, proposedBy: null }, ctx)).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    const unknown = bracketRange(state, { from: 1, to: 3, proposedBy: "nobody" }, ctx);
    expect(unknown).toMatchObject({ ok: false, error: { code: "unknownParty" } });
    if (!unknown.ok) expect(unknown.error.message).toContain('Unknown party "nobody"');
    expect(bracketRange(state, { from: 1, to: 3, proposedBy: "gone" }, ctx)).toMatchObject({
      ok: false,
      error: { code: "removedParty" },
    });
  });

  it("nests: bracketing text inside an option makes an inner bracket", () => {
    let state = stateOf(doc(p(t("within 30 days"))));
    state = apply(
      state,
      bracketRange(state, { from: 1, to: 15, proposedBy: "party-a", alternative: "promptly" }, ctx),
    );
    const from = find(state, "30");
    state = apply(
      state,
      bracketRange(state, { from, to: from + 2, proposedBy: "party-a", alternative: "90" }, ctx),
    );
    expect(plainText(state.doc.toJSON())).toBe("[within [30 / 90] days / promptly]");
  });
});

describe("options and positions", () => {
  const base = () =>
    stateOf(
      doc(
        p(
          t("A "),
          bracket("b-1", [
            option("o-1", [t("shall")], { proposedBy: "party-a" }),
            option("o-2", [t("should")]),
          ]),
        ),
      ),
    );

  it("adds an option and removes one, keeping at least two", () => {
    let state = base();
    state = apply(
      state,
      addBracketOption(state, { bracketId: "b-1", text: "may", proposedBy: "party-b" }, ctx),
    );
    expect(plainText(state.doc.toJSON())).toBe("A [shall / should / may]");
    const added = onlyBracket(state).child(2);
    const addedId = String(added.attrs.optionId);
    expect(addedId).toMatch(/^o-/);
    state = apply(state, removeBracketOption(state, { optionId: addedId }));
    expect(removeBracketOption(state, { optionId: "o-2" })).toMatchObject({
      ok: false,
      error: { code: "notAllowed" },
    });
    expect(
      addBracketOption(state, { bracketId: "b-9", text: "x", proposedBy: null }, ctx),
    ).toMatchObject({ ok: false, error: { code: "unknownBracket" } });
  });

  it("records support and opposition, one position per party", () => {
    let state = base();
    state = apply(
      state,
      setOptionPosition(state, { optionId: "o-2", partyId: "party-b", position: "support" }, ctx),
    );
    state = apply(
      state,
      setOptionPosition(state, { optionId: "o-2", partyId: "party-a", position: "oppose" }, ctx),
    );
    let attrs = readOptionAttrs(onlyBracket(state).child(1).attrs);
    expect(attrs.supportedBy).toEqual({ valid: true, value: ["party-b"] });
    expect(attrs.opposedBy).toEqual({ valid: true, value: ["party-a"] });
    state = apply(
      state,
      setOptionPosition(state, { optionId: "o-2", partyId: "party-b", position: "oppose" }, ctx),
    );
    attrs = readOptionAttrs(onlyBracket(state).child(1).attrs);
    expect(attrs.supportedBy).toEqual({ valid: true, value: [] });
    expect(attrs.opposedBy).toEqual({ valid: true, value: ["party-a", "party-b"] });
    expect(
      setOptionPosition(state, { optionId: "o-1", partyId: "party-a", position: "oppose" }, ctx),
    ).toMatchObject({ ok: false, error: { code: "notAllowed" } });
    expect(
      setOptionPosition(state, { optionId: "o-1", partyId: "gone", position: "support" }, ctx),
    ).toMatchObject({ ok: false, error: { code: "removedParty" } });
    expect(
      setOptionPosition(state, { optionId: "o-1", partyId: "zzz", position: "support" }, ctx),
    ).toMatchObject({ ok: false, error: { code: "unknownParty" } });
  });
});

describe("resolving", () => {
  const nested = () =>
    stateOf(
      doc(
        term("t-7", [
          p(
            t("Report every "),
            bracket("b-out", [
              option(
                "o-a",
                [
                  t("month, "),
                  bracket("b-in", [option("o-x", [t("in writing")]), option("o-y", [t("orally")])]),
                ],
                { proposedBy: "party-a" },
              ),
              option("o-b", [t("quarter")], { proposedBy: "party-b" }),
            ]),
            t("."),
          ),
        ]),
      ),
    );

  it("replaces the bracket with the chosen option and keeps inner brackets open", () => {
    const state = nested();
    const r = resolveBracket(
      state,
      { bracketId: "b-out", optionId: "o-a" },
      { actor: ACTOR, now: NOW },
    );
    if (!r.ok) throw new Error(r.error.message);
    const next = state.apply(r.value.tr);
    next.doc.check();
    expect(plainText(next.doc.toJSON())).toBe("Report every month, [in writing / orally].");
    expect(findBracket(next.doc, "b-out")).toBeNull();
    expect(findBracket(next.doc, "b-in")).not.toBeNull();
    expect(r.value.resolution).toMatchObject({
      bracketId: "b-out",
      optionId: "o-a",
      proposedBy: "party-a",
      termId: "t-7",
      by: ACTOR,
      at: NOW.toISOString(),
    });
    expect(r.value.resolution.options.map((o) => o.optionId)).toEqual(["o-a", "o-b"]);
  });

  it("resolves an inner bracket, then the outer one, down to clean text", () => {
    let state = nested();
    const inner = resolveBracket(state, { bracketId: "b-in", optionId: "o-y" }, { actor: ACTOR });
    if (!inner.ok) throw new Error(inner.error.message);
    state = state.apply(inner.value.tr);
    expect(plainText(state.doc.toJSON())).toBe("Report every [month, orally / quarter].");
    const outer = resolveBracket(state, { bracketId: "b-out", optionId: "o-a" }, { actor: ACTOR });
    if (!outer.ok) throw new Error(outer.error.message);
    state = state.apply(outer.value.tr);
    state.doc.check();
    expect(plainText(state.doc.toJSON())).toBe("Report every month, orally.");
    expect(outer.value.resolution.text).toBe("month, orally");
  });

  it("resolving to an empty option deletes the text", () => {
    let state = stateOf(
      doc(p(t("a "), bracket("b-1", [option("o-1", [t("very ")]), option("o-2", [])]), t("b"))),
    );
    const r = resolveBracket(state, { bracketId: "b-1", optionId: "o-2" }, { actor: ACTOR });
    if (!r.ok) throw new Error(r.error.message);
    state = state.apply(r.value.tr);
    expect(plainText(state.doc.toJSON())).toBe("a b");
  });

  it("applies and logs a resolution in the framework room; a refused one changes neither", () => {
    const framework = new Y.Doc();
    let state = nested();
    const target = {
      get state() {
        return state;
      },
      dispatch: (tr: Transaction) => {
        state = state.apply(tr);
      },
    };
    const refused = applyBracketResolution(
      target,
      framework,
      { bracketId: "b-out", optionId: "o-zz" },
      { actor: ACTOR },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: "unknownOption" } });
    expect(readResolutions(framework).size).toBe(0);
    expect(findBracket(state.doc, "b-out")).not.toBeNull();
    const done = applyBracketResolution(
      target,
      framework,
      { bracketId: "b-out", optionId: "o-b" },
      { actor: ACTOR, now: NOW },
    );
    expect(done.ok).toBe(true);
    expect(plainText(state.doc.toJSON())).toBe("Report every quarter.");
    const logged = readResolutions(framework).get("b-out");
    expect(logged).toMatchObject({
      valid: true,
      value: { optionId: "o-b", text: "quarter", by: ACTOR },
    });
    expect(
      resolveBracket(state, { bracketId: "b-out", optionId: "o-b" }, { actor: ACTOR }),
    ).toMatchObject({ ok: false, error: { code: "unknownBracket" } });
  });

  it("a bracketed selection from a TextSelection works the same", () => {
    let state = stateOf();
    const from = find(state, "act");
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, from + 3)));
    const { from: f, to } = state.selection;
    state = apply(
      state,
      bracketRange(state, { from: f, to, proposedBy: "party-b", alternative: "refrain" }, ctx),
    );
    expect(plainText(state.doc.toJSON())).toBe("The Party shall [act / refrain].");
  });
});
