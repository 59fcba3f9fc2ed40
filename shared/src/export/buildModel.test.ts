import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFragment, partiesMap, termStatusMap } from "../model/maps.js";
import { addStep } from "../sequencing/records.js";
import {
  FIXTURE_PARTIES,
  FIXTURE_TERMS,
  FIXTURE_THREADS,
  NON_ASCII_TITLE,
} from "../test/export/fixtures.js";
import { ALL_ON, fixtureModel } from "../test/export/source.js";
import {
  writeFixture,
  writeFixtureSequencing,
  writeFixtureThreads,
} from "../test/export/writeFixture.js";
import { buildExportModel } from "./buildModel.js";
import { exportSchema } from "./fromYDoc.js";
import { inlineText } from "./inline.js";
import type { Block, Inline, TermBlock } from "./model.js";
import { readExportSource } from "./source.js";
import { threadsFromDiscussion } from "./threads.js";
import { blockRuns } from "./walk.js";

function terms(blocks: readonly Block[]): TermBlock[] {
  return blocks.filter((b): b is TermBlock => b.kind === "term");
}

function inlinesOf(block: Block | undefined): Inline[] {
  return block?.kind === "paragraph" ? block.content : [];
}

describe("buildExportModel", () => {
  it("takes the title from the leading level-1 heading and numbers the articles like the editor", () => {
    const model = fixtureModel();
    expect(model.title).toBe(NON_ASCII_TITLE);
    expect(model.body[0]?.kind).toBe("paragraph");
    expect(terms(model.body).map((t) => [t.termId, t.label])).toEqual(
      FIXTURE_TERMS.map((t) => [t.termId, t.label]),
    );
    const byId = new Map(terms(model.body).map((t) => [t.termId, t]));
    expect(byId.get("t-one")?.status).toBe("Agreed ad referendum");
    expect(byId.get("t-two")?.status).toBe("Proposed");
    expect(model.designation).toBe("Working draft");
  });

  it("keeps brackets with every option and its proposer, labelling long options", () => {
    const [, one, two] = terms(fixtureModel().body);
    const b1 = inlinesOf(one?.blocks[0]).find((i) => i.kind === "bracket");
    expect(b1).toMatchObject({ kind: "bracket", labelled: false });
    if (b1?.kind !== "bracket") throw new Error("no bracket");
    expect(b1.options.map((o) => [inlineText(o.content), o.proposer])).toEqual([
      ["shall", "FP"],
      ["should", "SP"],
    ]);
    const b2 = inlinesOf(two?.blocks[0]).find((i) => i.kind === "bracket");
    expect(b2).toMatchObject({ kind: "bracket", labelled: true });
    if (b2?.kind !== "bracket") throw new Error("no bracket");
    expect(b2.options.map((o) => o.proposer)).toEqual(["FP", null]);
  });

  it("clean text shows the first option of each open bracket, flagged, and hides statuses", () => {
    const model = fixtureModel({ text: "clean" });
    const [, one] = terms(model.body);
    const open = inlinesOf(one?.blocks[0]).filter((i) => i.kind === "openBracket");
    expect(open).toHaveLength(1);
    expect(inlineText(open)).toBe("shall");
    expect(open[0]).toMatchObject({ optionCount: 2 });
    expect(terms(model.body).every((t) => t.status === null)).toBe(true);
    expect(model.notes.join(" ")).toContain("2 passages marked † are still in brackets");
    expect(model.designation).toBe("Clean text");
  });

  it("non-paper mode strips proposers and comment author names", () => {
    const model = fixtureModel({ nonPaper: true });
    expect(model.designation).toBe("Non-paper");
    const proposers: (string | null)[] = [];
    const visit = (inlines: readonly Inline[]) => {
      for (const i of inlines)
        if (i.kind === "bracket") for (const o of i.options) proposers.push(o.proposer);
    };
    for (const t of terms(model.body)) for (const b of t.blocks) visit(inlinesOf(b));
    expect(proposers.length).toBeGreaterThan(0);
    expect(proposers.every((p) => p === null)).toBe(true);
    const authors = model.comments.flatMap((c) => c.messages.map((m) => m.author));
    expect(new Set(authors)).toEqual(new Set(["Participant"]));
    expect(JSON.stringify(model)).not.toMatch(/Karimi|Petrov|Weber|"FP"|"SP"/);
  });

  it("exports open threads in order of appearance, with unanchored ones last; never resolved ones", () => {
    const model = fixtureModel();
    expect(model.comments.map((c) => [c.id, c.threadId, c.anchored])).toEqual([
      ["c1", "th-open", true],
      ["c2", "th-orphan", false],
    ]);
    expect(model.comments[0]?.messages.map((m) => m.author)).toEqual([
      "Leila Karimi (FP)",
      "Ivan Petrov (SP)",
    ]);
    const commented = [...blockRuns(model.body)].filter((r) => r.commentIds.length > 0);
    expect(commented.map((r) => r.text)).toEqual(["التحقق and проверка", " at every site."]);
    expect(fixtureModel({ comments: false }).comments).toEqual([]);
    expect(
      [...blockRuns(fixtureModel({ comments: false }).body)].every(
        (r) => r.commentIds.length === 0,
      ),
    ).toBe(true);
  });

  it("drops links that are not http(s) or mailto", () => {
    const runs = [...blockRuns(fixtureModel().body)];
    expect(runs.find((r) => r.text === "the agency")?.marks.link).toBe(
      "https://example.org/agency",
    );
    expect(runs.find((r) => r.text === "this")?.marks).toEqual({});
  });

  it("reads the same model from a Y.Doc (comment anchors survive the conversion) with annexes", () => {
    const doc = new Y.Doc();
    writeFixture(doc);
    const by = { name: "Mediator", party: null };
    termStatusMap(doc).set("t-one", {
      status: "agreed",
      by,
      at: "2026-11-20T09:00:00.000Z",
      history: [{ status: "agreed", by, at: "2026-11-20T09:00:00.000Z" }],
    });
    writeFixtureSequencing(doc, {
      termIds: ["t-one"],
      step: { actorPartyId: "party-a", action: "Opens the sites", termId: "t-one", offsetDays: 0 },
      verifier: { bodyName: "The Agency", verifies: "Access to the sites" },
    });

    const source = readExportSource({
      title: "Stored",
      updatedAt: "2026-11-24T16:45:00.000Z",
      framework: doc,
      threads: FIXTURE_THREADS,
    });
    const model = buildExportModel(source, ALL_ON);
    expect(model.title).toBe(NON_ASCII_TITLE);
    expect(model.version.text).toMatch(/^Draft of 24 November 2026, 16:45 UTC · rev [0-9a-f]{8}$/);
    expect(terms(model.body).find((t) => t.termId === "t-one")?.status).toBe("Agreed");
    expect(model.comments.map((c) => [c.threadId, c.anchored])).toEqual([
      ["th-open", true],
      ["th-orphan", false],
    ]);
    const [annex1, annex2] = model.annexes;
    expect(annex1?.label).toBe("Annex I");
    expect(annex1?.rows).toEqual([
      [
        "S1",
        "Phase 1",
        "First Party",
        "Opens the sites (Art. 1.1)",
        "taken on Adoption Day (15 January 2027)",
        "The Agency",
      ],
    ]);
    expect(annex2?.rows[0]).toEqual([
      "Joint Commission",
      "The Agency",
      "Access to the sites",
      "—",
      "—",
      "—",
      "S1",
    ]);
    expect(buildExportModel(source, { ...ALL_ON, annexes: false }).annexes).toEqual([]);
  });
});

describe("threadsFromDiscussion", () => {
  it("reads issue 7's threads (opening, replies, resolved, proposed wording) as export input", () => {
    const discussion = new Y.Doc();
    writeFixtureThreads(discussion);
    const threads = threadsFromDiscussion(discussion);
    expect(threads.map((t) => [t.threadId, t.resolved])).toEqual([
      ["th-resolved", true],
      ["th-open", false],
      ["th-orphan", false],
    ]);
    const open = threads.find((t) => t.threadId === "th-open");
    expect(open?.messages).toEqual(FIXTURE_THREADS[0]?.messages);
    expect(open?.proposedWording).toBe("verify all sites");
  });
});

describe("step references", () => {
  it("show the step's party and action, and its number in Annex I", () => {
    const doc = new Y.Doc();
    for (const party of FIXTURE_PARTIES) partiesMap(doc).set(party.id, party);
    const context = {
      parties: FIXTURE_PARTIES.map((p) => ({ id: p.id, name: p.name, role: p.role })),
      termIds: [],
    };
    const step = addStep(
      doc,
      { id: "s-1", actorPartyId: "party-b", action: "Lifts the listed measures" },
      { actor: { name: "M", party: null }, context },
    );
    if (!step.ok) throw new Error(step.error.message);
    const json = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "As in " },
            { type: "stepRef", attrs: { stepId: "s-1" } },
            { type: "stepRef", attrs: { stepId: "s-gone" } },
          ],
        },
      ],
    };
    prosemirrorJSONToYXmlFragment(exportSchema(), json, documentFragment(doc));
    const source = readExportSource({
      title: "T",
      updatedAt: "2026-11-24T16:45:00.000Z",
      framework: doc,
      threads: [],
    });
    const texts = (annexes: boolean) =>
      [...blockRuns(buildExportModel(source, { ...ALL_ON, annexes }).body)].map((r) => r.text);
    expect(texts(true)).toEqual([
      "As in ",
      "Second Party: Lifts the listed measures (step S1, Annex I)",
      "(deleted step)",
    ]);
    expect(texts(false)[1]).toBe("Second Party: Lifts the listed measures");
  });
});

describe("non-paper annexes", () => {
  it("name no party: actors, verifying bodies and guarantors become Party A, Party B", () => {
    const doc = new Y.Doc();
    writeFixture(doc);
    writeFixtureSequencing(doc, {
      termIds: ["t-one"],
      step: { actorPartyId: "party-a", action: "Opens the sites", termId: "t-one", offsetDays: 0 },
      verifier: { bodyName: "The Agency", verifies: "Access to the sites" },
    });
    const source = readExportSource({
      title: "Stored",
      updatedAt: "2026-11-24T16:45:00.000Z",
      framework: doc,
      threads: [],
    });
    const named = buildExportModel(source, ALL_ON);
    const nonPaper = buildExportModel(source, { ...ALL_ON, nonPaper: true });
    const cells = (model: typeof named) => model.annexes.flatMap((a) => a.rows.flat()).join(" | ");
    expect(cells(named)).toContain("First Party");
    for (const party of FIXTURE_PARTIES) {
      expect(cells(nonPaper)).not.toContain(party.name);
    }
    const partyIndex = source.parties.findIndex((p) => p.id === "party-a");
    expect(nonPaper.annexes[0]?.rows[0]?.[2]).toBe(`Party ${String.fromCharCode(65 + partyIndex)}`);
    // A named body is not a party: it keeps its name.
    expect(cells(nonPaper)).toContain("The Agency");
  });
});
