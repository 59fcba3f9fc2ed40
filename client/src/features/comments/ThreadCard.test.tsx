import { createThread, type ThreadWriter } from "@parley/shared/comments/commands";
import { readThreads, type ThreadView } from "@parley/shared/comments/records";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { MessageEnv } from "./MessageView.js";
import { type ReplyDraft, ThreadCard } from "./ThreadCard.js";

afterEach(cleanup);

const kofi: ThreadWriter = { actor: { name: "Kofi", party: "south" }, authorId: "u-kofi" };

function discussionWithThread(): { discussion: Y.Doc; view: () => ThreadView } {
  const discussion = new Y.Doc();
  const opened = createThread(discussion, { body: "Check the hydrology", quote: "aquifer" }, kofi);
  if (!opened.ok) throw new Error(opened.error.message);
  const view = () => readThreads(discussion).threads[0]!;
  return { discussion, view };
}

/**
 * The margin lists a thread's card among the detached ones until it has read the thread's
 * anchor, then beside its text: two parents, so React makes a new card.
 */
function MovingCard(props: {
  discussion: Y.Doc;
  view: ThreadView;
  drafts: Map<string, ReplyDraft>;
}) {
  const [aligned, setAligned] = useState(false);
  const env: MessageEnv = {
    me: kofi,
    discussion: props.discussion,
    parties: new Map(),
    candidates: [],
    canComment: true,
  };
  const card = (
    <ThreadCard
      view={props.view}
      drafts={props.drafts}
      env={env}
      anchorText={aligned ? "aquifer" : null}
      focused
      applyState={null}
      onApply={() => null}
      onFocus={() => undefined}
      placement={aligned ? "margin" : "list"}
    />
  );
  return (
    <>
      <button type="button" onClick={() => setAligned(true)}>
        anchor read
      </button>
      {aligned ? <div className="comments-track">{card}</div> : <section>{card}</section>}
    </>
  );
}

describe("a thread card's unsent reply", () => {
  it("survives the card moving from the detached list to the margin, and is sent from there", () => {
    const { discussion, view } = discussionWithThread();
    const drafts = new Map<string, ReplyDraft>();
    render(<MovingCard discussion={discussion} view={view()} drafts={drafts} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Reply" }), {
      target: { value: "On it." },
    });
    fireEvent.click(screen.getByRole("button", { name: "anchor read" }));

    expect(screen.getByRole("article").getAttribute("data-detached")).toBeNull();
    expect(screen.getByRole("textbox", { name: "Reply" })).toHaveProperty("value", "On it.");
    const send = screen.getByRole("button", { name: "Reply" });
    expect(send).toHaveProperty("disabled", false);
    fireEvent.click(send);

    expect(view().replies.map((r) => r.body)).toEqual(["On it."]);
    expect(screen.getByRole("textbox", { name: "Reply" })).toHaveProperty("value", "");
    expect(drafts.size).toBe(0);
  });
});
