/** The margin's filter: open / resolved / mine / by party, as a pure function over threads. */
import type { ThreadView } from "@parley/shared/comments/records";

export type ThreadFilter =
  | { kind: "open" }
  | { kind: "resolved" }
  | { kind: "mine" }
  | { kind: "party"; partyId: string };

export interface Me {
  authorId: string;
  name: string;
  party: string | null;
}

/** Whether I started, answered or am mentioned in the thread (by person or by my party). */
export function involves(view: ThreadView, me: Me): boolean {
  const messages = [view.thread, ...view.replies];
  if (messages.some((m) => m.authorId === me.authorId)) return true;
  return messages.some((m) =>
    m.mentions.some((mention) =>
      mention.kind === "person"
        ? mention.authorId === me.authorId ||
          (mention.authorId === null && mention.label === me.name)
        : me.party !== null && mention.partyId === me.party,
    ),
  );
}

export function matchesFilter(view: ThreadView, filter: ThreadFilter, me: Me): boolean {
  switch (filter.kind) {
    case "open":
      return !view.state.resolved;
    case "resolved":
      return view.state.resolved;
    case "mine":
      return involves(view, me);
    case "party":
      return (
        view.thread.by.party === filter.partyId ||
        view.replies.some((r) => r.by.party === filter.partyId)
      );
  }
}

export function filterKey(filter: ThreadFilter): string {
  return filter.kind === "party" ? `party:${filter.partyId}` : filter.kind;
}

export function parseFilterKey(key: string): ThreadFilter {
  if (key.startsWith("party:")) return { kind: "party", partyId: key.slice("party:".length) };
  if (key === "resolved" || key === "mine") return { kind: key };
  return { kind: "open" };
}
