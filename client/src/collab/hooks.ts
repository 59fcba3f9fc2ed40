/** React bindings for a `CollabSession` and its rooms: snapshots and the people in the text. */
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { Identity } from "./identity.js";
import { oncePerFrame } from "./oncePerFrame.js";
import { type Participant, participantsFrom, sameParticipants } from "./presence.js";
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

/**
 * Everyone whose awareness state names them, me first. Awareness changes with every caret move of
 * every peer (the carets are drawn by the editor's caret plugin, not here): the list is re-read at
 * most once per animation frame and set only when the people, their names or colours changed, so
 * the workspace does not re-render for a moving caret.
 */
export function useParticipants(session: CollabSession): Participant[] {
  return useAwarenessParticipants(session.provider.awareness);
}

/** `useParticipants` for one awareness instance. */
export function useAwarenessParticipants(awareness: Awareness): Participant[] {
  const [people, setPeople] = useState<Participant[]>(() =>
    participantsFrom(awareness.getStates(), awareness.clientID),
  );
  const shown = useRef(people);
  shown.current = people;
  useEffect(() => {
    const refresh = oncePerFrame(() => {
      const next = participantsFrom(awareness.getStates(), awareness.clientID);
      // no state update at all when nothing shown changed (React would still render once)
      if (sameParticipants(shown.current, next)) return;
      shown.current = next;
      setPeople(next);
    });
    refresh.schedule();
    awareness.on("change", refresh.schedule);
    return () => {
      awareness.off("change", refresh.schedule);
      refresh.cancel();
    };
  }, [awareness]);
  return people;
}

/** The connection state and local-copy state of one room. */
export function useRoomSnapshot(room: Room): RoomSnapshot {
  return useSyncExternalStore(room.subscribe, room.getSnapshot);
}
