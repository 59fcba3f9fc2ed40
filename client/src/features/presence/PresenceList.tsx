import { initialsOf } from "../../collab/identity.js";
import type { Participant } from "../../collab/presence.js";

/**
 * Everyone in the document now, with the colour of their caret. `live`: connected to the server;
 * otherwise who else is here is not known, and the list says so instead of "nobody".
 */
export function PresenceList({ people, live = true }: { people: Participant[]; live?: boolean }) {
  const others = people.filter((p) => !p.isSelf).length;
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 className="sidebar-title" id="presence-title">
        People here <span className="count">{people.length}</span>
      </h2>
      <ul className="presence-list" aria-label="People in this document">
        {people.map((person) => (
          <li key={person.clientId} className="presence-entry" data-client-id={person.clientId}>
            <span
              className="avatar avatar-small"
              style={{ backgroundColor: person.colour }}
              aria-hidden="true"
            >
              {initialsOf(person.name)}
            </span>
            <span className="presence-name">{person.name}</span>
            {person.isSelf && <span className="presence-you">you</span>}
          </li>
        ))}
      </ul>
      {!live ? (
        <p className="sidebar-empty" role="status">
          Not connected: who else is here is not known.
        </p>
      ) : (
        others === 0 && (
          <p className="sidebar-empty">
            Nobody else is here yet. Share the link and others join you live.
          </p>
        )
      )}
    </section>
  );
}

/** A compact row of avatars for the document bar. */
export function PresenceAvatars({ people }: { people: Participant[] }) {
  const shown = people.slice(0, 5);
  const more = people.length - shown.length;
  return (
    <div className="presence-avatars" aria-hidden="true">
      {shown.map((person) => (
        <span
          key={person.clientId}
          className="avatar avatar-stacked"
          style={{ backgroundColor: person.colour }}
          title={person.isSelf ? `${person.name} (you)` : person.name}
        >
          {initialsOf(person.name)}
        </span>
      ))}
      {more > 0 && <span className="avatar avatar-stacked avatar-more">+{more}</span>}
    </div>
  );
}
