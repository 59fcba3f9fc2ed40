// @vitest-environment node
import type { ThreadView } from "@parley/shared/comments/records";
import { describe, expect, it } from "vitest";
import { matchesFilter, parseFilterKey } from "./threadFilters.js";

function view(partial: {
  author: string;
  party: string | null;
  resolved?: boolean;
  replyBy?: string;
  mentions?: ThreadView["thread"]["mentions"];
}): ThreadView {
  const message = (authorId: string, party: string | null) => ({
    by: { name: authorId, party },
    authorId,
    at: "2026-01-01T00:00:00.000Z",
    body: "x",
    mentions: partial.mentions ?? [],
    editedAt: null,
    deletedAt: null,
  });
  return {
    thread: {
      threadId: "c-1",
      ...message(partial.author, partial.party),
      quote: "q",
      termId: null,
      proposal: null,
    },
    replies: partial.replyBy
      ? [{ threadId: "c-1", replyId: "r-1", ...message(partial.replyBy, "south") }]
      : [],
    events: [],
    state: { resolved: partial.resolved ?? false, last: null, applied: null },
  };
}

const me = { authorId: "u-me", name: "Me", party: "north" };

describe("thread filters", () => {
  it("splits open and resolved", () => {
    expect(matchesFilter(view({ author: "u-x", party: null }), { kind: "open" }, me)).toBe(true);
    expect(
      matchesFilter(view({ author: "u-x", party: null, resolved: true }), { kind: "open" }, me),
    ).toBe(false);
    expect(
      matchesFilter(view({ author: "u-x", party: null, resolved: true }), { kind: "resolved" }, me),
    ).toBe(true);
  });

  it("'mine' means started, answered or mentioning me or my party", () => {
    expect(matchesFilter(view({ author: "u-me", party: "north" }), { kind: "mine" }, me)).toBe(
      true,
    );
    expect(
      matchesFilter(view({ author: "u-x", party: null, replyBy: "u-me" }), { kind: "mine" }, me),
    ).toBe(true);
    const partyMention = view({
      author: "u-x",
      party: null,
      mentions: [{ kind: "party", label: "N", partyId: "north" }],
    });
    expect(matchesFilter(partyMention, { kind: "mine" }, me)).toBe(true);
    expect(matchesFilter(view({ author: "u-x", party: "south" }), { kind: "mine" }, me)).toBe(
      false,
    );
  });

  it("'by party' matches threads a party's members wrote in", () => {
    expect(
      matchesFilter(
        view({ author: "u-x", party: "north" }),
        { kind: "party", partyId: "north" },
        me,
      ),
    ).toBe(true);
    expect(
      matchesFilter(
        view({ author: "u-x", party: "east", replyBy: "u-y" }),
        { kind: "party", partyId: "south" },
        me,
      ),
    ).toBe(true);
    expect(
      matchesFilter(
        view({ author: "u-x", party: "east" }),
        { kind: "party", partyId: "north" },
        me,
      ),
    ).toBe(false);
  });

  it("parses filter keys, defaulting to open", () => {
    expect(parseFilterKey("party:north")).toEqual({ kind: "party", partyId: "north" });
    expect(parseFilterKey("mine")).toEqual({ kind: "mine" });
    expect(parseFilterKey("bogus")).toEqual({ kind: "open" });
  });
});
