/** React bindings for a `CollabSession` and its rooms: snapshots and the people in the text. */
import { useEffect, useState, useSyncExternalStore } from "react";
import type { Identity } from "./identity.js";
import { type Participant, participantsFrom } from "./presence.js";
import type { Room, RoomSnapshot } from "./room.js";
import { CollabSession, type SessionSnapshot } from "./session.js";

/** Opens the session for `frameworkId` and closes it when the id changes or the page unmounts. */
export function useCollabSession(frameworkId: string, identity: Identity): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  // The identity at open time; later changes go through `session.setIdentity`.
  const [initialIdentity] = useState(identity);
  useEffect(() => {
    const opened = new CollabSession(frameworkId, initialIdentity);
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
  }, [frameworkId, initialIdentity]);
  useEffect(() => {
    session?.setIdentity(identity);
  }, [session, identity]);
  return session;
}

export function useSessionSnapshot(session: CollabSession): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** Everyone whose awareness state names them, me first. */
export function useParticipants(session: CollabSession): Participant[] {
  const { awareness } = session.provider;
  const [people, setPeople] = useState<Participant[]>(() =>
    participantsFrom(awareness.getStates(), awareness.clientID),
  );
  useEffect(() => {
    const refresh = () => setPeople(participantsFrom(awareness.getStates(), awareness.clientID));
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [awareness]);
  return people;
}

/** The connection state and local-copy state of one room. */
export function useRoomSnapshot(room: Room): RoomSnapshot {
  return useSyncExternalStore(room.subscribe, room.getSnapshot);
}
