/** Who made a change, grouped by party, each party in its colour. */
import type { Actor } from "@parley/shared/model/actor";
import type { CSSProperties } from "react";
import { authorsByParty, type PartyLook } from "./comparisonView.js";

export function AuthorChips({
  actors,
  parties,
  verb = "by",
}: {
  actors: readonly Actor[] | undefined;
  parties: PartyLook;
  /** The words before the names: "by", or "removed by" for a dropped option. */
  verb?: string;
}) {
  if (!actors || actors.length === 0) return null;
  return (
    <span className="author-chips">
      <span className="author-chips-by">{verb}</span>
      {authorsByParty(actors, parties.names, parties.colours).map((group) => (
        <span
          key={group.partyId ?? ""}
          className="author-chip"
          style={{ "--party": group.colour } as CSSProperties}
          data-party={group.partyId ?? ""}
        >
          <span className="author-chip-party">{group.label}</span> {group.names.join(", ")}
        </span>
      ))}
    </span>
  );
}
