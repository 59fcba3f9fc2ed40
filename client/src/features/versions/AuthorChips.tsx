/** Who made a change, grouped by party, each party in its colour. */
import type { Actor } from "@parley/shared/model/actor";
import type { CSSProperties } from "react";
import { authorsByParty } from "./comparisonView.js";

export function AuthorChips({
  actors,
  names,
}: {
  actors: readonly Actor[] | undefined;
  names: ReadonlyMap<string, string>;
}) {
  if (!actors || actors.length === 0) return null;
  return (
    <span className="author-chips">
      <span className="author-chips-by">by</span>
      {authorsByParty(actors, names).map((group) => (
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
